#include "sim/run/traffic_driver.hpp"

#include <algorithm>
#include <cmath>
#include <optional>

#include "emulator/core/ecs/tasks.hpp"
#include "emulator/core/elbv2/usage.hpp"
#include "sim/model/load_model.hpp"
#include "sim/traffic/traffic_model.hpp"

namespace ecsemu::sim {

namespace {

std::uint64_t whole(double v) {
    return v <= 0 ? 0 : static_cast<std::uint64_t>(std::llround(v));
}

}  // namespace

TrafficDriver::TrafficDriver(core::Clock& clock, const core::ecs::EcsWorld& ecs,
                             const core::elbv2::Elbv2World& elbv2, ModelledTasks& tasks, RandomSource& random,
                             const SimulationSpec& spec, std::vector<ServiceBinding>& bindings)
    : clock_(clock),
      ecs_(ecs),
      elbv2_(elbv2),
      tasks_(tasks),
      random_(random),
      spec_(spec),
      bindings_(bindings),
      running_(bindings.size()) {}

TrafficDriver::~TrafficDriver() {
    if (timer_) clock_.cancel(*timer_);
}

void TrafficDriver::start() {
    step();
}

void TrafficDriver::step() {
    timer_.reset();
    ++steps_;
    const core::Instant now = clock_.now();
    const double seconds = static_cast<double>(spec_.step.ms) / 1000.0;
    indexes_.clear();
    for (auto& binding : bindings_) {
        const core::ecs::Service* service = find_service(ecs_, binding);
        if (service == nullptr) continue;
        binding.minute.task_seconds += static_cast<double>(running_tasks(binding).size()) * seconds;
        if (binding.model == nullptr) continue;
        double rps = offered_rps(binding.model->traffic, spec_.start, now - spec_.start);
        if (binding.model->traffic.noise > 0)
            rps = std::max(0.0, rps * (1.0 + binding.model->traffic.noise * random_.normal()));
        binding.minute.rps_sum += rps;
        ++binding.minute.steps;
        drive(binding, *service, rps, seconds);
    }
    // Groups no step used for an hour (deleted ones) are forgotten.
    constexpr std::uint64_t kForgetAfterSteps = 360;
    if (steps_ % kForgetAfterSteps == 0) {
        std::erase_if(resolved_,
                      [this](const auto& entry) { return steps_ - entry.second.step >= kForgetAfterSteps; });
    }
    timer_ = clock_.schedule_at(now + spec_.step, [this] { step(); });
}

void TrafficDriver::drive(ServiceBinding& binding, const core::ecs::Service& service, double rps,
                          double seconds) {
    std::vector<std::string> groups;
    for (const auto& lb : service.load_balancers) {
        if (!lb.target_group_arn.empty()) groups.push_back(lb.target_group_arn);
    }
    const core::elbv2::Elbv2Region* region = elbv2_.find_region(binding.account_id, binding.region);
    if (groups.empty() || region == nullptr) {
        serve(binding, running_tasks(binding), rps, seconds, nullptr, nullptr);
        return;
    }
    const double per_group = rps / static_cast<double>(groups.size());
    RegionIndex& index = index_of(binding.account_id, binding.region);
    if (!index.balancers) index.balancers = core::elbv2::load_balancers_by_target_group(region->state);
    const core::ecs::EcsRegion* ecs = find_region(ecs_, binding);
    for (const auto& arn : groups) {
        auto group = region->state.target_groups.find(arn);
        const auto routed = index.balancers->find(arn);
        if (group == region->state.target_groups.end() || routed == index.balancers->end()) {
            // Nothing routes to it: the requests never reach the service.
            binding.minute.requests += per_group * seconds;
            binding.minute.failed += per_group * seconds;
            continue;
        }
        Accumulated& at_balancer = by_load_balancer_[routed->second.front()];
        Accumulated& at_group = by_target_group_[arn];
        const double requests = per_group * seconds;
        at_balancer.requests += requests;
        const auto& targets = routable_targets(ecs == nullptr ? nullptr : &ecs->state, group->second);
        if (targets.empty()) {
            at_balancer.elb_5xx += requests;
            at_balancer.elb_503 += requests;
            binding.minute.requests += requests;
            binding.minute.failed += requests;
            continue;
        }
        serve(binding, targets, per_group, seconds, &at_group, &at_balancer);
    }
}

void TrafficDriver::serve(ServiceBinding& binding, const std::vector<Share>& targets, double rps,
                          double seconds, Accumulated* group, Accumulated* balancer) {
    auto& minute = binding.minute;
    const double requests = rps * seconds;
    minute.requests += requests;
    if (targets.empty()) {
        minute.failed += requests;
        return;
    }
    const double per_target = rps / static_cast<double>(targets.size());
    // Every target is offered the same load, so the load model's answer depends only on the task's size:
    // worked out once per size (it is a pure function, so the sums are the same as worked out per task).
    std::optional<TaskLoadResult> last_result;
    int last_cpu_units = 0;
    for (const auto& target : targets) {
        ModelledTask* task = target.task;
        const double share = per_target * seconds;
        if (group != nullptr) group->requests += share;
        if (task == nullptr || !task->running) {
            // Connection refused: the ALB answers 502.
            minute.failed += share;
            if (balancer != nullptr) {
                balancer->elb_5xx += share;
                balancer->elb_502 += share;
            }
            continue;
        }
        if (!tasks_.answers(*task)) {
            // The application answers 500.
            minute.failed += share;
            if (group != nullptr) {
                group->target_5xx += share;
                group->responses += share;
                group->response_time_us += share * binding.model->latency_ms * 1000.0;
            }
            continue;
        }
        const int cpu_units = task->cpu_units > 0 ? task->cpu_units : 256;
        if (!last_result || cpu_units != last_cpu_units) {
            TaskLoadInput input;
            input.offered_rps = per_target;
            input.cpu_ms_per_request = binding.model->cpu_ms_per_request;
            input.latency_ms = binding.model->latency_ms;
            input.cpu_units = cpu_units;
            input.slo_ms = spec_.slo_ms;
            input.step_seconds = seconds;
            last_result = serve_step(input);
            last_cpu_units = cpu_units;
        }
        const TaskLoadResult& result = *last_result;
        ModelledTasks::charge_cpu(*task, result.cpu_unit_ms);
        minute.served += result.served;
        minute.failed += result.failed;
        minute.slow += result.slow;
        minute.latency_ms_sum += result.latency_ms_sum;
        if (group != nullptr) {
            group->target_2xx += result.served;
            group->responses += result.served;
            group->response_time_us += result.latency_ms_sum * 1000.0;
            if (balancer != nullptr) {
                balancer->elb_5xx += result.failed;
                balancer->elb_502 += result.failed;
            }
        }
    }
}

TrafficDriver::RegionIndex& TrafficDriver::index_of(const std::string& account_id,
                                                    const std::string& region) {
    return indexes_[account_id + "/" + region];
}

const std::vector<TrafficDriver::Share>& TrafficDriver::routable_targets(
    const core::ecs::EcsState* tasks, const core::elbv2::TargetGroup& group) {
    using core::elbv2::TargetState;
    std::vector<Share>& healthy = healthy_targets_;
    std::vector<Share>& unhealthy = unhealthy_targets_;
    healthy.clear();
    unhealthy.clear();
    ResolvedGroup& resolved = resolved_[&group];
    resolved.step = steps_;
    resolved.targets.resize(group.targets.size());
    for (std::size_t position = 0; position < group.targets.size(); ++position) {
        const auto& target = group.targets[position];
        const TargetState state = target.health.state;
        if (state != TargetState::Healthy && state != TargetState::Unhealthy) continue;
        ModelledTask* modelled = nullptr;
        if (tasks != nullptr) {
            ResolvedTarget& known = resolved.targets[position];
            if (known.launch != 0 && known.id == target.id) modelled = tasks_.find_by_launch(known.launch);
            if (modelled == nullptr) {
                // The live task with the target's address.
                const core::ecs::Task* task = core::ecs::last_live_task_with_address(*tasks, target.id);
                modelled = task == nullptr ? nullptr : tasks_.find(task->id, task->runtime_launch);
                known.id = target.id;
                known.launch = modelled == nullptr ? 0 : modelled->launch_number;
            }
        }
        (state == TargetState::Healthy ? healthy : unhealthy).push_back(Share{modelled});
    }
    return healthy.empty() ? unhealthy : healthy;
}

const std::vector<TrafficDriver::Share>& TrafficDriver::running_tasks(const ServiceBinding& binding) {
    RunningTasks& of_binding = running_[static_cast<std::size_t>(&binding - bindings_.data())];
    std::vector<Share>& running = of_binding.shares;
    if (of_binding.step == steps_) return running;
    of_binding.step = steps_;
    running.clear();
    const core::ecs::EcsRegion* ecs = find_region(ecs_, binding);
    if (ecs == nullptr) return running;
    for (const core::ecs::Task* task :
         core::ecs::tasks_launched_for(ecs->state, binding.cluster_name, binding.service_name)) {
        if (task->last_status == core::ecs::TaskStatus::Running)
            running.push_back(Share{tasks_.find(task->id, task->runtime_launch)});
    }
    return running;
}

core::alb::TrafficSample TrafficDriver::take_sample() {
    core::alb::TrafficSample sample;
    for (auto& [arn, a] : by_load_balancer_) {
        auto& out = sample.by_load_balancer[arn];
        out.requests = whole(a.requests);
        out.elb_5xx = whole(a.elb_5xx);
        out.elb_502 = whole(a.elb_502);
        out.elb_503 = whole(a.elb_503);
    }
    for (auto& [arn, a] : by_target_group_) {
        auto& out = sample.by_target_group[arn];
        out.requests = whole(a.requests);
        out.target_2xx = whole(a.target_2xx);
        out.target_5xx = whole(a.target_5xx);
        out.responses = whole(a.responses);
        out.response_time_sum_us = whole(a.response_time_us);
    }
    by_load_balancer_.clear();
    by_target_group_.clear();
    return sample;
}

}  // namespace ecsemu::sim
