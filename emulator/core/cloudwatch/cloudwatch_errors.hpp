#pragma once
// CloudWatch's error values, worded as CloudWatch words them. Codes are the model's wire codes
// (InvalidParameterValue, MissingParameter, InvalidParameterCombination, ResourceNotFound 404, ...).
// Parameter names are the Query form's ("MetricData.member.1.Value"): CloudWatch answers JSON callers
// with the same texts.
#include <string>
#include <string_view>
#include <vector>

#include "emulator/core/errors.hpp"

namespace ecsemu::core::cloudwatch {

// "The value X for parameter P is invalid."
AwsError invalid_value(std::string_view parameter, std::string_view value);
// InvalidParameterValue with a message of its own.
AwsError invalid_parameter(std::string message);
// "The parameter P is required."
AwsError missing_parameter(std::string_view parameter);
AwsError invalid_combination(std::string message);
// "The parameters A and B are mutually exclusive and you have specified both."
AwsError mutually_exclusive(std::string_view first, std::string_view second);
// Coral's validation wording, code ValidationError: "1 validation error detected: Value 'x' at 'path' failed
// to satisfy constraint: <constraint>".
AwsError validation_error(std::string_view path, std::string_view value, std::string_view constraint);
AwsError enum_error(std::string_view path, std::string_view value, const std::vector<std::string>& allowed);
AwsError resource_not_found(std::string message);
AwsError invalid_next_token();

// "<Prefix>.member.<n>" (1-based), the Query form name of a list element.
std::string member_path(std::string_view list, std::size_t index);

}  // namespace ecsemu::core::cloudwatch
