// The store's task indexes (EcsState::task_index): what they answer must match a walk of every task, as
// tasks are stored, stop and are forgotten.
#include <catch2/catch.hpp>
#include <span>
#include <string>
#include <vector>

#include "emulator/core/ecs/services.hpp"
#include "emulator/core/ecs/tasks.hpp"

namespace ecsemu::test {
namespace {

using core::Instant;
using core::ecs::EcsState;
using core::ecs::Task;
using core::ecs::TaskStatus;

Task make_task(const std::string& id, const std::string& cluster, const std::string& service,
               const std::string& ip) {
    Task task;
    task.id = id;
    task.cluster_name = cluster;
    task.service_name = service;
    task.group = service.empty() ? "family:job" : "service:" + service;
    task.last_status = TaskStatus::Running;
    core::ecs::TaskEni eni;
    eni.subnet_id = "subnet-a";
    eni.private_ipv4_address = ip;
    task.eni = eni;
    return task;
}

std::vector<std::string> ids_of(std::span<const Task* const> tasks) {
    std::vector<std::string> ids;
    ids.reserve(tasks.size());
    for (const Task* task : tasks) ids.push_back(task->id);
    return ids;
}

void stop(EcsState& state, const std::string& cluster, const std::string& id, Instant at) {
    core::ecs::settle_stopped_task(state.tasks.at(cluster).at(id), at);
}

}  // namespace

TEST_CASE("A service's tasks come from the index in id order, across statuses", "[ecs][task-index]") {
    EcsState state(core::ecs::ArnScope{"ap-southeast-1", "000000000000"});
    core::ecs::store_task(state, make_task("c3", "prod", "api", "10.0.0.3"));
    core::ecs::store_task(state, make_task("a1", "prod", "api", "10.0.0.1"));
    core::ecs::store_task(state, make_task("b2", "prod", "web", "10.0.0.2"));
    core::ecs::store_task(state, make_task("d4", "test", "api", "10.0.0.4"));
    core::ecs::store_task(state, make_task("e5", "prod", "", "10.0.0.5"));
    stop(state, "prod", "c3", Instant{1000});

    CHECK(ids_of(core::ecs::tasks_launched_for(state, "prod", "api")) ==
          std::vector<std::string>{"a1", "c3"});
    CHECK(ids_of(core::ecs::tasks_launched_for(state, "prod", "web")) == std::vector<std::string>{"b2"});
    CHECK(ids_of(core::ecs::tasks_launched_for(state, "test", "api")) == std::vector<std::string>{"d4"});
    CHECK(core::ecs::tasks_launched_for(state, "prod", "nope").empty());
    CHECK(ids_of(core::ecs::tasks_in_group(state, "prod", "family:job")) == std::vector<std::string>{"e5"});
    CHECK(ids_of(core::ecs::tasks_in_group(state, "prod", "service:api")) ==
          std::vector<std::string>{"a1", "c3"});
}

TEST_CASE("An address is taken while a live task holds it, even when a stopped one had it too",
          "[ecs][task-index]") {
    EcsState state(core::ecs::ArnScope{"ap-southeast-1", "000000000000"});
    core::ecs::store_task(state, make_task("a1", "prod", "api", "10.0.0.7"));
    CHECK(core::ecs::address_taken(state, "subnet-a", "10.0.0.7"));
    CHECK_FALSE(core::ecs::address_taken(state, "subnet-b", "10.0.0.7"));
    CHECK_FALSE(core::ecs::address_taken(state, "subnet-a", "10.0.0.8"));

    stop(state, "prod", "a1", Instant{1000});
    CHECK_FALSE(core::ecs::address_taken(state, "subnet-a", "10.0.0.7"));
    core::ecs::store_task(state, make_task("b2", "prod", "api", "10.0.0.7"));  // reused
    CHECK(core::ecs::address_taken(state, "subnet-a", "10.0.0.7"));
    stop(state, "prod", "b2", Instant{2000});
    CHECK_FALSE(core::ecs::address_taken(state, "subnet-a", "10.0.0.7"));
}

TEST_CASE("Every task that had an address, across subnets and clusters, in (cluster, id) order",
          "[ecs][task-index]") {
    EcsState state(core::ecs::ArnScope{"ap-southeast-1", "000000000000"});
    core::ecs::store_task(state, make_task("c3", "prod", "api", "10.0.0.7"));
    core::ecs::store_task(state, make_task("b2", "dev", "api", "10.0.0.7"));
    Task other_vpc = make_task("a1", "prod", "web", "10.0.0.7");
    other_vpc.eni->subnet_id = "subnet-z";
    core::ecs::store_task(state, std::move(other_vpc));
    core::ecs::store_task(state, make_task("d4", "prod", "api", "10.0.0.8"));
    stop(state, "prod", "c3", Instant{1000});

    CHECK(ids_of(core::ecs::tasks_with_address(state, "10.0.0.7")) ==
          std::vector<std::string>{"b2", "a1", "c3"});
    CHECK(ids_of(core::ecs::tasks_with_address(state, "10.0.0.8")) == std::vector<std::string>{"d4"});
    CHECK(core::ecs::tasks_with_address(state, "10.0.0.9").empty());

    // The live one, the last in that order when two share it: c3 is stopped, a1 (other VPC) follows b2.
    REQUIRE(core::ecs::last_live_task_with_address(state, "10.0.0.7") != nullptr);
    CHECK(core::ecs::last_live_task_with_address(state, "10.0.0.7")->id == "a1");
    CHECK(core::ecs::last_live_task_with_address(state, "10.0.0.8")->id == "d4");
    stop(state, "prod", "d4", Instant{1000});
    CHECK(core::ecs::last_live_task_with_address(state, "10.0.0.8") == nullptr);
    CHECK(core::ecs::last_live_task_with_address(state, "10.0.0.9") == nullptr);
}

TEST_CASE("Forgetting a stopped task removes it from its cluster and every index", "[ecs][task-index]") {
    EcsState state(core::ecs::ArnScope{"ap-southeast-1", "000000000000"});
    core::ecs::store_task(state, make_task("a1", "prod", "api", "10.0.0.1"));
    core::ecs::store_task(state, make_task("b2", "prod", "api", "10.0.0.2"));
    stop(state, "prod", "a1", Instant{1000});

    // Live, or stopped at or after the cutoff: kept.
    CHECK_FALSE(core::ecs::forget_stopped_task(state, "prod", "b2", Instant{5000}));
    CHECK_FALSE(core::ecs::forget_stopped_task(state, "prod", "a1", Instant{1000}));
    CHECK_FALSE(core::ecs::forget_stopped_task(state, "prod", "zz", Instant{5000}));
    CHECK(core::ecs::forget_stopped_task(state, "prod", "a1", Instant{1001}));

    CHECK(state.tasks.at("prod").count("a1") == 0);
    CHECK(ids_of(core::ecs::tasks_launched_for(state, "prod", "api")) == std::vector<std::string>{"b2"});
    CHECK(ids_of(core::ecs::tasks_in_group(state, "prod", "service:api")) == std::vector<std::string>{"b2"});
    CHECK(state.task_index.by_address.count("10.0.0.1") == 0);
    CHECK(state.task_index.by_address.at("10.0.0.2").size() == 1);

    stop(state, "prod", "b2", Instant{2000});
    CHECK(core::ecs::forget_stopped_task(state, "prod", "b2", Instant{3000}));
    // Emptied levels go too, so a long run's index does not grow with every name it ever saw.
    CHECK(state.task_index.by_service.empty());
    CHECK(state.task_index.by_group.empty());
    CHECK(state.task_index.by_address.empty());
    CHECK(state.task_index.by_id.empty());
}

TEST_CASE("Tasks are found by id as the store holds them, an id stored twice included", "[ecs][task-index]") {
    EcsState state(core::ecs::ArnScope{"ap-southeast-1", "000000000000"});
    // 32 characters, as ids are drawn: past a string's inline buffer, so a moved id hands its storage away.
    const auto id = [](const std::string& tail) { return std::string(32 - tail.size(), '0') + tail; };
    core::ecs::store_task(state, make_task(id("a1"), "prod", "api", "10.0.0.1"));
    core::ecs::store_task(state, make_task(id("b2"), "dev", "api", "10.0.0.2"));
    const auto at = [&state](const std::string& cluster, const std::string& id) {
        return &state.tasks.at(cluster).at(id);
    };
    CHECK(core::ecs::find_task_by_id(state, "prod", id("a1")) == at("prod", id("a1")));
    CHECK(core::ecs::find_task_by_id(state, "dev", id("a1")) == nullptr);  // in another cluster
    CHECK(core::ecs::find_task_by_id(state, "prod", id("zz")) == nullptr);
    CHECK(core::ecs::find_task_in_any_cluster(state, id("b2")) == at("dev", id("b2")));
    CHECK(core::ecs::find_task_in_any_cluster(state, id("zz")) == nullptr);
    // By ARN, as the API asks.
    CHECK(core::ecs::find_task(state, "prod",
                               "arn:aws:ecs:ap-southeast-1:000000000000:task/prod/" + id("a1")) ==
          at("prod", id("a1")));

    // The same id stored in a second cluster: each cluster still finds its own, and forgetting the first
    // leaves the index pointing at the second.
    core::ecs::store_task(state, make_task(id("a1"), "dev", "web", "10.0.0.3"));
    CHECK(core::ecs::find_task_by_id(state, "prod", id("a1")) == at("prod", id("a1")));
    CHECK(core::ecs::find_task_by_id(state, "dev", id("a1")) == at("dev", id("a1")));
    stop(state, "dev", id("a1"), Instant{1000});
    REQUIRE(core::ecs::forget_stopped_task(state, "dev", id("a1"), Instant{2000}));
    CHECK(core::ecs::find_task_by_id(state, "prod", id("a1")) == at("prod", id("a1")));
    CHECK(core::ecs::find_task_by_id(state, "dev", id("a1")) == nullptr);
    CHECK(core::ecs::find_task_in_any_cluster(state, id("a1")) == at("prod", id("a1")));
    // Stored again in its own cluster (in place): still found, and found no more once forgotten.
    core::ecs::store_task(state, make_task(id("b2"), "dev", "api", "10.0.0.2"));
    CHECK(state.task_index.by_id.size() == 2);  // one entry per id, its key the stored task's own
    CHECK(core::ecs::find_task_by_id(state, "dev", id("b2")) == at("dev", id("b2")));
    stop(state, "dev", id("b2"), Instant{1000});
    REQUIRE(core::ecs::forget_stopped_task(state, "dev", id("b2"), Instant{2000}));
    CHECK(core::ecs::find_task_in_any_cluster(state, id("b2")) == nullptr);
    CHECK(state.task_index.by_id.size() == 1);
}

}  // namespace ecsemu::test
