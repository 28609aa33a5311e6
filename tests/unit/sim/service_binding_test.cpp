// A binding finds its region and service in the ECS store and keeps what it found: what it keeps must be
// what a fresh lookup would find, across services created later, re-created in place, and world resets.
#include <catch2/catch.hpp>

#include <string>

#include "emulator/core/ecs/ecs_world.hpp"
#include "sim/run/service_binding.hpp"

namespace ecsemu::test {
namespace {

using core::ecs::EcsWorld;
using core::ecs::Service;

sim::ServiceBinding binding_of(const std::string& cluster, const std::string& service) {
    sim::ServiceBinding binding;
    binding.account_id = "000000000000";
    binding.region = "ap-southeast-1";
    binding.cluster_name = cluster;
    binding.service_name = service;
    return binding;
}

Service& put_service(EcsWorld& world, const std::string& cluster, const std::string& name, int desired) {
    Service service;
    service.name = name;
    service.cluster_name = cluster;
    service.desired_count = desired;
    auto& services = world.region("000000000000", "ap-southeast-1").state.services[cluster];
    return services.insert_or_assign(name, service).first->second;
}

TEST_CASE("a binding finds its service once it exists, not before", "[sim][binding]") {
    EcsWorld world;
    const auto binding = binding_of("prod", "api");
    CHECK(sim::find_region(world, binding) == nullptr);
    CHECK(sim::find_service(world, binding) == nullptr);

    put_service(world, "prod", "web", 1);
    REQUIRE(sim::find_region(world, binding) != nullptr);
    CHECK(sim::find_service(world, binding) == nullptr);  // another service of the cluster

    const Service& api = put_service(world, "prod", "api", 2);
    CHECK(sim::find_service(world, binding) == &api);
    CHECK(sim::find_service(world, binding) == &api);  // kept
}

TEST_CASE("a binding sees its service re-created in place", "[sim][binding]") {
    EcsWorld world;
    const auto binding = binding_of("prod", "api");
    put_service(world, "prod", "api", 2);
    REQUIRE(sim::find_service(world, binding) != nullptr);
    put_service(world, "prod", "api", 7);  // CreateService over an INACTIVE one assigns in place
    const Service* found = sim::find_service(world, binding);
    REQUIRE(found != nullptr);
    CHECK(found->desired_count == 7);
}

TEST_CASE("a world reset drops what a binding kept", "[sim][binding]") {
    EcsWorld world;
    const auto binding = binding_of("prod", "api");
    put_service(world, "prod", "api", 2);
    REQUIRE(sim::find_service(world, binding) != nullptr);

    world.reset();
    CHECK(sim::find_region(world, binding) == nullptr);
    CHECK(sim::find_service(world, binding) == nullptr);

    const Service& again = put_service(world, "prod", "api", 3);
    CHECK(sim::find_service(world, binding) == &again);
    CHECK(sim::find_service(world, binding)->desired_count == 3);
}

TEST_CASE("a binding asked about another world looks there", "[sim][binding]") {
    EcsWorld first;
    EcsWorld second;
    const auto binding = binding_of("prod", "api");
    const Service& in_first = put_service(first, "prod", "api", 2);
    REQUIRE(sim::find_service(first, binding) == &in_first);
    CHECK(sim::find_service(second, binding) == nullptr);
    const Service& in_second = put_service(second, "prod", "api", 5);
    CHECK(sim::find_service(second, binding) == &in_second);
    CHECK(sim::find_service(first, binding) == &in_first);
}

}  // namespace
}  // namespace ecsemu::test
