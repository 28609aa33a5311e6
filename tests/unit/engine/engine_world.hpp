#pragma once
// The engine on a virtual clock with a fake runtime, driven through EcsService::call (the API's own code
// paths) the way the gateway drives it: each successful mutation is followed by Engine::on_api_mutation.
//
//   EngineWorld w;
//   w.create_guide_service("web", 2);
//   w.run_for(Duration::minutes(1));
//   CHECK(w.service("web")["runningCount"] == 2);
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "emulator/api/ecs/ecs_service.hpp"
#include "emulator/core/ecs/ecs_world.hpp"
#include "emulator/core/engine/engine.hpp"
#include "emulator/core/model/ec2.hpp"
#include "fake_runtime.hpp"
#include "sim/kernel/virtual_clock.hpp"
#include "support/guide_ec2_directory.hpp"

namespace ecsemu::test {

inline constexpr const char* kCluster = "ielts-prod-cluster";
inline constexpr const char* kSecurityGroup = kBackendSg;
inline constexpr core::Instant kStart{1'700'000'000'000};

class EngineWorld {
public:
    explicit EngineWorld(core::engine::EngineKnobs knobs = {});

    // Through EcsService::call; REQUIRES success (fails the test otherwise).
    nlohmann::json call(const std::string& operation, const nlohmann::json& params);
    api::ApiResult try_call(const std::string& operation, const nlohmann::json& params);

    // The cluster and the guide's task definition family "ielts-backend" (container "backend", port 8080,
    // a CMD-SHELL healthCheck) are registered by the constructor.
    nlohmann::json register_task_definition(const std::string& family, const std::string& image,
                                            bool health_check);
    // The guide's create-service: desired 2, 100/200, two subnets in 1a/1b, a load balancer.
    nlohmann::json create_guide_service(const std::string& name, int desired = 2,
                                        const std::string& family = "ielts-backend");
    // RunTask of one standalone task of `family` in the guide's subnets; returns the task id.
    std::string run_task(const std::string& family = "ielts-backend");

    nlohmann::json service(const std::string& name);
    nlohmann::json task(const std::string& task_id);
    std::vector<nlohmann::json> tasks(const std::string& service_name,
                                      const std::string& desired = "RUNNING");
    std::vector<nlohmann::json> all_service_tasks(const std::string& service_name);  // any status
    std::vector<std::string> event_messages(const std::string& service_name);

    void run_for(core::Duration d) { clock.run_for(d); }
    // Advances in `step`s up to `total`, calling check() after each.
    template <class Check>
    void run_for_checking(core::Duration total, core::Duration step, Check check) {
        const core::Instant until = clock.now() + total;
        while (clock.now() < until) {
            clock.run_for(step);
            check();
        }
    }

    core::ecs::EcsState& state() { return world.regions().begin()->second.state; }

    sim::VirtualClock clock{kStart};
    GuideEc2Directory ec2;
    core::ecs::EcsWorld world;
    api::ecs::EcsService ecs{world, ec2};
    FakeRuntime runtime{clock};
    core::engine::Engine engine;
};

nlohmann::json awsvpc_configuration();
std::string id_of_arn(const std::string& arn);
// Every change the engine logged, one line each: time, service, kind, cause, task and detail. Two engines
// driven alike that decide alike log the same lines.
std::vector<std::string> logged(const EngineWorld& w);
// Checks that `a` and `b` logged the same lines (naming the first that differs); returns a's.
std::vector<std::string> logged_alike(const EngineWorld& a, const EngineWorld& b);

}  // namespace ecsemu::test
