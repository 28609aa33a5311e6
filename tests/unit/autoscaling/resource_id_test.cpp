#include <catch2/catch.hpp>
#include <string>
#include <string_view>

#include "emulator/core/autoscaling/scalable_resources.hpp"

using ecsemu::core::autoscaling::parse_ecs_service_resource_id;

TEST_CASE("An ECS service resource id names a cluster and a service", "[autoscaling][resource_id]") {
    const std::string resource_id = "service/ielts-prod-cluster/ielts-backend-service";
    const auto names = parse_ecs_service_resource_id(resource_id);
    REQUIRE(names);
    CHECK(names->first == "ielts-prod-cluster");
    CHECK(names->second == "ielts-backend-service");
    // Views into the id, not copies.
    CHECK(names->first.data() == resource_id.data() + 8);

    for (const std::string_view other : {"", "service/", "service/c", "service/c/", "service//s",
                                         "service/c/s/x", "cluster/c/s", "Service/c/s", "c/s", "service"}) {
        INFO(std::string(other));
        CHECK_FALSE(parse_ecs_service_resource_id(other));
    }
}
