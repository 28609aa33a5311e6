#pragma once
// ELBv2's errors with the model's wire codes (error.code, not the shape name) and AWS's wording.
#include <string>

#include "emulator/core/errors.hpp"

namespace ecsemu::core::elbv2 {

AwsError validation_error(std::string message);
AwsError invalid_configuration(std::string message);
AwsError load_balancer_not_found();
AwsError target_group_not_found();
AwsError listener_not_found();
AwsError rule_not_found();
AwsError duplicate_load_balancer_name(const std::string& name);
AwsError duplicate_target_group_name(const std::string& name);
AwsError duplicate_listener(const std::string& load_balancer_arn);
AwsError priority_in_use(int priority);
AwsError resource_in_use(std::string message);
AwsError operation_not_permitted(std::string message);
AwsError invalid_target(std::string message);
AwsError too_many_rules(const std::string& load_balancer_arn);
AwsError too_many_tags(const std::string& resource_arn);
AwsError duplicate_tag_keys(const std::string& key);
AwsError invalid_action(std::string message);
AwsError unsupported_protocol(std::string message);
AwsError subnet_not_found(const std::string& subnet_id);
AwsError invalid_security_group(std::string message);

}  // namespace ecsemu::core::elbv2
