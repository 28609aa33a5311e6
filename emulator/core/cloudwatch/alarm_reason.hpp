#pragma once
// An alarm's StateReason and StateReasonData. Given as texts (a new alarm's, SetAlarmState's), or as what the
// evaluation that moved the alarm saw, worded as CloudWatch words it the first time the texts are read
// ("Threshold Crossed: 3 datapoints [85.2 (26/11/26 10:03:00), ...] were greater than the threshold
// (70.0)."). Alarms change state thousands of times in a simulated week and nothing reads most of those
// reasons: writing them as they happened was a third of evaluating alarms.
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "emulator/core/cloudwatch/alarm_enums.hpp"
#include "emulator/core/time.hpp"

namespace ecsemu::core::cloudwatch {

// One period of the evaluation that had data.
struct EvaluatedPeriod {
    Instant start;
    double value = 0;  // the alarm's statistic of the period
    double sample_count = 0;
    bool breaching = false;
};

// What an evaluation saw and decided, with the alarm settings its reason names (kept as they were then: a
// later PutMetricAlarm does not reword a reason).
struct EvaluationRecord {
    bool no_data = false;  // every period was missing: the reason names the missing-data treatment
    AlarmState state = AlarmState::InsufficientData;
    Instant now;
    Instant first_start;  // the first evaluated period's start
    int evaluation_periods = 1;
    int datapoints_to_alarm = 1;
    std::vector<EvaluatedPeriod> present;  // oldest first
    double threshold = 0;
    ComparisonOperator comparison = ComparisonOperator::GreaterThanThreshold;
    MissingData treat_missing_data = MissingData::Missing;
    std::string unit;       // empty when the alarm has none
    std::string statistic;  // the statistic's or extended statistic's name
    int period_seconds = 60;
};

class AlarmReason {
public:
    AlarmReason() = default;  // empty texts
    AlarmReason(std::string text, std::string data) : text_(std::move(text)), data_(std::move(data)) {}
    explicit AlarmReason(EvaluationRecord record)
        : record_(std::make_shared<const EvaluationRecord>(std::move(record))) {}

    // StateReason.
    const std::string& text() const {
        write();
        return text_;
    }
    // StateReasonData: JSON text, may be empty.
    const std::string& data() const {
        write();
        return data_;
    }

private:
    // Words the record's texts, once.
    void write() const {
        if (record_ != nullptr) write_record();
    }
    void write_record() const;

    mutable std::string text_;
    mutable std::string data_;
    // Until written; shared by copies (a record is never changed).
    mutable std::shared_ptr<const EvaluationRecord> record_;
};

}  // namespace ecsemu::core::cloudwatch
