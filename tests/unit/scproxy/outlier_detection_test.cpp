// Endpoint choice and ejection, without sockets.
#include <catch2/catch.hpp>

#include <chrono>
#include <memory>
#include <vector>

#include "net/service_connect/outlier_detection.hpp"

using namespace ecsemu::net::service_connect;

namespace {

AliasRoute route_of(std::size_t endpoints) {
    AliasRoute route;
    for (std::size_t i = 0; i < endpoints; ++i) {
        EndpointRoute endpoint;
        endpoint.dialable = true;
        endpoint.health = std::make_shared<EndpointHealth>();
        route.endpoints.push_back(endpoint);
    }
    return route;
}

bool fail_times(const AliasRoute& route, std::size_t index, int times, steady_clock::time_point now) {
    bool ejected = false;
    for (int i = 0; i < times; ++i) ejected = record_failure(route, index, now) || ejected;
    return ejected;
}

}  // namespace

TEST_CASE("round robin skips ejected and already tried endpoints", "[scproxy][outlier]") {
    auto route = route_of(3);
    auto now = steady_clock::now();
    std::uint32_t position = 0;
    std::vector<std::size_t> none;
    CHECK(choose_endpoint(route, position, none, now) == 0);
    CHECK(choose_endpoint(route, position, none, now) == 1);
    CHECK(choose_endpoint(route, position, none, now) == 2);
    CHECK(choose_endpoint(route, position, none, now) == 0);

    std::vector<std::size_t> tried{1};
    position = 1;
    CHECK(choose_endpoint(route, position, tried, now) == 2);
    std::vector<std::size_t> all{0, 1, 2};
    CHECK(choose_endpoint(route, position, all, now) != kNoEndpoint);  // tried ones are used again

    REQUIRE(fail_times(route, 2, 5, now));
    position = 2;
    CHECK(choose_endpoint(route, position, none, now) == 0);
    route.endpoints[1].dialable = false;
    CHECK(choose_endpoint(route, position, none, now) == 0);
    CHECK(choose_endpoint(route_of(0), position, none, now) == kNoEndpoint);
}

TEST_CASE("five consecutive failures eject for 30 s, then longer each time", "[scproxy][outlier]") {
    auto route = route_of(2);
    auto now = steady_clock::now();
    CHECK_FALSE(fail_times(route, 0, 4, now));
    record_success(*route.endpoints[0].health, now);  // a good answer resets the count
    CHECK_FALSE(fail_times(route, 0, 4, now));
    CHECK(record_failure(route, 0, now));
    CHECK(is_ejected(*route.endpoints[0].health, now + std::chrono::seconds(29)));
    CHECK_FALSE(is_ejected(*route.endpoints[0].health, now + std::chrono::seconds(30)));

    auto later = now + std::chrono::seconds(31);
    CHECK(fail_times(route, 0, 5, later));
    CHECK(is_ejected(*route.endpoints[0].health, later + std::chrono::seconds(59)));
    CHECK_FALSE(is_ejected(*route.endpoints[0].health, later + std::chrono::seconds(60)));
}

TEST_CASE("no more than half the endpoints are ejected, but always one may be", "[scproxy][outlier]") {
    auto now = steady_clock::now();
    auto four = route_of(4);
    CHECK(fail_times(four, 0, 5, now));
    CHECK(fail_times(four, 1, 5, now));
    CHECK_FALSE(fail_times(four, 2, 10, now));
    CHECK_FALSE(is_ejected(*four.endpoints[2].health, now));

    auto one = route_of(1);
    CHECK(fail_times(one, 0, 5, now));
    std::uint32_t position = 0;
    std::vector<std::size_t> none;
    CHECK(choose_endpoint(one, position, none, now) == 0);  // panic routing: still chosen
}
