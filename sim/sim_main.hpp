#pragma once
// Entry point of `ecsemu sim SCENARIO.json [--seed N] [--duration D] [--out DIR] [--quiet]` (README
// "Simulation"). Exit status: 0 after a run, 1 when the scenario or a trace is malformed or its resources are
// refused (nothing is written), 2 for a bad command line.
namespace ecsemu::sim {
int sim_main(int argc, char** argv);
}
