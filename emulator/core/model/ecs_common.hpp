#pragma once
// Value types several ECS resources share.
#include <optional>
#include <string>
#include <vector>

#include "emulator/core/model/ec2.hpp"  // core::Tags
#include "emulator/core/model/ecs_enums.hpp"

namespace ecsemu::core::ecs {

// ECS's KeyValuePair: environment variables, attachment details, cluster statistics.
struct KeyValuePair {
    std::string name;
    std::string value;
    bool operator==(const KeyValuePair&) const = default;
};

struct CapacityProviderStrategyItem {
    std::string capacity_provider;  // FARGATE, FARGATE_SPOT or a custom provider's name
    int weight = 0;
    int base = 0;
    bool operator==(const CapacityProviderStrategyItem&) const = default;
};

struct AwsVpcConfiguration {
    std::vector<std::string> subnets;
    std::vector<std::string> security_groups;
    AssignPublicIp assign_public_ip = AssignPublicIp::Disabled;
    bool operator==(const AwsVpcConfiguration&) const = default;
};

struct NetworkConfiguration {
    std::optional<AwsVpcConfiguration> awsvpc_configuration;
    bool operator==(const NetworkConfiguration&) const = default;
};

// A cluster attachment (capacity provider plans, Service Connect namespace). Task ENIs have their own type.
struct Attachment {
    std::string id;  // uuid
    std::string type;
    AttachmentStatus status = AttachmentStatus::Created;
    std::vector<KeyValuePair> details;
};

// One entry of a Describe*/RunTask "failures" list.
struct Failure {
    std::string arn;
    std::string reason;  // "MISSING", "No Container Instances were found in your cluster.", ...
    std::string detail;  // empty when absent
};

}  // namespace ecsemu::core::ecs
