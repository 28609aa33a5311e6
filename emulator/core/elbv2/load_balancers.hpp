#pragma once
// CreateLoadBalancer, DescribeLoadBalancers, DeleteLoadBalancer and the load balancer attributes
// (application load balancers only).
#include <optional>
#include <string>
#include <vector>

#include "emulator/core/elbv2/attributes.hpp"
#include "emulator/core/elbv2/elbv2_call.hpp"
#include "emulator/core/elbv2/tagging.hpp"

namespace ecsemu::core::elbv2 {

struct CreateLoadBalancerRequest {
    std::string name;
    std::vector<std::string> subnets;          // Subnets
    std::vector<std::string> subnet_mappings;  // SubnetMappings[].SubnetId
    std::optional<std::vector<std::string>> security_groups;
    std::optional<std::string> scheme;           // internet-facing (default) | internal
    std::optional<std::string> type;             // application (default)
    std::optional<std::string> ip_address_type;  // ipv4 (default)
    TagList tags;
};

// Subnets (or SubnetMappings) must exist, share one VPC and cover at least two zones, one subnet per zone;
// security groups must exist in that VPC (default: the VPC's default group). A name already used with the
// same settings returns the existing load balancer, as AWS does; with other settings it is
// DuplicateLoadBalancerName. State is provisioning for 3 s after creation, then active.
Result<const LoadBalancer*> create_load_balancer(Elbv2Call& call, const CreateLoadBalancerRequest& request);

struct LoadBalancerPage {
    std::vector<const LoadBalancer*> load_balancers;
    std::string next_marker;
};
// By ARNs or names (not both); every one must exist (LoadBalancerNotFound). All when neither is given.
Result<LoadBalancerPage> describe_load_balancers(const Elbv2State& state,
                                                 const std::vector<std::string>& arns,
                                                 const std::vector<std::string>& names,
                                                 const std::optional<std::string>& marker,
                                                 const std::optional<int>& page_size);

// Deletes the load balancer with its listeners and their rules. Unknown ARNs succeed (AWS is idempotent
// here); deletion protection is OperationNotPermitted.
Status delete_load_balancer(Elbv2State& state, const std::string& arn);

Result<const LoadBalancer*> find_load_balancer(const Elbv2State& state, const std::string& arn);
Result<Attributes> modify_load_balancer_attributes(Elbv2State& state, const std::string& arn,
                                                   const AttributeList& changes);

}  // namespace ecsemu::core::elbv2
