#include "sim/run/simulation.hpp"

#include <algorithm>
#include <memory>
#include <utility>

#include "emulator/api/ecs/ecs_service.hpp"
#include "emulator/api/scenario/applier.hpp"
#include "emulator/api/wire/gateway.hpp"
#include "emulator/control/scaling_plane.hpp"
#include "emulator/control/service_registry.hpp"
#include "emulator/control/task_dial.hpp"
#include "emulator/control/traffic_metrics.hpp"
#include "emulator/core/alb/alb_controller.hpp"
#include "emulator/core/cloudwatch/cloudwatch_state.hpp"
#include "emulator/core/engine/ecs_scalable_resources.hpp"
#include "emulator/core/engine/elbv2_targets.hpp"
#include "emulator/core/engine/engine.hpp"
#include "sim/kernel/virtual_clock.hpp"
#include "sim/model/modelled_health_probe.hpp"
#include "sim/model/modelled_tasks.hpp"
#include "sim/run/injections.hpp"
#include "sim/run/timeline_recorder.hpp"
#include "sim/run/traffic_driver.hpp"

namespace ecsemu::sim {

namespace {

// Alarms look back at most a few hours in any scenario this models; see MetricStore::set_retention.
constexpr core::Duration kMetricRetention = core::Duration::minutes(360);  // six hours

std::string after_last_slash(const std::string& s) {
    return s.substr(s.rfind('/') + 1);
}

core::engine::EngineKnobs engine_knobs(const StartupSpec& startup) {
    core::engine::EngineKnobs knobs;
    knobs.lifecycle.provisioning = startup.provisioning;
    knobs.lifecycle.activating = startup.activating;
    knobs.lifecycle.deprovisioning = startup.deprovisioning;
    // The change log is drained every simulated minute; it only needs to hold one minute.
    knobs.change_log_capacity = 1'000'000;
    // ... and a digest of one minute's entries tells nothing.
    knobs.change_log_digest = false;
    // ECS keeps STOPPED tasks describable for an hour; nothing describes them in a simulation, and the
    // scheduler is done with a stopped task in the pass that sees it stop, while every per-minute walk over a
    // service's tasks would step over an hour of them after each scale-in.
    knobs.stopped_task_retention = core::Duration::minutes(2);
    return knobs;
}

const ServiceModel* model_of(const SimulationSpec& spec, const std::string& label) {
    for (const auto& model : spec.services) {
        if (model.label == label) return &model;
    }
    return nullptr;
}

// The scenario's services as created: where they are, their task size and their target-tracking policy.
void bind_services(const api::scenario::Scenario& scenario, const SimulationSpec& spec,
                   const api::scenario::Applier& applier, api::scenario::AwsClient& client,
                   const std::string& account_id, ModelledTasks& tasks, std::vector<ServiceBinding>& bindings,
                   SimResult& result) {
    for (const auto& resource : scenario.resources) {
        if (resource.type != "ecs:CreateService") continue;
        auto applied = applier.applied().find(resource.label);
        if (applied == applier.applied().end()) continue;
        const nlohmann::json& record = applied->second.record;
        ServiceBinding binding;
        binding.label = resource.label;
        binding.model = model_of(spec, resource.label);
        binding.account_id = account_id;
        binding.region = scenario.region;
        binding.cluster_name = after_last_slash(record.value("clusterArn", ""));
        binding.service_name = record.value("serviceName", "");
        binding.resource_id = "service/" + binding.cluster_name + "/" + binding.service_name;

        ServiceTimeline timeline;
        timeline.label = binding.label;
        timeline.service_name = binding.service_name;
        timeline.cluster_name = binding.cluster_name;
        if (auto definition = client.call("ecs", "DescribeTaskDefinition",
                                          {{"taskDefinition", record.value("taskDefinition", "")}})) {
            const nlohmann::json& td = definition->at("taskDefinition");
            timeline.cpu_units = std::atoi(td.value("cpu", "256").c_str());
            timeline.memory_mib = std::atoi(td.value("memory", "512").c_str());
            if (binding.model != nullptr && binding.model->memory_mib > 0)
                tasks.set_memory_use(td.value("family", ""), binding.model->memory_mib);
        }
        if (auto policies = client.call("application-autoscaling", "DescribeScalingPolicies",
                                        {{"ServiceNamespace", "ecs"}, {"ResourceId", binding.resource_id}})) {
            for (const auto& policy : policies->value("ScalingPolicies", nlohmann::json::array())) {
                if (!policy.contains("TargetTrackingScalingPolicyConfiguration")) continue;
                const auto& config = policy.at("TargetTrackingScalingPolicyConfiguration");
                timeline.target_value = config.value("TargetValue", 0.0);
                if (config.contains("PredefinedMetricSpecification")) {
                    timeline.scaling_metric =
                        config.at("PredefinedMetricSpecification").value("PredefinedMetricType", "");
                }
                break;
            }
        }
        bindings.push_back(std::move(binding));
        result.services.push_back(std::move(timeline));
    }
}

}  // namespace

core::Result<SimResult> run_simulation(const api::scenario::Scenario& scenario, const SimulationSpec& spec,
                                       RunStatistics* statistics, const Progress& progress) {
    VirtualClock clock(spec.start);
    api::GatewayConfig config;
    config.default_region = scenario.region;
    api::Gateway gateway(config, [&clock] { return clock.now(); });
    control::ServiceRegistry services(gateway);
    services.cloudwatch_world().set_metric_retention(kMetricRetention);
    services.ecs().set_settle_stops_immediately(false);

    RandomSource random(spec.seed);
    ModelledTasks tasks(clock, random, spec.startup);
    core::engine::Engine engine(services.ecs_world(), services.ec2_directory(), clock, tasks,
                                engine_knobs(spec.startup));
    tasks.set_observer(engine);
    ModelledHealthProbe probe(tasks);
    core::alb::AlbController load_balancers(
        services.elbv2_world(), clock, probe,
        core::alb::AlbControllerHooks{
            nullptr,
            [&services](const std::string& account_id, const std::string& region,
                        const std::string& target_id, int port) {
                return control::dial_task(services.ecs_world(), account_id, region, target_id, port);
            },
            [&engine](const std::string& account_id, const std::string& region,
                      const std::string& target_group_arn) {
                engine.on_target_group_health_changed(account_id, region, target_group_arn);
            }});
    core::engine::Elbv2Targets targets(
        services.elbv2_world(), services.ec2_directory(),
        [&load_balancers](const std::string& account_id, const std::string& region,
                          const std::string& target_group_arn) {
            load_balancers.on_targets_changed(account_id, region, target_group_arn);
        });
    engine.attach_load_balancers(targets);
    services.ecs().set_target_group_lookup(&targets);
    // As the emulator's serve command wires them (minus Service Connect's data plane, which is not modelled).
    gateway.set_after_mutation([&engine, &load_balancers](const api::ApiCall& call) {
        if (call.service == "ecs" || call.service == "application-autoscaling")
            engine.on_api_mutation(call.account_id, call.region);
        if (call.service == "elasticloadbalancing") {
            load_balancers.on_api_mutation(call.account_id, call.region);
            engine.on_target_health_changed(call.account_id, call.region);
        }
    });

    api::scenario::AwsClient client(
        [&gateway](const api::WireRequest& request) { return gateway.handle(request); }, scenario.region);
    api::scenario::Applier applier(scenario, client);
    const auto report = applier.apply();
    if (!report.ok()) {
        services.ecs().set_target_group_lookup(nullptr);
        return core::AwsError{"InvalidScenario", *report.error};
    }

    SimResult result;
    result.scenario_file = scenario.file;
    result.seed = spec.seed;
    result.start = spec.start;
    result.duration = spec.duration;
    result.slo_ms = spec.slo_ms;
    result.prices = spec.prices;
    std::vector<ServiceBinding> bindings;
    bind_services(scenario, spec, applier, client, config.account_id, tasks, bindings, result);

    // Construction order is timer order at equal instants: traffic steps, then the minute's metrics and
    // scaling, then the recorder's row (see traffic_driver.hpp and timeline_recorder.hpp).
    TrafficDriver traffic(clock, services.ecs_world(), services.elbv2_world(), tasks, random, spec, bindings);
    control::TrafficMetrics metrics(
        services.cloudwatch_world(), services.elbv2_world(),
        control::TrafficSources{nullptr, [&traffic] { return traffic.take_sample(); }}, config.account_id,
        scenario.region);
    traffic.start();
    TimelineRecorder* recorder_ptr = nullptr;
    control::ScalingPlane scaling(
        clock,
        control::ScalingPlaneParts{services.ecs_world(), services.cloudwatch_world(),
                                   services.autoscaling_world(), services.scalable_resources(), metrics,
                                   tasks},
        [&engine, &clock, &recorder_ptr](const core::autoscaling::CapacityChange& change) {
            engine.on_capacity_change(change.account_id, change.region, change.resource_id);
            if (recorder_ptr != nullptr) recorder_ptr->on_capacity_change(change, clock.now());
        });
    // One row a minute per service: reserved once, as growing a hundred week-long timelines copied each of
    // them a dozen times over.
    const auto minutes = static_cast<std::size_t>(spec.duration.ms / core::Duration::minutes(1).ms) + 1;
    for (auto& timeline : result.services) timeline.rows.reserve(minutes);
    TimelineRecorder recorder(clock,
                              RecorderSources{services.ecs_world(), services.elbv2_world(),
                                              services.cloudwatch_world(), engine.change_log()},
                              bindings, result);
    recorder_ptr = &recorder;
    Injections injections(clock, spec, client, services.ecs_world(), tasks, bindings,
                          [&recorder](SimEvent event) { recorder.add_event(std::move(event)); });

    const core::Instant end = spec.start + spec.duration;
    std::uint64_t fired = 0;
    std::uint64_t peak = 0;
    for (core::Instant at = spec.start; at < end;) {
        const core::Instant next = std::min(end, at + core::Duration::minutes(60));
        // Step by step so the peak of live tasks is seen at least once a simulated minute.
        for (core::Instant minute = at; minute < next;) {
            const core::Instant until = std::min(next, minute + core::Duration::minutes(1));
            fired += clock.run_until(until);
            peak = std::max<std::uint64_t>(peak, tasks.live_tasks());
            minute = until;
        }
        at = next;
        if (progress)
            progress(static_cast<double>((at - spec.start).ms) / static_cast<double>(spec.duration.ms));
    }
    recorder.flush();
    std::stable_sort(result.events.begin(), result.events.end(),
                     [](const SimEvent& a, const SimEvent& b) { return a.time < b.time; });
    services.ecs().set_target_group_lookup(nullptr);
    if (statistics != nullptr) {
        statistics->timers_fired = fired;
        statistics->traffic_steps = traffic.steps();
        statistics->engine_passes = engine.passes();
        statistics->service_reconciles = engine.reconciles();
        statistics->peak_tasks = peak;
    }
    return result;
}

}  // namespace ecsemu::sim
