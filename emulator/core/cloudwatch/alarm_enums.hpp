#pragma once
// The enumerations of a CloudWatch metric alarm (alarm_model.hpp), apart so the reason texts
// (alarm_reason.hpp) can name them without the whole alarm.

namespace ecsemu::core::cloudwatch {

enum class AlarmState { Ok, Alarm, InsufficientData };  // wire: OK | ALARM | INSUFFICIENT_DATA

enum class ComparisonOperator {
    GreaterThanOrEqualToThreshold,
    GreaterThanThreshold,
    LessThanThreshold,
    LessThanOrEqualToThreshold,
};

enum class Statistic { SampleCount, Average, Sum, Minimum, Maximum };

// TreatMissingData: missing (the default) | notBreaching | breaching | ignore.
enum class MissingData { Missing, NotBreaching, Breaching, Ignore };

}  // namespace ecsemu::core::cloudwatch
