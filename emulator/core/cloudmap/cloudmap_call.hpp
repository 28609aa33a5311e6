#pragma once
// What every Cloud Map core operation works on: the region's state and ids, and the call's account, region
// and time. Operations read no clock and draw ids only from the region's IdSource, so replaying journaled
// calls rebuilds the same objects. They check everything before they change anything: a failed call leaves
// the state as it was (the caller restores the IdSource).
#include <string>

#include "emulator/core/cloudmap/cloudmap_state.hpp"
#include "emulator/core/errors.hpp"
#include "emulator/core/time.hpp"

namespace ecsemu::core::cloudmap {

struct CloudMapCall {
    CloudMapRegion& region_state;
    std::string account_id;
    std::string region;
    Instant now;

    CloudMapState& state() { return region_state.state; }
    IdSource& ids() { return region_state.ids; }
};

}  // namespace ecsemu::core::cloudmap
