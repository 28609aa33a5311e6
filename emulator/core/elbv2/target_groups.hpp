#pragma once
// CreateTargetGroup, DescribeTargetGroups, ModifyTargetGroup, DeleteTargetGroup and the target group
// attributes (HTTP/HTTPS target groups of type ip or instance).
#include <optional>
#include <string>
#include <vector>

#include "emulator/core/elbv2/attributes.hpp"
#include "emulator/core/elbv2/elbv2_call.hpp"
#include "emulator/core/elbv2/tagging.hpp"

namespace ecsemu::core::elbv2 {

// Health check settings as a request gives them; absent ones keep their current (or default) value.
struct HealthCheckChanges {
    std::optional<bool> enabled;
    std::optional<std::string> protocol;
    std::optional<std::string> port;
    std::optional<std::string> path;
    std::optional<int> interval_seconds;
    std::optional<int> timeout_seconds;
    std::optional<int> healthy_threshold;
    std::optional<int> unhealthy_threshold;
    std::optional<std::string> matcher_http_code;
    bool matcher_grpc_code_given = false;
};

struct CreateTargetGroupRequest {
    std::string name;
    std::optional<std::string> protocol;
    std::optional<std::string> protocol_version;
    std::optional<int> port;
    std::optional<std::string> vpc_id;
    std::optional<std::string> target_type;  // instance (default, as in AWS) | ip
    std::optional<std::string> ip_address_type;
    HealthCheckChanges health_check;
    TagList tags;
};

// Protocol, Port and VpcId are required; the VPC must exist. The same name with the same settings returns
// the existing group, as AWS does; with other settings it is DuplicateTargetGroupName.
Result<const TargetGroup*> create_target_group(Elbv2Call& call, const CreateTargetGroupRequest& request);

struct TargetGroupPage {
    std::vector<const TargetGroup*> target_groups;
    std::string next_marker;
};
// By load balancer (the groups its listeners and rules forward to), ARNs or names: at most one of the three.
Result<TargetGroupPage> describe_target_groups(const Elbv2State& state,
                                               const std::optional<std::string>& lb_arn,
                                               const std::vector<std::string>& arns,
                                               const std::vector<std::string>& names,
                                               const std::optional<std::string>& marker,
                                               const std::optional<int>& page_size);

Result<const TargetGroup*> modify_target_group(Elbv2State& state, const std::string& arn,
                                               const HealthCheckChanges& changes);

// ResourceInUse while a listener or rule forwards to it; unknown ARNs succeed.
Status delete_target_group(Elbv2State& state, const std::string& arn);

Result<const TargetGroup*> find_target_group(const Elbv2State& state, const std::string& arn);
Result<Attributes> modify_target_group_attributes(Elbv2State& state, const std::string& arn,
                                                  const AttributeList& changes);

}  // namespace ecsemu::core::elbv2
