#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "emulator/core/scheduler/census.hpp"

using namespace ecsemu::core;
using namespace ecsemu::core::scheduler;

namespace {

constexpr Instant kNow{1'700'000'000'000};

ServiceView service_with_tasks(const std::vector<std::string>& ids) {
    ServiceView service;
    service.name = "web";
    for (const auto& id : ids) {
        TaskView task;
        task.id = id;
        task.last_status = TaskStatus::Pending;
        task.created_at = kNow - Duration::seconds(5);
        service.tasks.push_back(task);
    }
    return service;
}

std::vector<std::string> live_ids(const Census& census) {
    std::vector<std::string> ids;
    for (const auto& entry : census.live) ids.push_back(entry.task->id);
    return ids;
}

}  // namespace

TEST_CASE("the census lists live tasks in id order whatever order the view gives them in",
          "[scheduler][census]") {
    const HealthRules rules;
    const std::vector<std::string> sorted{"a1", "b2", "c3", "d4"};
    // The engine's views come sorted; hand-built ones may not.
    for (const auto& given : std::vector<std::vector<std::string>>{
             sorted, {"d4", "c3", "b2", "a1"}, {"b2", "a1", "d4", "c3"}, {"a1", "b2", "d4", "c3"}}) {
        const ServiceView service = service_with_tasks(given);
        const Census census = take_census(service, nullptr, rules, kNow);
        CHECK(live_ids(census) == sorted);
        CHECK(census.older.starting == 4);
    }
}
