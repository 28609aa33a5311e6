#include "sim/run/injections.hpp"

#include <algorithm>
#include <utility>

#include "emulator/core/ecs/tasks.hpp"

namespace ecsemu::sim {

namespace {

// RegisterTaskDefinition takes these members of a described task definition; the rest (arn, revision,
// status, registeredAt, ...) are ECS's own.
constexpr const char* kRegisterMembers[] = {"family",
                                            "taskRoleArn",
                                            "executionRoleArn",
                                            "networkMode",
                                            "containerDefinitions",
                                            "volumes",
                                            "placementConstraints",
                                            "requiresCompatibilities",
                                            "cpu",
                                            "memory",
                                            "pidMode",
                                            "ipcMode",
                                            "proxyConfiguration",
                                            "inferenceAccelerators",
                                            "ephemeralStorage",
                                            "runtimePlatform"};

const char* behaviour_name(TaskBehaviour behaviour) {
    switch (behaviour) {
        case TaskBehaviour::Healthy:
            return "healthy";
        case TaskBehaviour::FailsHealthChecks:
            return "fails health checks";
        case TaskBehaviour::CrashesOnStart:
            return "crashes on start";
    }
    return "healthy";
}

}  // namespace

Injections::Injections(core::Clock& clock, const SimulationSpec& spec, api::scenario::AwsClient& client,
                       const core::ecs::EcsWorld& ecs, ModelledTasks& tasks,
                       const std::vector<ServiceBinding>& bindings, std::function<void(SimEvent)> record)
    : clock_(clock),
      client_(client),
      ecs_(ecs),
      tasks_(tasks),
      bindings_(bindings),
      record_(std::move(record)) {
    for (const auto& injection : spec.events) {
        timers_.push_back(
            clock_.schedule_at(spec.start + injection.at, [this, injection] { fire(injection); }));
    }
}

Injections::~Injections() {
    for (const auto id : timers_) clock_.cancel(id);
}

const ServiceBinding* Injections::binding_of(const std::string& label) const {
    for (const auto& binding : bindings_) {
        if (binding.label == label) return &binding;
    }
    return nullptr;
}

void Injections::fire(const Injection& injection) {
    const core::Instant now = clock_.now();
    SimEvent event;
    event.time = now;
    event.kind = "injection";
    event.service = injection.service;
    const ServiceBinding* binding = binding_of(injection.service);
    switch (injection.kind) {
        case InjectionKind::Deploy:
            event.cause = "scenario: deploy";
            event.detail = binding != nullptr ? deploy(injection, *binding) : "no such service";
            break;
        case InjectionKind::KillTasks:
            event.cause = "scenario: killTasks";
            event.detail = binding != nullptr ? kill(injection, *binding) : "no such service";
            break;
        case InjectionKind::AzOutage:
            event.cause = "scenario: azOutage";
            tasks_.fail_zone(injection.availability_zone, now + injection.duration);
            event.detail = injection.availability_zone + " unavailable for " +
                           std::to_string(injection.duration.ms / 1000) + " s";
            break;
        case InjectionKind::SlowStarts:
            event.cause = "scenario: slowStarts";
            tasks_.slow_starts(injection.factor, now + injection.duration);
            event.detail = "start-up times x" + std::to_string(injection.factor).substr(0, 4) + " for " +
                           std::to_string(injection.duration.ms / 1000) + " s";
            break;
    }
    record_(std::move(event));
}

std::string Injections::deploy(const Injection& injection, const ServiceBinding& binding) {
    auto described = client_.call("ecs", "DescribeServices",
                                  {{"cluster", binding.cluster_name}, {"services", {binding.service_name}}});
    if (!described || described->value("services", nlohmann::json::array()).empty())
        return "DescribeServices failed: " +
               (described ? std::string("no service") : described.error().message);
    const std::string current = described->at("services").at(0).value("taskDefinition", "");
    nlohmann::json update{{"cluster", binding.cluster_name}, {"service", binding.service_name}};
    std::string what;
    if (injection.image.empty() && injection.behaviour == TaskBehaviour::Healthy) {
        update["forceNewDeployment"] = true;
        what = "forced new deployment of " + current;
    } else {
        auto definition = client_.call("ecs", "DescribeTaskDefinition", {{"taskDefinition", current}});
        if (!definition) return "DescribeTaskDefinition failed: " + definition.error().message;
        const nlohmann::json& described_definition = definition->at("taskDefinition");
        nlohmann::json request = nlohmann::json::object();
        for (const char* member : kRegisterMembers) {
            if (described_definition.contains(member)) request[member] = described_definition.at(member);
        }
        if (!injection.image.empty() &&
            !request.value("containerDefinitions", nlohmann::json::array()).empty())
            request["containerDefinitions"][0]["image"] = injection.image;
        auto registered = client_.call("ecs", "RegisterTaskDefinition", request);
        if (!registered) return "RegisterTaskDefinition failed: " + registered.error().message;
        const nlohmann::json& created = registered->at("taskDefinition");
        tasks_.set_behaviour(created.value("family", ""), created.value("revision", 0), injection.behaviour);
        update["taskDefinition"] = created.value("taskDefinitionArn", "");
        what = "deployed " + created.value("family", "") + ":" +
               std::to_string(created.value("revision", 0)) +
               (injection.image.empty() ? "" : " (" + injection.image + ")") + ", " +
               behaviour_name(injection.behaviour);
    }
    if (injection.circuit_breaker) {
        nlohmann::json configuration =
            described->at("services").at(0).value("deploymentConfiguration", nlohmann::json::object());
        configuration["deploymentCircuitBreaker"] = {{"enable", true}, {"rollback", true}};
        update["deploymentConfiguration"] = configuration;
        what += ", circuit breaker on";
    }
    auto updated = client_.call("ecs", "UpdateService", update);
    if (!updated) return "UpdateService failed: " + updated.error().message;
    return what;
}

std::string Injections::kill(const Injection& injection, const ServiceBinding& binding) {
    const auto* region = find_region(ecs_, binding);
    std::vector<std::pair<core::Instant, std::string>> running;
    if (region != nullptr) {
        for (const core::ecs::Task* task :
             core::ecs::tasks_launched_for(region->state, binding.cluster_name, binding.service_name)) {
            if (task->last_status == core::ecs::TaskStatus::Running && tasks_.find(task->id) != nullptr)
                running.emplace_back(task->started_at.value_or(task->created_at), task->id);
        }
    }
    std::sort(running.begin(), running.end());
    const std::size_t victims =
        std::min(running.size(), static_cast<std::size_t>(std::max(0, injection.count)));
    for (std::size_t i = 0; i < victims; ++i) tasks_.kill(running[i].second);
    return "killed " + std::to_string(victims) + " of " + std::to_string(running.size()) + " running tasks";
}

}  // namespace ecsemu::sim
