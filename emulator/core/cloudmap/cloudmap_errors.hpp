#pragma once
// Cloud Map's errors with the model's wire codes (most without the Exception suffix) and AWS's wording.
// Every one is a client error (HTTP 400) except where noted.
#include <string>

#include "emulator/core/errors.hpp"

namespace ecsemu::core::cloudmap {

AwsError invalid_input(std::string message);
AwsError namespace_not_found(const std::string& id);
AwsError service_not_found(const std::string& id);
AwsError instance_not_found(const std::string& id);
AwsError operation_not_found(const std::string& id);
AwsError namespace_already_exists(const std::string& name, const std::string& existing_id);
AwsError service_already_exists(const std::string& name, const std::string& existing_id);
AwsError resource_in_use(std::string message);
AwsError resource_not_found(const std::string& arn);
AwsError too_many_tags(const std::string& arn);
AwsError custom_health_not_found(const std::string& service_id);

}  // namespace ecsemu::core::cloudmap
