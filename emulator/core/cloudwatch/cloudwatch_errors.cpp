#include "emulator/core/cloudwatch/cloudwatch_errors.hpp"

namespace ecsemu::core::cloudwatch {

AwsError invalid_value(std::string_view parameter, std::string_view value) {
    return AwsError::client("InvalidParameterValue", "The value " + std::string(value) + " for parameter " +
                                                         std::string(parameter) + " is invalid.");
}

AwsError invalid_parameter(std::string message) {
    return AwsError::client("InvalidParameterValue", std::move(message));
}

AwsError missing_parameter(std::string_view parameter) {
    return AwsError::client("MissingParameter", "The parameter " + std::string(parameter) + " is required.");
}

AwsError invalid_combination(std::string message) {
    return AwsError::client("InvalidParameterCombination", std::move(message));
}

AwsError mutually_exclusive(std::string_view first, std::string_view second) {
    return invalid_combination("The parameters " + std::string(first) + " and " + std::string(second) +
                               " are mutually exclusive and you have specified both.");
}

AwsError validation_error(std::string_view path, std::string_view value, std::string_view constraint) {
    return AwsError::client("ValidationError",
                            "1 validation error detected: Value '" + std::string(value) + "' at '" +
                                std::string(path) +
                                "' failed to satisfy constraint: " + std::string(constraint));
}

AwsError enum_error(std::string_view path, std::string_view value, const std::vector<std::string>& allowed) {
    std::string set;
    for (const auto& name : allowed) set += (set.empty() ? "" : ", ") + name;
    return validation_error(path, value, "Member must satisfy enum value set: [" + set + "]");
}

AwsError resource_not_found(std::string message) {
    return AwsError{"ResourceNotFound", std::move(message), 404};
}

AwsError invalid_next_token() {
    return AwsError::client("InvalidNextToken", "The service couldn't process the NextToken.");
}

std::string member_path(std::string_view list, std::size_t index) {
    return std::string(list) + ".member." + std::to_string(index + 1);
}

}  // namespace ecsemu::core::cloudwatch
