#include "emulator/core/elbv2/elbv2_errors.hpp"

#include <utility>

namespace ecsemu::core::elbv2 {

AwsError validation_error(std::string message) {
    return AwsError::client("ValidationError", std::move(message));
}

AwsError invalid_configuration(std::string message) {
    return AwsError::client("InvalidConfigurationRequest", std::move(message));
}

AwsError load_balancer_not_found() {
    return AwsError::client("LoadBalancerNotFound", "One or more load balancers not found");
}

AwsError target_group_not_found() {
    return AwsError::client("TargetGroupNotFound", "One or more target groups not found");
}

AwsError listener_not_found() {
    return AwsError::client("ListenerNotFound", "One or more listeners not found");
}

AwsError rule_not_found() {
    return AwsError::client("RuleNotFound", "One or more rules not found");
}

AwsError duplicate_load_balancer_name(const std::string& name) {
    return AwsError::client("DuplicateLoadBalancerName", "A load balancer with the same name '" + name +
                                                             "' exists, but with different settings");
}

AwsError duplicate_target_group_name(const std::string& name) {
    return AwsError::client("DuplicateTargetGroupName", "A target group with the same name '" + name +
                                                            "' exists, but with different settings");
}

AwsError duplicate_listener(const std::string& load_balancer_arn) {
    return AwsError::client(
        "DuplicateListener",
        "A listener already exists on this port for this load balancer '" + load_balancer_arn + "'");
}

AwsError priority_in_use(int priority) {
    return AwsError::client("PriorityInUse",
                            "Priority '" + std::to_string(priority) + "' is currently in use");
}

AwsError resource_in_use(std::string message) {
    return AwsError::client("ResourceInUse", std::move(message));
}

AwsError operation_not_permitted(std::string message) {
    return AwsError::client("OperationNotPermitted", std::move(message));
}

AwsError invalid_target(std::string message) {
    return AwsError::client("InvalidTarget", std::move(message));
}

AwsError too_many_rules(const std::string& load_balancer_arn) {
    return AwsError::client("TooManyRules",
                            "The following load balancers have too many rules: '" + load_balancer_arn + "'");
}

AwsError too_many_tags(const std::string& resource_arn) {
    return AwsError::client("TooManyTags",
                            "The following resources have too many tags: '" + resource_arn + "'");
}

AwsError duplicate_tag_keys(const std::string& key) {
    return AwsError::client("DuplicateTagKeys", "Tag key '" + key + "' was specified more than once");
}

AwsError invalid_action(std::string message) {
    return AwsError::client("InvalidLoadBalancerAction", std::move(message));
}

AwsError unsupported_protocol(std::string message) {
    return AwsError::client("UnsupportedProtocol", std::move(message));
}

AwsError subnet_not_found(const std::string& subnet_id) {
    return AwsError::client("SubnetNotFound", "The subnet ID '" + subnet_id + "' is not valid");
}

AwsError invalid_security_group(std::string message) {
    return AwsError::client("InvalidSecurityGroup", std::move(message));
}

}  // namespace ecsemu::core::elbv2
