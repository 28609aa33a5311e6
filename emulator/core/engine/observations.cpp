#include "emulator/core/engine/observations.hpp"

#include "emulator/core/ecs/task_definitions.hpp"
#include "emulator/core/engine/task_lifecycle.hpp"

namespace ecsemu::core::engine {

namespace {

ecs::Container* find_container(ecs::Task& task, const std::string& name) {
    for (auto& container : task.containers) {
        if (container.name == name) return &container;
    }
    return nullptr;
}

ecs::HealthStatus to_model(ContainerHealth health) {
    switch (health) {
        case ContainerHealth::Healthy:
            return ecs::HealthStatus::Healthy;
        case ContainerHealth::Unhealthy:
            return ecs::HealthStatus::Unhealthy;
        case ContainerHealth::Unknown:
            return ecs::HealthStatus::Unknown;
    }
    return ecs::HealthStatus::Unknown;
}

bool record(ecs::Task& task, ecs::Container& container, const ContainerRunning&, IdSource& ids) {
    if (container.last_status != ecs::ContainerStatus::Pending) return false;
    container.last_status = ecs::ContainerStatus::Running;
    container.runtime_id = task.id + "-" + ids.digits(10);
    return true;
}

bool record(ecs::Task&, ecs::Container& container, const ContainerExited& exited, IdSource&) {
    if (container.last_status == ecs::ContainerStatus::Stopped && container.exit_code) return false;
    container.last_status = ecs::ContainerStatus::Stopped;
    container.exit_code = exited.exit_code;
    container.reason = exited.reason;
    return true;
}

bool record(ecs::Task&, ecs::Container& container, const ContainerHealthChanged& changed, IdSource&) {
    const ecs::HealthStatus health = to_model(changed.health);
    if (container.health_status == health) return false;
    container.health_status = health;
    return true;
}

}  // namespace

const std::string& task_id_of(const Observation& observation) {
    return std::visit([](const auto& o) -> const std::string& { return o.task_id; }, observation);
}

std::string describe(const Observation& observation) {
    if (const auto* running = std::get_if<ContainerRunning>(&observation))
        return running->container + " running";
    if (const auto* exited = std::get_if<ContainerExited>(&observation)) {
        std::string out = exited->container + " exited " + std::to_string(exited->exit_code);
        if (!exited->reason.empty()) out += " (" + exited->reason + ")";
        return out;
    }
    const auto& health = std::get<ContainerHealthChanged>(observation);
    return health.container + " " + std::string(ecs::to_string(to_model(health.health)));
}

bool record_observation(const ecs::EcsState& state, ecs::Task& task, const Observation& observation,
                        IdSource& ids) {
    if (task.last_status == ecs::TaskStatus::Stopped) return false;
    const std::string& name =
        std::visit([](const auto& o) -> const std::string& { return o.container; }, observation);
    ecs::Container* container = find_container(task, name);
    if (container == nullptr) return false;
    const bool changed =
        std::visit([&](const auto& o) { return record(task, *container, o, ids); }, observation);
    if (!changed) return false;
    task.health_status = task_health(task, ecs::find_task_definition(state, task.task_definition_arn));
    ++task.version;
    return true;
}

}  // namespace ecsemu::core::engine
