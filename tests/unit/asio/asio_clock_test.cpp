// AsioClock on a real io_context. Accelerated scales keep every case in milliseconds of real time; the
// assertions are about order and about now() at firing, never about wall-clock durations. Every run is
// bounded by run_for, and an idle clock must let io_context::run return on its own.
#include <catch2/catch.hpp>

#include <chrono>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include <boost/asio/io_context.hpp>

#include "net/asio/asio_clock.hpp"

using namespace std::chrono_literals;
using ecsemu::core::Duration;
using ecsemu::core::Instant;
using ecsemu::core::TimerId;
using ecsemu::net::AsioClock;

namespace {

// Runs until the io_context has no work left (the clock disarms when its queue empties) or the bound
// passes. True when it ran dry.
bool run_dry(boost::asio::io_context& io, std::chrono::milliseconds bound = 5s) {
    auto started = std::chrono::steady_clock::now();
    io.restart();
    io.run_for(bound);
    return io.stopped() && std::chrono::steady_clock::now() - started < bound;
}

}  // namespace

TEST_CASE("timers fire in (deadline, sequence) order with now() at or past the deadline", "[asio][clock]") {
    boost::asio::io_context io;
    AsioClock clock(io, 1000.0);
    const Instant start = clock.now();
    std::vector<std::string> fired;
    auto record = [&](std::string name, Instant deadline) {
        return [&fired, &clock, name, deadline] {
            CHECK(clock.now() >= deadline);
            fired.push_back(name);
        };
    };
    const Instant later = start + Duration::seconds(5);
    const Instant sooner = start + Duration::seconds(2);
    clock.schedule_at(later, record("later-1", later));
    clock.schedule_at(sooner, record("sooner", sooner));
    clock.schedule_at(later, record("later-2", later));
    clock.schedule_at(start - Duration::seconds(1), record("past", start));
    clock.schedule_at(later, record("later-3", later));
    CHECK(clock.pending() == 5);

    REQUIRE(run_dry(io));
    CHECK(fired == std::vector<std::string>{"past", "sooner", "later-1", "later-2", "later-3"});
    CHECK(clock.pending() == 0);
    CHECK(clock.now() >= later);
}

TEST_CASE("at scale 1000, five emulated seconds pass within the bound", "[asio][clock]") {
    boost::asio::io_context io;
    AsioClock clock(io, 1000.0);
    CHECK(clock.time_scale() == 1000.0);
    const Instant deadline = clock.now() + Duration::seconds(5);
    Instant fired_at{};
    clock.schedule_at(deadline, [&] { fired_at = clock.now(); });
    REQUIRE(run_dry(io, 2s));
    CHECK(fired_at >= deadline);
}

TEST_CASE("cancel removes a pending timer and ignores fired or unknown ids", "[asio][clock]") {
    boost::asio::io_context io;
    AsioClock clock(io, 1000.0);
    const Instant start = clock.now();
    std::vector<std::string> fired;
    TimerId first = clock.schedule_at(start + Duration::seconds(1), [&] { fired.push_back("first"); });
    TimerId head = clock.schedule_at(start + Duration::milliseconds(500), [&] { fired.push_back("head"); });
    clock.schedule_at(start + Duration::seconds(2), [&] { fired.push_back("last"); });
    clock.cancel(head);  // the armed timer wakes early, finds nothing due and re-arms
    clock.cancel(head);
    clock.cancel(TimerId{9'999});
    CHECK(clock.pending() == 2);

    REQUIRE(run_dry(io));
    CHECK(fired == std::vector<std::string>{"first", "last"});
    clock.cancel(first);  // already fired
    CHECK(clock.pending() == 0);
}

TEST_CASE("cancelling every timer lets the io_context run dry at once", "[asio][clock]") {
    boost::asio::io_context io;
    AsioClock clock(io);  // scale 1: the timer is an hour away in real time too
    bool fired = false;
    TimerId id = clock.schedule_at(clock.now() + Duration::minutes(60), [&] { fired = true; });
    clock.cancel(id);
    REQUIRE(run_dry(io, 2s));
    CHECK_FALSE(fired);
}

TEST_CASE("a timer may cancel a later one and schedule new ones", "[asio][clock]") {
    boost::asio::io_context io;
    AsioClock clock(io, 1000.0);
    const Instant start = clock.now();
    std::vector<std::string> fired;
    TimerId doomed = clock.schedule_at(start + Duration::seconds(3), [&] { fired.push_back("doomed"); });
    clock.schedule_at(start + Duration::seconds(1), [&] {
        fired.push_back("first");
        clock.cancel(doomed);
        // Scheduled at "now" from inside a callback: runs in a later dispatch, after what was already due.
        clock.schedule_at(clock.now(), [&] { fired.push_back("chained"); });
        clock.schedule_at(clock.now() + Duration::seconds(1), [&] { fired.push_back("chained-later"); });
    });
    clock.schedule_at(start + Duration::seconds(1), [&] { fired.push_back("second"); });

    REQUIRE(run_dry(io));
    CHECK(fired == std::vector<std::string>{"first", "second", "chained", "chained-later"});
}

TEST_CASE("a self-rescheduling timer does not starve other work", "[asio][clock]") {
    boost::asio::io_context io;
    AsioClock clock(io, 1000.0);
    int ticks = 0;
    bool other_ran = false;
    std::function<void()> tick = [&] {
        if (++ticks < 1000) clock.schedule_at(clock.now(), tick);
    };
    clock.schedule_at(clock.now(), tick);
    clock.schedule_at(clock.now() + Duration::milliseconds(1), [&] { other_ran = true; });
    REQUIRE(run_dry(io));
    CHECK(ticks == 1000);
    CHECK(other_ran);
}

TEST_CASE("emulated time starts at the wall clock and advances with the scale", "[asio][clock]") {
    boost::asio::io_context io;
    auto wall_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                       std::chrono::system_clock::now().time_since_epoch())
                       .count();
    AsioClock clock(io, 60.0);
    const Instant first = clock.now();
    CHECK(first.epoch_ms >= wall_ms);
    CHECK(first.epoch_ms - wall_ms < 60'000);
    bool fired = false;
    clock.schedule_at(first + Duration::seconds(3), [&] { fired = true; });  // ~50 ms real
    REQUIRE(run_dry(io, 3s));
    CHECK(fired);
    CHECK(clock.now() - first >= Duration::seconds(3));
}

TEST_CASE("destroying the clock drops its timers without running them", "[asio][clock]") {
    boost::asio::io_context io;
    bool fired = false;
    {
        AsioClock clock(io, 1000.0);
        clock.schedule_at(clock.now() + Duration::milliseconds(100), [&] { fired = true; });
    }
    REQUIRE(run_dry(io, 2s));
    CHECK_FALSE(fired);
}

TEST_CASE("the time scale must be positive", "[asio][clock]") {
    boost::asio::io_context io;
    CHECK_THROWS_AS(AsioClock(io, 0.0), std::invalid_argument);
    CHECK_THROWS_AS(AsioClock(io, -2.0), std::invalid_argument);
}
