#pragma once
// CloudWatch's alarm evaluation, once per minute of the clock: the last EvaluationPeriods complete periods
// of the alarm's metric (periods ending at or before `now`) decide the state. M of N with DatapointsToAlarm;
// TreatMissingData decides what absent periods count as (missing: they are skipped; when every period is
// absent the alarm goes to INSUFFICIENT_DATA). StateReason and StateReasonData are worded as CloudWatch
// words them (alarm_reason.hpp).
#include <optional>
#include <string>
#include <vector>

#include "emulator/core/cloudwatch/cloudwatch_state.hpp"

namespace ecsemu::core::cloudwatch {

struct AlarmEvaluation {
    AlarmState state = AlarmState::InsufficientData;
    AlarmReason reason;  // StateReason and StateReasonData, when the state is decided
    // The newest datapoint's value that took part, if any (target tracking sizes capacity by it).
    std::optional<double> latest_value;
};

// The state the alarm should be in at `now` (a pure function of the alarm and the store).
AlarmEvaluation evaluate_alarm(const MetricAlarm& alarm, const metrics::MetricStore& store, Instant now);

struct AlarmTransition {
    std::string alarm_name;
    AlarmState from = AlarmState::InsufficientData;
    AlarmState to = AlarmState::InsufficientData;
};

// Evaluates every alarm of the region in name order and applies the changed states (StateValue,
// StateReason, StateReasonData, StateUpdatedTimestamp = now). Returns the transitions, in name order.
std::vector<AlarmTransition> evaluate_alarms(CloudWatchState& state, Instant now);

}  // namespace ecsemu::core::cloudwatch
