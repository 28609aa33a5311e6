#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "sim/kernel/virtual_clock.hpp"

using ecsemu::core::Duration;
using ecsemu::core::Instant;
using ecsemu::sim::VirtualClock;

TEST_CASE("virtual clock fires in (deadline, sequence) order and advances time", "[sim][clock]") {
    VirtualClock clock(Instant{1'000});
    std::vector<std::string> fired;
    clock.schedule_at(Instant{3'000}, [&] { fired.push_back("c@" + std::to_string(clock.now().epoch_ms)); });
    clock.schedule_at(Instant{2'000}, [&] { fired.push_back("a@" + std::to_string(clock.now().epoch_ms)); });
    clock.schedule_at(Instant{2'000}, [&] { fired.push_back("b@" + std::to_string(clock.now().epoch_ms)); });

    CHECK(clock.run_until(Instant{2'500}) == 2);
    CHECK(clock.now() == Instant{2'500});
    CHECK(clock.run_for(Duration::seconds(10)) == 1);
    CHECK(fired == std::vector<std::string>{"a@2000", "b@2000", "c@3000"});
    CHECK(clock.now() == Instant{12'500});
}

TEST_CASE("virtual clock: cancel, past deadlines, timers scheduled by timers", "[sim][clock]") {
    VirtualClock clock(Instant{0});
    int count = 0;
    const auto cancelled = clock.schedule_at(Instant{10}, [&] { count += 100; });
    clock.cancel(cancelled);
    clock.cancel(cancelled);  // twice is harmless
    clock.schedule_at(Instant{20}, [&] {
        ++count;
        clock.schedule_at(Instant{5}, [&] { count += 10; });  // in the past: fires at now
    });
    clock.run_until(Instant{20});
    CHECK(count == 11);
    CHECK(clock.pending() == 0);
    CHECK_FALSE(clock.step());
}
