#pragma once
// Checks a scenario request against its operation's botocore input shape the way the AWS CLI checks
// --cli-input-json before sending anything: members the shape does not have, missing required members and
// values of the wrong JSON type are errors ("request.Port: expected an integer"). Enums, patterns and ranges
// are left to the service, which words its own errors. A string that is exactly one "${...}" reference
// stands for a value not yet known and passes for any type; the resolved request is checked again.
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

namespace ecsemu::api::scenario {

// Error text starting with `path` ("request.HealthCheckPath: expected a string"), or nothing. Services
// without a generated model pass unchecked.
std::optional<std::string> check_request(std::string_view service_prefix, std::string_view operation,
                                         const nlohmann::json& request, const std::string& path);

}  // namespace ecsemu::api::scenario
