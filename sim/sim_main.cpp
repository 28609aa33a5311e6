#include "sim/sim_main.hpp"

#include <cstdio>

namespace ecsemu::sim {

int sim_main(int /*argc*/, char** /*argv*/) {
    std::fputs("ecsemu sim: the simulator is not built yet in this version\n", stderr);
    return 2;
}

}  // namespace ecsemu::sim
