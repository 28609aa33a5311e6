#include "emulator/core/cloudwatch/alarm_model.hpp"

namespace ecsemu::core::cloudwatch {

const char* to_wire(AlarmState state) {
    switch (state) {
        case AlarmState::Ok:
            return "OK";
        case AlarmState::Alarm:
            return "ALARM";
        case AlarmState::InsufficientData:
            return "INSUFFICIENT_DATA";
    }
    return "INSUFFICIENT_DATA";
}

const char* to_wire(ComparisonOperator comparison) {
    switch (comparison) {
        case ComparisonOperator::GreaterThanOrEqualToThreshold:
            return "GreaterThanOrEqualToThreshold";
        case ComparisonOperator::GreaterThanThreshold:
            return "GreaterThanThreshold";
        case ComparisonOperator::LessThanThreshold:
            return "LessThanThreshold";
        case ComparisonOperator::LessThanOrEqualToThreshold:
            return "LessThanOrEqualToThreshold";
    }
    return "GreaterThanThreshold";
}

const char* to_wire(Statistic statistic) {
    switch (statistic) {
        case Statistic::SampleCount:
            return "SampleCount";
        case Statistic::Average:
            return "Average";
        case Statistic::Sum:
            return "Sum";
        case Statistic::Minimum:
            return "Minimum";
        case Statistic::Maximum:
            return "Maximum";
    }
    return "Average";
}

const char* to_wire(MissingData missing) {
    switch (missing) {
        case MissingData::Missing:
            return "missing";
        case MissingData::NotBreaching:
            return "notBreaching";
        case MissingData::Breaching:
            return "breaching";
        case MissingData::Ignore:
            return "ignore";
    }
    return "missing";
}

std::optional<AlarmState> alarm_state_from_wire(const std::string& text) {
    if (text == "OK") return AlarmState::Ok;
    if (text == "ALARM") return AlarmState::Alarm;
    if (text == "INSUFFICIENT_DATA") return AlarmState::InsufficientData;
    return std::nullopt;
}

std::optional<ComparisonOperator> comparison_from_wire(const std::string& text) {
    if (text == "GreaterThanOrEqualToThreshold") return ComparisonOperator::GreaterThanOrEqualToThreshold;
    if (text == "GreaterThanThreshold") return ComparisonOperator::GreaterThanThreshold;
    if (text == "LessThanThreshold") return ComparisonOperator::LessThanThreshold;
    if (text == "LessThanOrEqualToThreshold") return ComparisonOperator::LessThanOrEqualToThreshold;
    return std::nullopt;
}

std::optional<Statistic> statistic_from_wire(const std::string& text) {
    if (text == "SampleCount") return Statistic::SampleCount;
    if (text == "Average") return Statistic::Average;
    if (text == "Sum") return Statistic::Sum;
    if (text == "Minimum") return Statistic::Minimum;
    if (text == "Maximum") return Statistic::Maximum;
    return std::nullopt;
}

std::optional<MissingData> missing_data_from_wire(const std::string& text) {
    if (text == "missing") return MissingData::Missing;
    if (text == "notBreaching") return MissingData::NotBreaching;
    if (text == "breaching") return MissingData::Breaching;
    if (text == "ignore") return MissingData::Ignore;
    return std::nullopt;
}

double statistic_value(Statistic statistic, const metrics::StatisticSet& set) {
    switch (statistic) {
        case Statistic::SampleCount:
            return set.sample_count;
        case Statistic::Average:
            return set.average();
        case Statistic::Sum:
            return set.sum;
        case Statistic::Minimum:
            return set.minimum;
        case Statistic::Maximum:
            return set.maximum;
    }
    return set.average();
}

}  // namespace ecsemu::core::cloudwatch
