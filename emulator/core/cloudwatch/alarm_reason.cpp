#include "emulator/core/cloudwatch/alarm_reason.hpp"

#include <string>
#include <vector>

#include "emulator/core/cloudwatch/cloudwatch_text.hpp"

namespace ecsemu::core::cloudwatch {

namespace {

// A period of the record and its value written once: a reason lists a datapoint's value up to three times
// (the reason, its data's recent and evaluated datapoints), and writing a double is most of writing a reason.
struct WrittenPeriod {
    const EvaluatedPeriod* period;
    std::string value_text;
};

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

// "85.0 (26/11/26 10:03:00), 84.0 (26/11/26 10:02:00)", newest first as CloudWatch lists them.
std::string datapoint_list(const std::vector<const WrittenPeriod*>& listed) {
    std::string out;
    for (const WrittenPeriod* point : listed) {
        if (!out.empty()) out += ", ";
        out += point->value_text;
        out += " (";
        append_reason_time_text(out, point->period->start);
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

// Written by appending, not by adding strings: a reason lists a dozen or more datapoints.
std::string reason_data(const EvaluationRecord& record, const std::vector<WrittenPeriod>& present) {
    std::string out;
    out.reserve(160 + 110 * present.size());
    out += "{\"version\":\"1.0\",\"queryDate\":";
    append_time_literal(out, record.now);
    if (!present.empty()) {
        out += ",\"startDate\":";
        append_time_literal(out, record.first_start);
    }
    if (!record.unit.empty()) {
        out += ",\"unit\":";
        out += json_string_literal(record.unit);
    }
    out += ",\"statistic\":";
    out += json_string_literal(record.statistic);
    out += ",\"period\":";
    out += std::to_string(record.period_seconds);
    out += ",\"recentDatapoints\":[";
    for (std::size_t i = 0; i < present.size(); ++i) {
        if (i != 0) out += ',';
        out += present[i].value_text;
    }
    out += "],\"threshold\":";
    out += java_double_text(record.threshold);
    if (!present.empty()) {
        out += ",\"evaluatedDatapoints\":[";
        for (auto it = present.rbegin(); it != present.rend(); ++it) {
            if (it != present.rbegin()) out += ',';
            out += "{\"timestamp\":";
            append_time_literal(out, it->period->start);
            out += ",\"sampleCount\":";
            out += java_double_text(it->period->sample_count);
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
std::string crossed_reason(const EvaluationRecord& record, const std::vector<WrittenPeriod>& present) {
    const bool to_alarm = record.state == AlarmState::Alarm;
    const int evaluation_periods = record.evaluation_periods;
    const int datapoints_to_alarm = record.datapoints_to_alarm;
    std::vector<const WrittenPeriod*> listed;
    for (auto it = present.rbegin(); it != present.rend(); ++it) {
        if (it->period->breaching == to_alarm) listed.push_back(&*it);
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
           comparison_words(record.comparison) + " the threshold (" + java_double_text(record.threshold) +
           ")";
    if (datapoints_to_alarm < evaluation_periods) {
        const int minimum = to_alarm ? datapoints_to_alarm : evaluation_periods - datapoints_to_alarm + 1;
        out += " (minimum " + plural(minimum, "datapoint", "datapoints") + " for " +
               (to_alarm ? "OK -> ALARM" : "ALARM -> OK") + " transition)";
    }
    return out + ".";
}

// "Threshold Crossed: no datapoints were received for 3 periods and 3 missing datapoints were treated as
// [Breaching]."
std::string no_data_reason(const EvaluationRecord& record) {
    const int missing = record.evaluation_periods - static_cast<int>(record.present.size());
    return "Threshold Crossed: no datapoints were received for " +
           plural(record.evaluation_periods, "period", "periods") + " and " +
           plural(missing, "missing datapoint was", "missing datapoints were") + " treated as [" +
           missing_words(record.treat_missing_data) + "].";
}

}  // namespace

void AlarmReason::write_record() const {
    const EvaluationRecord& record = *record_;
    std::vector<WrittenPeriod> present;
    present.reserve(record.present.size());
    for (const EvaluatedPeriod& period : record.present)
        present.push_back({&period, java_double_text(period.value)});
    text_ = record.no_data ? no_data_reason(record) : crossed_reason(record, present);
    data_ = reason_data(record, present);
    record_.reset();
}

}  // namespace ecsemu::core::cloudwatch
