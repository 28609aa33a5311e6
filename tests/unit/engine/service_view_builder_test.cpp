// build_service_view: what the scheduler reads of a service. It copies only what can change a plan, so
// these cases pin down what must still be there.
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "emulator/core/ecs/tasks.hpp"
#include "emulator/core/engine/service_view_builder.hpp"
#include "emulator/core/scheduler/event_text.hpp"
#include "support/guide_ec2_directory.hpp"

namespace ecsemu::test {
namespace {

using core::Instant;
using core::ecs::EcsState;
using core::scheduler::TargetHealth;

core::ecs::Service& add_service(EcsState& state) {
    core::ecs::Service& service = state.services["prod"]["api"];
    service.name = "api";
    service.cluster_name = "prod";
    service.status = core::ecs::ServiceStatus::Active;
    return service;
}

void add_task(EcsState& state, const std::string& id) {
    core::ecs::Task task;
    task.id = id;
    task.cluster_name = "prod";
    task.service_name = "api";
    task.group = "service:api";
    task.last_status = core::ecs::TaskStatus::Running;
    core::ecs::store_task(state, std::move(task));
}

}  // namespace

TEST_CASE("The view's events run up to the first one that is not a condition event", "[engine][view]") {
    EcsState state(core::ecs::ArnScope{"ap-southeast-1", "000000000000"});
    core::ecs::Service& service = add_service(state);
    const std::string steady = core::scheduler::steady_state_message("api");
    const std::string stall = core::scheduler::deployment_configuration_stall_message("api");
    const std::string started = "(service api) has started 1 tasks: (task a1).";
    // Newest first, as the store keeps them.
    service.events = {{"e5", Instant{5000}, steady},
                      {"e4", Instant{4000}, stall},
                      {"e3", Instant{3000}, started},
                      {"e2", Instant{2000}, steady},
                      {"e1", Instant{1000}, started}};
    GuideEc2Directory ec2;

    const auto view = core::engine::build_service_view(state, ec2, service, {});

    std::vector<std::string> messages;
    for (const auto& event : view.recent_events) messages.push_back(event.message);
    CHECK(messages == std::vector<std::string>{steady, stall, started});
    REQUIRE(view.recent_events.size() == 3);
    CHECK(view.recent_events[1].created_at == Instant{4000});

    SECTION("a service whose newest event is not a condition passes just that one") {
        service.events.erase(service.events.begin(), service.events.begin() + 2);
        const auto trimmed = core::engine::build_service_view(state, ec2, service, {});
        REQUIRE(trimmed.recent_events.size() == 1);
        CHECK(trimmed.recent_events[0].message == started);
    }
}

TEST_CASE("Each task in the view carries its own target health, None when unregistered", "[engine][view]") {
    EcsState state(core::ecs::ArnScope{"ap-southeast-1", "000000000000"});
    core::ecs::Service& service = add_service(state);
    for (const char* id : {"d4", "a1", "c3", "b2"}) add_task(state, id);
    GuideEc2Directory ec2;
    core::engine::TargetHealthInput health;
    health.connected = true;
    // "0" sorts before every task and "z9" after; neither belongs to the service.
    health.by_task_id = {{"0", TargetHealth::Unhealthy},
                         {"b2", TargetHealth::Healthy},
                         {"c3", TargetHealth::Draining},
                         {"z9", TargetHealth::Unhealthy}};

    const auto view = core::engine::build_service_view(state, ec2, service, health);

    REQUIRE(view.tasks.size() == 4);
    CHECK(view.tasks[0].id == "a1");
    CHECK(view.tasks[0].target_health == TargetHealth::None);
    CHECK(view.tasks[1].target_health == TargetHealth::Healthy);
    CHECK(view.tasks[2].target_health == TargetHealth::Draining);
    CHECK(view.tasks[3].id == "d4");
    CHECK(view.tasks[3].target_health == TargetHealth::None);
}

}  // namespace ecsemu::test
