#pragma once
// The scenario's scheduled happenings, applied at their time the way a user or AWS would cause them:
// deployments go through the ECS API (a new task definition revision, then UpdateService) exactly as
// `aws ecs update-service` would; failures act on the modelled tasks (kill, an availability zone outage,
// slow starts). Each becomes an "injection" event.
#include <functional>
#include <string>
#include <vector>

#include "emulator/api/scenario/aws_client.hpp"
#include "emulator/core/ecs/ecs_world.hpp"
#include "emulator/core/ports.hpp"
#include "sim/model/modelled_tasks.hpp"
#include "sim/report/sim_result.hpp"
#include "sim/run/service_binding.hpp"

namespace ecsemu::sim {

class Injections {
public:
    // Everything passed must outlive this object. Schedules every event of `spec` on `clock`.
    Injections(core::Clock& clock, const SimulationSpec& spec, api::scenario::AwsClient& client,
               const core::ecs::EcsWorld& ecs, ModelledTasks& tasks,
               const std::vector<ServiceBinding>& bindings, std::function<void(SimEvent)> record);
    ~Injections();
    Injections(const Injections&) = delete;
    Injections& operator=(const Injections&) = delete;

private:
    void fire(const Injection& injection);
    std::string deploy(const Injection& injection, const ServiceBinding& binding);
    std::string kill(const Injection& injection, const ServiceBinding& binding);
    const ServiceBinding* binding_of(const std::string& label) const;

    core::Clock& clock_;
    api::scenario::AwsClient& client_;
    const core::ecs::EcsWorld& ecs_;
    ModelledTasks& tasks_;
    const std::vector<ServiceBinding>& bindings_;
    std::function<void(SimEvent)> record_;
    std::vector<core::TimerId> timers_;
};

}  // namespace ecsemu::sim
