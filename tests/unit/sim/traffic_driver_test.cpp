// TrafficDriver: each step's load goes to the modelled tasks behind a service's healthy targets, found by the
// targets' addresses, as tasks come and go and addresses are taken again.
#include <catch2/catch.hpp>

#include <optional>
#include <string>
#include <vector>

#include "emulator/core/ecs/tasks.hpp"
#include "sim/kernel/virtual_clock.hpp"
#include "sim/model/modelled_tasks.hpp"
#include "sim/model/random_source.hpp"
#include "sim/run/traffic_driver.hpp"
#include "tests/unit/alb/alb_fixture.hpp"

namespace ecsemu::test {
namespace {

using core::Duration;
using test::alb::kAccount;
using test::alb::kBackendTg;
using test::alb::kRegion;

constexpr core::Instant kStart{1'767'571'200'000};

// The guide's ALB in front of one service "web" whose tasks the test launches and stops by hand.
struct World {
    sim::VirtualClock clock{kStart};
    core::ecs::EcsWorld ecs;
    core::elbv2::Elbv2World elbv2;
    core::elbv2::Elbv2State& balancer = test::alb::build_guide_alb(elbv2);
    core::ecs::EcsState& state = ecs.region(kAccount, kRegion).state;
    sim::RandomSource random{1};
    sim::SimulationSpec spec;
    sim::ModelledTasks tasks{clock, random, sim::StartupSpec{}};
    sim::ServiceModel model;
    std::vector<sim::ServiceBinding> bindings;
    std::optional<sim::TrafficDriver> driver;
    std::uint64_t launches = 0;

    World() {
        spec.start = kStart;
        spec.step = Duration::seconds(10);
        model.traffic.rps = 100;
        core::ecs::Service service;
        service.name = "web";
        service.cluster_name = "c";
        service.load_balancers.push_back({kBackendTg, "", "app", 8080});
        state.services["c"]["web"] = service;
        sim::ServiceBinding binding;
        binding.model = &model;
        binding.account_id = kAccount;
        binding.region = kRegion;
        binding.cluster_name = "c";
        binding.service_name = "web";
        bindings.push_back(binding);
    }

    // A RUNNING task of "web" at `ip`, modelled and up; returns its id.
    std::string launch(const std::string& ip) {
        ++launches;
        core::ecs::Task task;
        task.id = "task-" + std::to_string(launches);
        task.cluster_name = "c";
        task.service_name = "web";
        task.group = "service:web";
        task.last_status = core::ecs::TaskStatus::Running;
        task.eni.emplace();
        task.eni->private_ipv4_address = ip;
        task.cpu_units = 256;
        task.runtime_launch = launches;
        core::ecs::store_task(state, task);
        core::TaskLaunch launch;
        launch.task_id = task.id;
        launch.launch_number = launches;
        launch.cpu_units = 256;
        launch.private_ip = "127.0.1." + std::to_string(launches);
        tasks.start(launch);
        clock.run_for(Duration::minutes(1));  // the modelled start-up
        REQUIRE(tasks.find(task.id)->running);
        return task.id;
    }

    // Its target in the backend group, healthy.
    void register_healthy(const std::string& ip) {
        test::alb::register_target(balancer, kBackendTg, ip, 8080, clock.now()).health.state =
            core::elbv2::TargetState::Healthy;
    }

    // The task is gone: its containers exited and ECS has it STOPPED.
    void stop(const std::string& task_id) {
        tasks.kill(task_id);
        core::ecs::find_task_by_id(state, "c", task_id)->last_status = core::ecs::TaskStatus::Stopped;
    }

    std::vector<core::elbv2::RegisteredTarget>& targets() {
        return balancer.target_groups.at(kBackendTg).targets;
    }

    // The tasks that were charged CPU by the next step (each task's charge is then reset).
    std::vector<std::string> served_next_step(const std::vector<std::string>& candidates) {
        for (const auto& id : candidates) {
            if (auto* task = tasks.find(id)) task->cpu_unit_ms = 0;
        }
        if (!driver) {
            driver.emplace(clock, ecs, elbv2, tasks, random, spec, bindings);
            driver->start();
        } else {
            clock.run_for(spec.step);
        }
        std::vector<std::string> served;
        for (const auto& id : candidates) {
            if (const auto* task = tasks.find(id); task != nullptr && task->cpu_unit_ms > 0)
                served.push_back(id);
        }
        return served;
    }
};

}  // namespace

TEST_CASE("the traffic reaches the tasks behind the healthy targets as addresses are taken again") {
    World w;
    const std::string a = w.launch("10.0.1.10");
    const std::string b = w.launch("10.0.1.11");
    w.register_healthy("10.0.1.10");
    w.register_healthy("10.0.1.11");
    CHECK(w.served_next_step({a, b}) == std::vector<std::string>{a, b});
    CHECK(w.served_next_step({a, b}) == std::vector<std::string>{a, b});

    SECTION("a task gone and another at its address behind the same registration") {
        w.stop(a);
        const std::string c = w.launch("10.0.1.10");
        CHECK(w.served_next_step({a, b, c}) == std::vector<std::string>{b, c});
        CHECK(w.served_next_step({a, b, c}) == std::vector<std::string>{b, c});
    }
    SECTION("a registration removed: the ones after it move up and keep their tasks") {
        w.targets().erase(w.targets().begin());
        CHECK(w.served_next_step({a, b}) == std::vector<std::string>{b});
        const std::string c = w.launch("10.0.1.12");
        w.register_healthy("10.0.1.12");
        CHECK(w.served_next_step({a, b, c}) == std::vector<std::string>{b, c});
    }
    SECTION("a registration whose task is gone gets nothing served, until a task has its address") {
        w.stop(b);
        CHECK(w.served_next_step({a, b}) == std::vector<std::string>{a});
        const std::string c = w.launch("10.0.1.11");
        CHECK(w.served_next_step({a, c}) == std::vector<std::string>{a, c});
    }
    SECTION("a target no longer healthy is not routed to while another is") {
        w.targets()[0].health.state = core::elbv2::TargetState::Draining;
        CHECK(w.served_next_step({a, b}) == std::vector<std::string>{b});
    }
}

}  // namespace ecsemu::test
