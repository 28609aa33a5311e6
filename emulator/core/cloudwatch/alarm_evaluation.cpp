#include "emulator/core/cloudwatch/alarm_evaluation.hpp"

#include <algorithm>

#include "emulator/core/cloudwatch/metric_periods.hpp"

namespace ecsemu::core::cloudwatch {

namespace {

bool breaches(ComparisonOperator comparison, double value, double threshold) {
    switch (comparison) {
        case ComparisonOperator::GreaterThanOrEqualToThreshold:
            return value >= threshold;
        case ComparisonOperator::GreaterThanThreshold:
            return value > threshold;
        case ComparisonOperator::LessThanThreshold:
            return value < threshold;
        case ComparisonOperator::LessThanOrEqualToThreshold:
            return value <= threshold;
    }
    return false;
}

double period_value(const MetricAlarm& alarm, const metrics::StatisticSet& set) {
    if (!alarm.extended_statistic.empty()) {
        if (const auto percentile = percentile_of(alarm.extended_statistic))
            return estimate_percentile(set, *percentile);
        return set.average();
    }
    return statistic_value(alarm.statistic, set);
}

std::string statistic_name(const MetricAlarm& alarm) {
    return alarm.extended_statistic.empty() ? to_wire(alarm.statistic) : alarm.extended_statistic;
}

AlarmEvaluation retained(const MetricAlarm& alarm, const std::vector<EvaluatedPeriod>& present) {
    AlarmEvaluation out{alarm.state, alarm.state_reason, std::nullopt};
    if (!present.empty()) out.latest_value = present.back().value;
    return out;
}

// Whether the reason is recorded when the decided state is the alarm's current one (evaluate_alarms drops it
// then: every alarm is evaluated every minute and few change).
enum class ReasonTexts { Always, OnChange };

// What the reason of an evaluation of `alarm` names, apart from the periods.
EvaluationRecord record_of(const MetricAlarm& alarm, AlarmState state, Instant now, Instant first_start,
                           int evaluation_periods, int datapoints_to_alarm,
                           const std::vector<EvaluatedPeriod>& present) {
    EvaluationRecord record;
    record.state = state;
    record.now = now;
    record.first_start = first_start;
    record.evaluation_periods = evaluation_periods;
    record.datapoints_to_alarm = datapoints_to_alarm;
    record.present = present;
    record.threshold = alarm.threshold;
    record.comparison = alarm.comparison;
    record.treat_missing_data = alarm.treat_missing_data;
    record.unit = alarm.unit;
    record.statistic = statistic_name(alarm);
    record.period_seconds = alarm.period_seconds;
    return record;
}

// `present`: where the periods with data are put, emptied first (evaluate_alarms passes one for all its
// alarms rather than allocating one per alarm per minute).
AlarmEvaluation evaluate(const MetricAlarm& alarm, const metrics::MetricStore& store, Instant now,
                         ReasonTexts texts, std::vector<EvaluatedPeriod>& present) {
    const std::int64_t period_ms = period_ms_of(alarm.period_seconds);
    const int evaluation_periods = std::max(alarm.evaluation_periods, 1);
    const int datapoints_to_alarm =
        std::clamp(alarm.datapoints_to_alarm.value_or(evaluation_periods), 1, evaluation_periods);
    // Periods are aligned to the clock; the newest one counted is the last that ended at or before now.
    const std::int64_t floored = now.epoch_ms - ((now.epoch_ms % period_ms) + period_ms) % period_ms;
    const Instant last_end{floored};
    const Instant first_start{floored - evaluation_periods * period_ms};

    PeriodQuery query;
    query.origin = first_start;
    query.start = first_start;
    query.end = last_end;
    query.period_seconds = static_cast<int>(period_ms / 1000);
    if (!alarm.unit.empty()) query.unit = alarm.unit;
    const metrics::MetricKeyRef key{alarm.namespace_name, alarm.metric_name, alarm.dimensions};

    present.clear();
    for_each_merged_period(
        store, key, query, &alarm.series_cache, [&](Instant start, const metrics::StatisticSet& statistics) {
            if (statistics.sample_count <= 0) return;
            const double value = period_value(alarm, statistics);
            present.push_back(
                {start, value, statistics.sample_count, breaches(alarm.comparison, value, alarm.threshold)});
        });
    const int present_count = static_cast<int>(present.size());
    const int breaching = static_cast<int>(
        std::count_if(present.begin(), present.end(), [](const EvaluatedPeriod& p) { return p.breaching; }));
    const int missing = evaluation_periods - present_count;

    if (present_count == 0) {
        if (alarm.treat_missing_data == MissingData::Ignore) return retained(alarm, present);
        AlarmEvaluation out;
        out.state = alarm.treat_missing_data == MissingData::Breaching      ? AlarmState::Alarm
                    : alarm.treat_missing_data == MissingData::NotBreaching ? AlarmState::Ok
                                                                            : AlarmState::InsufficientData;
        if (texts == ReasonTexts::OnChange && out.state == alarm.state) return out;
        EvaluationRecord record =
            record_of(alarm, out.state, now, first_start, evaluation_periods, datapoints_to_alarm, present);
        record.no_data = true;
        out.reason = AlarmReason(std::move(record));
        return out;
    }

    int breaching_count = breaching;
    int clear_count = present_count - breaching;
    if (alarm.treat_missing_data == MissingData::Breaching) breaching_count += missing;
    if (alarm.treat_missing_data == MissingData::NotBreaching) clear_count += missing;

    AlarmEvaluation out;
    out.latest_value = present.back().value;
    if (breaching_count >= datapoints_to_alarm) {
        out.state = AlarmState::Alarm;
    } else if (clear_count > evaluation_periods - datapoints_to_alarm) {
        out.state = AlarmState::Ok;
    } else {
        // Missing periods could still turn either way: CloudWatch keeps the state until they are known.
        return retained(alarm, present);
    }
    if (texts == ReasonTexts::OnChange && out.state == alarm.state) return out;
    out.reason = AlarmReason(
        record_of(alarm, out.state, now, first_start, evaluation_periods, datapoints_to_alarm, present));
    return out;
}

}  // namespace

AlarmEvaluation evaluate_alarm(const MetricAlarm& alarm, const metrics::MetricStore& store, Instant now) {
    std::vector<EvaluatedPeriod> present;
    return evaluate(alarm, store, now, ReasonTexts::Always, present);
}

std::vector<AlarmTransition> evaluate_alarms(CloudWatchState& state, Instant now) {
    std::vector<AlarmTransition> transitions;
    std::vector<EvaluatedPeriod> present;
    for (auto& [name, alarm] : state.alarms) {
        AlarmEvaluation evaluation = evaluate(alarm, state.metrics, now, ReasonTexts::OnChange, present);
        if (evaluation.state == alarm.state) continue;
        transitions.push_back({name, alarm.state, evaluation.state});
        alarm.state = evaluation.state;
        alarm.state_reason = std::move(evaluation.reason);
        alarm.state_updated = now;
    }
    return transitions;
}

}  // namespace ecsemu::core::cloudwatch
