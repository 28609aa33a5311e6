#include <deque>

#include <catch2/catch.hpp>

#include "emulator/core/scheduler/placement.hpp"

using namespace ecsemu::core;
using namespace ecsemu::core::scheduler;

namespace {

constexpr Instant kNow{1'700'000'000'000};

std::vector<SubnetView> subnets(std::initializer_list<const char*> zones) {
    std::vector<SubnetView> out;
    for (const char* zone : zones) out.push_back({std::string("subnet-") + zone, zone});
    return out;
}

// Owns the tasks so that TaskEntry/StopCandidate pointers stay valid.
struct Tasks {
    std::deque<TaskView> storage;

    const TaskView* add(const std::string& id, const std::string& zone, int created_s = 0) {
        TaskView task;
        task.id = id;
        task.availability_zone = zone;
        task.created_at = kNow + Duration::seconds(created_s);
        storage.push_back(task);
        return &storage.back();
    }
};

std::vector<std::string> ids(const std::vector<StopCandidate>& picked) {
    std::vector<std::string> out;
    for (const auto& candidate : picked) out.push_back(candidate.task->id);
    return out;
}

}  // namespace

TEST_CASE("Starts go to the zone with the fewest active tasks, ties by zone name", "[scheduler][placement]") {
    Tasks tasks;
    const std::vector<TaskEntry> live{
        {tasks.add("a1", "az-a"), TaskCondition::Healthy, true},
        {tasks.add("a2", "az-a"), TaskCondition::Starting, true},
        {tasks.add("b1", "az-b"), TaskCondition::Healthy, false},
        {tasks.add("c1", "az-c"), TaskCondition::Leaving, false},  // leaving tasks are not counted
    };
    ZoneSpread spread(subnets({"az-c", "az-b", "az-a"}), live);
    std::vector<std::string> zones;
    for (int i = 0; i < 5; ++i) zones.push_back(spread.place_next_start().availability_zone);
    CHECK(zones == std::vector<std::string>{"az-c", "az-b", "az-c", "az-a", "az-b"});

    ZoneSpread none({}, live);
    CHECK(none.place_next_start().availability_zone.empty());
}

TEST_CASE("A zone with several subnets starts tasks in its first subnet", "[scheduler][placement]") {
    ZoneSpread spread({{"subnet-2", "az-b"}, {"subnet-1", "az-a"}, {"subnet-3", "az-a"}}, {});
    const Placement first = spread.place_next_start();
    CHECK(first.availability_zone == "az-a");
    CHECK(first.subnet_id == "subnet-1");
    CHECK(spread.place_next_start().subnet_id == "subnet-2");
}

TEST_CASE("Stops come from the fullest zone, then the least useful task, then the newest",
          "[scheduler][placement]") {
    Tasks tasks;
    const auto* a_old = tasks.add("a-old", "az-a", 0);
    const auto* a_new = tasks.add("a-new", "az-a", 100);
    const auto* a_starting = tasks.add("a-starting", "az-a", 50);
    const auto* b_unhealthy = tasks.add("b-unhealthy", "az-b", 0);
    const auto* b_new = tasks.add("b-new", "az-b", 200);
    const std::vector<TaskEntry> live{
        {a_old, TaskCondition::Healthy, true},       {a_new, TaskCondition::Healthy, true},
        {a_starting, TaskCondition::Starting, true}, {b_unhealthy, TaskCondition::Unhealthy, true},
        {b_new, TaskCondition::Healthy, true},
    };
    std::vector<StopCandidate> candidates;
    for (const auto& entry : live) candidates.push_back({entry.task, entry.condition});

    SECTION("with budget for every healthy task") {
        ZoneSpread spread(subnets({"az-a", "az-b"}), live);
        int budget = 10;
        // a:3 b:2 -> a-starting; a:2 b:2 -> az-a by name, newest healthy a-new; a:1 b:2 -> b-unhealthy;
        // a:1 b:1 -> az-a: a-old.
        CHECK(ids(pick_tasks_to_stop(candidates, 4, budget, spread)) ==
              std::vector<std::string>{"a-starting", "a-new", "b-unhealthy", "a-old"});
        CHECK(budget == 8);
    }
    SECTION("with no healthy budget only the starting and unhealthy tasks may go") {
        ZoneSpread spread(subnets({"az-a", "az-b"}), live);
        int budget = 0;
        CHECK(ids(pick_tasks_to_stop(candidates, 4, budget, spread)) ==
              std::vector<std::string>{"a-starting", "b-unhealthy"});
        CHECK(budget == 0);
    }
    SECTION("with a budget of one") {
        ZoneSpread spread(subnets({"az-a", "az-b"}), live);
        int budget = 1;
        CHECK(ids(pick_tasks_to_stop(candidates, 4, budget, spread)) ==
              std::vector<std::string>{"a-starting", "a-new", "b-unhealthy"});
        CHECK(budget == 0);
    }
}
