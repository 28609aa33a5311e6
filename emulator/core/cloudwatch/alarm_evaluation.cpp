#include "emulator/core/cloudwatch/alarm_evaluation.hpp"

#include <algorithm>

#include "emulator/core/cloudwatch/cloudwatch_text.hpp"
#include "emulator/core/cloudwatch/metric_periods.hpp"

namespace ecsemu::core::cloudwatch {

namespace {

struct PeriodValue {
    Instant start;
    double value = 0;
    double sample_count = 0;
    bool breaching = false;
    std::string value_text;  // java_double_text(value), set only when reason texts are written (with_texts)
};

// Each value written once: a reason lists a datapoint's value up to three times (the reason, its data's
// recent and evaluated datapoints), and writing a double is most of writing a reason.
void with_texts(std::vector<PeriodValue>& present) {
    for (PeriodValue& point : present) point.value_text = java_double_text(point.value);
}

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

const char* comparison_words(ComparisonOperator comparison) {
    switch (comparison) {
        case ComparisonOperator::GreaterThanOrEqualToThreshold:
            return "greater than or equal to";
        case ComparisonOperator::GreaterThanThreshold:
            return "greater than";
        case ComparisonOperator::LessThanThreshold:
            return "less than";
        case ComparisonOperator::LessThanOrEqualToThreshold:
            return "less than or equal to";
    }
    return "greater than";
}

const char* missing_words(MissingData missing) {
    switch (missing) {
        case MissingData::Breaching:
            return "Breaching";
        case MissingData::NotBreaching:
            return "NonBreaching";
        case MissingData::Ignore:
            return "Ignore";
        case MissingData::Missing:
            return "Missing";
    }
    return "Missing";
}

std::string plural(int count, const char* one, const char* many) {
    return std::to_string(count) + " " + (count == 1 ? one : many);
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

// "85.0 (26/11/26 10:03:00), 84.0 (26/11/26 10:02:00)", newest first as CloudWatch lists them.
std::string datapoint_list(const std::vector<const PeriodValue*>& listed) {
    std::string out;
    for (const PeriodValue* point : listed) {
        if (!out.empty()) out += ", ";
        out += point->value_text;
        out += " (";
        append_reason_time_text(out, point->start);
        out += ')';
    }
    return out;
}

// A reason-data timestamp as a JSON string: digits and "-:.+T" only, so nothing to escape.
void append_time_literal(std::string& out, Instant at) {
    out += '"';
    append_reason_data_time_text(out, at);
    out += '"';
}

// Written by appending, not by adding strings: every alarm change writes one with a dozen or more
// datapoints, and the temporaries were most of its cost.
std::string reason_data(const MetricAlarm& alarm, Instant now, Instant start,
                        const std::vector<PeriodValue>& present) {
    std::string out;
    out.reserve(160 + 110 * present.size());
    out += "{\"version\":\"1.0\",\"queryDate\":";
    append_time_literal(out, now);
    if (!present.empty()) {
        out += ",\"startDate\":";
        append_time_literal(out, start);
    }
    if (!alarm.unit.empty()) {
        out += ",\"unit\":";
        out += json_string_literal(alarm.unit);
    }
    out += ",\"statistic\":";
    out += json_string_literal(statistic_name(alarm));
    out += ",\"period\":";
    out += std::to_string(alarm.period_seconds);
    out += ",\"recentDatapoints\":[";
    for (std::size_t i = 0; i < present.size(); ++i) {
        if (i != 0) out += ',';
        out += present[i].value_text;
    }
    out += "],\"threshold\":";
    out += java_double_text(alarm.threshold);
    if (!present.empty()) {
        out += ",\"evaluatedDatapoints\":[";
        for (auto it = present.rbegin(); it != present.rend(); ++it) {
            if (it != present.rbegin()) out += ',';
            out += "{\"timestamp\":";
            append_time_literal(out, it->start);
            out += ",\"sampleCount\":";
            out += java_double_text(it->sample_count);
            out += ",\"value\":";
            out += it->value_text;
            out += '}';
        }
        out += ']';
    }
    out += '}';
    return out;
}

// "Threshold Crossed: 3 datapoints [..] were greater than the threshold (70.0)." and the M-of-N form.
std::string crossed_reason(const MetricAlarm& alarm, const std::vector<PeriodValue>& present, bool to_alarm,
                           int evaluation_periods, int datapoints_to_alarm) {
    std::vector<const PeriodValue*> listed;
    for (auto it = present.rbegin(); it != present.rend(); ++it) {
        if (it->breaching == to_alarm) listed.push_back(&*it);
    }
    const int count = static_cast<int>(listed.size());
    std::string out = "Threshold Crossed: ";
    if (datapoints_to_alarm < evaluation_periods) {
        out += std::to_string(count) + " out of the last " +
               plural(evaluation_periods, "datapoint", "datapoints");
    } else {
        out += plural(count, "datapoint", "datapoints");
    }
    out += " [" + datapoint_list(listed) + "] " + (count == 1 ? "was " : "were ") + (to_alarm ? "" : "not ") +
           comparison_words(alarm.comparison) + " the threshold (" + java_double_text(alarm.threshold) + ")";
    if (datapoints_to_alarm < evaluation_periods) {
        const int minimum = to_alarm ? datapoints_to_alarm : evaluation_periods - datapoints_to_alarm + 1;
        out += " (minimum " + plural(minimum, "datapoint", "datapoints") + " for " +
               (to_alarm ? "OK -> ALARM" : "ALARM -> OK") + " transition)";
    }
    return out + ".";
}

AlarmEvaluation retained(const MetricAlarm& alarm, const std::vector<PeriodValue>& present) {
    AlarmEvaluation out{alarm.state, alarm.state_reason, alarm.state_reason_data, std::nullopt};
    if (!present.empty()) out.latest_value = present.back().value;
    return out;
}

// Whether the reason texts are written when the decided state is the alarm's current one (evaluate_alarms
// drops them then: every alarm is evaluated every minute and few change).
enum class ReasonTexts { Always, OnChange };

// `present`: where the periods with data are put, emptied first (evaluate_alarms passes one for all its
// alarms rather than allocating one per alarm per minute).
AlarmEvaluation evaluate(const MetricAlarm& alarm, const metrics::MetricStore& store, Instant now,
                         ReasonTexts texts, std::vector<PeriodValue>& present) {
    const std::int64_t period_ms = static_cast<std::int64_t>(std::max(alarm.period_seconds, 60)) * 1000;
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
    for_each_merged_period(store, key, query, &alarm.series_cache,
                           [&](Instant start, const metrics::StatisticSet& statistics) {
                               if (statistics.sample_count <= 0) return;
                               const double value = period_value(alarm, statistics);
                               present.push_back({start,
                                                  value,
                                                  statistics.sample_count,
                                                  breaches(alarm.comparison, value, alarm.threshold),
                                                  {}});
                           });
    const int present_count = static_cast<int>(present.size());
    const int breaching = static_cast<int>(
        std::count_if(present.begin(), present.end(), [](const PeriodValue& p) { return p.breaching; }));
    const int missing = evaluation_periods - present_count;

    if (present_count == 0) {
        if (alarm.treat_missing_data == MissingData::Ignore) return retained(alarm, present);
        AlarmEvaluation out;
        out.state = alarm.treat_missing_data == MissingData::Breaching      ? AlarmState::Alarm
                    : alarm.treat_missing_data == MissingData::NotBreaching ? AlarmState::Ok
                                                                            : AlarmState::InsufficientData;
        if (texts == ReasonTexts::OnChange && out.state == alarm.state) return out;
        out.reason = "Threshold Crossed: no datapoints were received for " +
                     plural(evaluation_periods, "period", "periods") + " and " +
                     plural(missing, "missing datapoint was", "missing datapoints were") + " treated as [" +
                     missing_words(alarm.treat_missing_data) + "].";
        out.reason_data = reason_data(alarm, now, first_start, present);
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
    with_texts(present);
    out.reason = crossed_reason(alarm, present, out.state == AlarmState::Alarm, evaluation_periods,
                                datapoints_to_alarm);
    out.reason_data = reason_data(alarm, now, first_start, present);
    return out;
}

}  // namespace

AlarmEvaluation evaluate_alarm(const MetricAlarm& alarm, const metrics::MetricStore& store, Instant now) {
    std::vector<PeriodValue> present;
    return evaluate(alarm, store, now, ReasonTexts::Always, present);
}

std::vector<AlarmTransition> evaluate_alarms(CloudWatchState& state, Instant now) {
    std::vector<AlarmTransition> transitions;
    std::vector<PeriodValue> present;
    for (auto& [name, alarm] : state.alarms) {
        AlarmEvaluation evaluation = evaluate(alarm, state.metrics, now, ReasonTexts::OnChange, present);
        if (evaluation.state == alarm.state) continue;
        transitions.push_back({name, alarm.state, evaluation.state});
        alarm.state = evaluation.state;
        alarm.state_reason = std::move(evaluation.reason);
        alarm.state_reason_data = std::move(evaluation.reason_data);
        alarm.state_updated = now;
    }
    return transitions;
}

}  // namespace ecsemu::core::cloudwatch
