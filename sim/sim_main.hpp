#pragma once
// Entry point of `ecsemu sim`. The simulator itself arrives with its own issue; until then the command
// reports that it is not available and exits 2.
namespace ecsemu::sim {
int sim_main(int argc, char** argv);
}
