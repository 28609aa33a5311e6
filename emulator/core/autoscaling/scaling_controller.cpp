#include "emulator/core/autoscaling/scaling_controller.hpp"

#include <algorithm>
#include <cmath>
#include <set>

#include "emulator/core/autoscaling/schedule.hpp"
#include "emulator/core/autoscaling/target_tracking.hpp"
#include "emulator/core/cloudwatch/alarm_evaluation.hpp"
#include "emulator/core/region_key.hpp"

namespace ecsemu::core::autoscaling {

namespace {

constexpr Duration kMetricLookback = Duration::minutes(3);

// The newest complete one-minute value of the alarm's metric, by the alarm's statistic.
std::optional<double> latest_value(const cloudwatch::MetricAlarm& alarm, const metrics::MetricStore& store,
                                   Instant now) {
    // Read in place by the key's parts: every target-tracking policy asks every minute.
    const metrics::MetricKeyRef key{alarm.namespace_name, alarm.metric_name, alarm.dimensions};
    const metrics::StatisticSet* newest = nullptr;
    store.visit(key, alarm.series_cache, now - kMetricLookback, metrics::MetricStore::minute_of(now),
                [&newest](Instant, const metrics::StatisticSet& statistics, const std::string&) {
                    newest = &statistics;
                });
    if (newest == nullptr) return std::nullopt;
    return cloudwatch::statistic_value(alarm.statistic, *newest);
}

// The policy's alarm at `position` of policy.alarms, if it is there and still in CloudWatch.
const cloudwatch::MetricAlarm* policy_alarm(const cloudwatch::CloudWatchState& cloudwatch,
                                            const ScalingPolicy& policy, std::size_t position) {
    return position < policy.alarms.size() ? cloudwatch.find_alarm(policy.alarms[position].name) : nullptr;
}

PolicyProposal propose_target_tracking(const ScalingPolicy& policy,
                                       const cloudwatch::CloudWatchState& cloudwatch,
                                       const TrackingView& view) {
    // A target-tracking policy's alarms are its AlarmHigh and then, unless scale-in is disabled, its AlarmLow
    // (target_tracking_alarms): found by place rather than by searching their names every minute.
    const cloudwatch::MetricAlarm* high = policy_alarm(cloudwatch, policy, 0);
    const cloudwatch::MetricAlarm* low = policy_alarm(cloudwatch, policy, 1);
    if (high == nullptr) return PolicyProposal{};
    const auto state_of = [](const cloudwatch::MetricAlarm* alarm) {
        return alarm == nullptr ? cloudwatch::AlarmState::InsufficientData : alarm->state;
    };
    static const std::string kNoAlarm;
    return propose(policy, state_of(high), state_of(low), high->name, low == nullptr ? kNoAlarm : low->name,
                   latest_value(*high, cloudwatch.metrics, view.now), view);
}

// A step-scaling policy acts while an alarm naming it in AlarmActions is in ALARM: the step that holds the
// breach (metric - threshold) gives the adjustment.
PolicyProposal propose_step(const ScalingPolicy& policy, const cloudwatch::CloudWatchState& cloudwatch,
                            const TrackingView& view) {
    PolicyProposal proposal;
    proposal.policy_name = policy.name;
    if (!policy.step_scaling) return proposal;
    const StepScalingConfig& config = *policy.step_scaling;
    for (const auto& [name, alarm] : cloudwatch.alarms) {
        if (alarm.state != cloudwatch::AlarmState::Alarm || !alarm.actions_enabled) continue;
        if (std::find(alarm.alarm_actions.begin(), alarm.alarm_actions.end(), policy.arn) ==
            alarm.alarm_actions.end())
            continue;
        const auto value = latest_value(alarm, cloudwatch.metrics, view.now);
        if (!value) continue;
        const double breach = *value - alarm.threshold;
        const StepAdjustment* step = nullptr;
        for (const StepAdjustment& candidate : config.step_adjustments) {
            const bool above_lower = !candidate.lower_bound || breach >= *candidate.lower_bound;
            const bool below_upper = !candidate.upper_bound || breach < *candidate.upper_bound;
            if (above_lower && below_upper) step = &candidate;
        }
        if (step == nullptr) continue;
        int capacity = view.desired;
        if (config.adjustment_type == "ExactCapacity") {
            capacity = step->scaling_adjustment;
        } else if (config.adjustment_type == "PercentChangeInCapacity") {
            int change = static_cast<int>(std::trunc(view.desired * step->scaling_adjustment / 100.0));
            const int magnitude = config.min_adjustment_magnitude.value_or(0);
            if (change != 0 && std::abs(change) < magnitude) change = change > 0 ? magnitude : -magnitude;
            if (change == 0 && step->scaling_adjustment != 0) change = step->scaling_adjustment > 0 ? 1 : -1;
            capacity = view.desired + change;
        } else {
            capacity = view.desired + step->scaling_adjustment;
        }
        proposal.alarm_name = alarm.name;
        proposal.cooldown =
            config.cooldown_seconds ? Duration::seconds(*config.cooldown_seconds) : kDefaultCooldown;
        const bool out = capacity > view.desired;
        const auto& since = out ? view.memory.last_scale_out : view.memory.last_scale_in;
        if (since && view.now < *since + proposal.cooldown) {
            proposal.held_by = out ? "ScaleOutCooldown" : "ScaleInCooldown";
            return proposal;
        }
        if (capacity == view.desired) continue;
        if (out ? view.suspended.dynamic_scaling_out : view.suspended.dynamic_scaling_in) continue;
        proposal.direction = out ? Direction::Out : Direction::In;
        proposal.capacity = capacity;
        return proposal;
    }
    return proposal;
}

std::string trigger_cause(const PolicyProposal& proposal) {
    return "monitor alarm " + proposal.alarm_name + " in state ALARM triggered policy " +
           proposal.policy_name;
}

}  // namespace

ScalingController::ScalingController(AutoScalingWorld& autoscaling, cloudwatch::CloudWatchWorld& cloudwatch,
                                     ScalableResources& resources)
    : autoscaling_(autoscaling), cloudwatch_(cloudwatch), resources_(resources) {}

std::vector<CapacityChange> ScalingController::evaluate(Instant now) {
    // Every alarm moves, whether or not a policy listens to it.
    for (auto& [key, state] : cloudwatch_.regions()) cloudwatch::evaluate_alarms(state, now);

    std::vector<CapacityChange> changes;
    for (auto& [region_key, region] : autoscaling_.regions()) {
        const RegionKey where = split_region_key(region_key);
        RegionRef ref{where.account_id, where.region, region.state,
                      cloudwatch_.region(where.account_id, where.region)};
        fire_scheduled_actions(ref, now, changes);
        for (auto& [key, target] : region.state.targets) scale_target(ref, key, target, now, changes);
    }
    update_activities(now);
    return changes;
}

void ScalingController::scale_target(RegionRef& ref, const std::string& key, ScalableTarget& target,
                                     Instant now, std::vector<CapacityChange>& changes) {
    const auto capacity = resources_.desired_capacity(ref.account_id, ref.region, target.resource_id);
    if (!capacity) return;
    ScalingMemory& memory = ref.state.memory[key];
    TrackingView view;
    view.desired = capacity->desired;
    view.min_capacity = target.min_capacity;
    view.max_capacity = target.max_capacity;
    view.deployment_in_progress = capacity->deployment_in_progress;
    view.scale_out_unfulfilled = !memory.scale_out_fulfilled;
    view.suspended = target.suspended;
    view.memory = memory;
    view.now = now;

    std::vector<PolicyProposal>& proposals = proposals_;
    proposals.clear();
    std::string& prefix = policy_prefix_;
    prefix.assign(key);
    prefix += '|';
    for (auto it = ref.state.policies.lower_bound(prefix);
         it != ref.state.policies.end() && it->first.starts_with(prefix); ++it) {
        const ScalingPolicy& policy = it->second;
        proposals.push_back(policy.target_tracking ? propose_target_tracking(policy, ref.cloudwatch, view)
                                                   : propose_step(policy, ref.cloudwatch, view));
    }
    const ScalingDecision decision = decide(proposals, view);
    if (decision.direction == Direction::None) {
        const bool any_alarm = std::any_of(proposals.begin(), proposals.end(),
                                           [](const PolicyProposal& p) { return !p.alarm_name.empty(); });
        if (!any_alarm) memory.not_scaled_alarm.clear();
        if (decision.cause == nullptr || decision.not_scaled_code.empty() ||
            memory.not_scaled_alarm == decision.cause->alarm_name)
            return;
        // Shown with IncludeNotScaledActivities: once per stretch the alarm spends in ALARM.
        memory.not_scaled_alarm = decision.cause->alarm_name;
        ScalingActivity& activity = start_activity(ref.state, target, now);
        activity.description = "Attempting to scale due to alarm triggered";
        activity.cause = trigger_cause(*decision.cause);
        activity.status = ActivityStatus::Failed;
        activity.end = now;
        activity.target_capacity = capacity->desired;
        NotScaledReason reason;
        reason.code = decision.not_scaled_code;
        if (decision.not_scaled_code == "AlreadyAtMaxCapacity") reason.max_capacity = target.max_capacity;
        if (decision.not_scaled_code == "AlreadyAtMinCapacity") reason.min_capacity = target.min_capacity;
        reason.current_capacity = capacity->desired;
        activity.not_scaled_reasons.push_back(reason);
        return;
    }

    const PolicyProposal& cause = *decision.cause;
    ScalingActivity& activity = start_activity(ref.state, target, now);
    activity.description = "Setting desired count to " + std::to_string(decision.capacity) + ".";
    activity.cause = trigger_cause(cause);
    activity.target_capacity = decision.capacity;
    const Status set =
        resources_.set_desired(ref.account_id, ref.region, target.resource_id, decision.capacity, now);
    if (!set.ok()) {
        activity.status = ActivityStatus::Failed;
        activity.end = now;
        activity.status_message = "Failed to set desired count to " + std::to_string(decision.capacity) +
                                  ". Reason: " + set.error().message;
        return;
    }
    activity.status = ActivityStatus::InProgress;
    memory.not_scaled_alarm.clear();
    if (decision.direction == Direction::Out) {
        const bool cooling =
            !memory.scale_out_fulfilled || (memory.last_scale_out && memory.scale_out_cooldown &&
                                            now < *memory.last_scale_out + *memory.scale_out_cooldown);
        if (!cooling) memory.capacity_before_scale_out = capacity->desired;
        memory.scale_out_fulfilled = false;
        memory.last_scale_out = now;
        memory.scale_out_cooldown = cause.cooldown;
        memory.last_scale_in.reset();  // a scale-out ends a scale-in cooldown
    } else {
        memory.last_scale_in = now;
        memory.scale_in_cooldown = cause.cooldown;
    }
    changes.push_back({ref.account_id, ref.region, target.resource_id, capacity->desired, decision.capacity,
                       activity.cause});
}

// A due scheduled action sets the target's min and max, and the desired count is moved into them.
void ScalingController::fire_scheduled_actions(RegionRef& ref, Instant now,
                                               std::vector<CapacityChange>& changes) {
    for (auto& [action_key, action] : ref.state.scheduled) {
        const Instant after =
            action.last_fired ? *action.last_fired : action.created - Duration::milliseconds(1);
        const auto due = next_fire_time(action, after);
        if (!due || *due > now) continue;
        action.last_fired = *due;
        const std::string key =
            target_key(action.service_namespace, action.resource_id, action.scalable_dimension);
        const auto target_it = ref.state.targets.find(key);
        if (target_it == ref.state.targets.end() || target_it->second.suspended.scheduled_scaling) continue;
        ScalableTarget& target = target_it->second;
        if (action.action.min_capacity) target.min_capacity = *action.action.min_capacity;
        if (action.action.max_capacity) target.max_capacity = *action.action.max_capacity;
        target.max_capacity = std::max(target.max_capacity, target.min_capacity);
        const auto capacity = resources_.desired_capacity(ref.account_id, ref.region, target.resource_id);
        if (!capacity) continue;
        const int desired = std::clamp(capacity->desired, target.min_capacity, target.max_capacity);
        if (desired == capacity->desired) continue;
        ScalingActivity& activity = start_activity(ref.state, target, now);
        activity.description = "Setting desired count to " + std::to_string(desired) + ".";
        activity.cause = "scheduled action name " + action.name + " was triggered";
        activity.target_capacity = desired;
        const Status set =
            resources_.set_desired(ref.account_id, ref.region, target.resource_id, desired, now);
        if (!set.ok()) {
            activity.status = ActivityStatus::Failed;
            activity.end = now;
            activity.status_message = set.error().message;
            continue;
        }
        activity.status = ActivityStatus::InProgress;
        changes.push_back(
            {ref.account_id, ref.region, target.resource_id, capacity->desired, desired, activity.cause});
    }
}

ScalingActivity& ScalingController::start_activity(AutoScalingState& state, const ScalableTarget& target,
                                                   Instant now) {
    ScalingActivity activity;
    activity.id = ids_.uuid();
    activity.service_namespace = target.service_namespace;
    activity.resource_id = target.resource_id;
    activity.scalable_dimension = target.scalable_dimension;
    activity.start = now;
    activity.status = ActivityStatus::Pending;
    state.activities.push_back(std::move(activity));
    while (state.activities.size() > AutoScalingState::kMaxActivities) state.activities.pop_front();
    return state.activities.back();
}

void ScalingController::update_activities(Instant now) {
    for (auto& [region_key, region] : autoscaling_.regions()) {
        const RegionKey where = split_region_key(region_key);
        update_region_activities(where.account_id, where.region, region.state, now);
    }
}

void ScalingController::update_region_activities(const std::string& account_id, const std::string& region,
                                                 AutoScalingState& state, Instant now) {
    std::set<std::string> newer_in_progress;  // resources with a later activity still in progress
    std::optional<Instant> oldest_left;       // the start of the oldest activity still in progress after this
    for (auto it = state.activities.rbegin(); it != state.activities.rend(); ++it) {
        ScalingActivity& activity = *it;
        if (state.in_progress_from && activity.start < *state.in_progress_from) break;
        if (activity.status != ActivityStatus::InProgress) continue;
        const std::string resource = activity.service_namespace + "|" + activity.resource_id;
        if (!newer_in_progress.insert(resource).second) {
            activity.status = ActivityStatus::Overridden;
            activity.end = now;
            activity.status_message = "Overridden by a later activity.";
            continue;
        }
        const auto capacity = resources_.capacity(account_id, region, activity.resource_id);
        const std::string count = std::to_string(activity.target_capacity);
        if (!capacity) {
            activity.status = ActivityStatus::Failed;
            activity.end = now;
            activity.status_message =
                "Failed to set desired count to " + count + ". The service no longer exists.";
        } else if (capacity->desired != activity.target_capacity) {
            activity.status = ActivityStatus::Overridden;
            activity.end = now;
            activity.status_message =
                "Desired count was changed to " + std::to_string(capacity->desired) + ".";
        } else if (capacity->running == activity.target_capacity) {
            ScalingMemory& memory = state.memory[target_key(activity.service_namespace, activity.resource_id,
                                                            activity.scalable_dimension)];
            if (!memory.scale_out_fulfilled && memory.last_scale_out &&
                *memory.last_scale_out <= activity.start) {
                memory.scale_out_fulfilled = true;
                memory.last_scale_out = now;
            }
            activity.status = ActivityStatus::Successful;
            activity.end = now;
            activity.status_message =
                "Successfully set desired count to " + count + ". Change successfully fulfilled by ecs.";
        }
        if (activity.status == ActivityStatus::InProgress) oldest_left = activity.start;  // newest to oldest
    }
    state.in_progress_from = oldest_left ? *oldest_left : now;
}

}  // namespace ecsemu::core::autoscaling
