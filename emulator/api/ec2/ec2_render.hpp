#pragma once
// EC2 resources as the XML writer's input trees: the model's locationNames (vpcId, subnetSet, tagSet),
// lists as arrays (written as <item>), absent members left out.
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "emulator/core/ec2/filters.hpp"
#include "emulator/core/ec2/zones.hpp"
#include "emulator/core/model/ec2.hpp"

namespace ecsemu::api::ec2 {

// What a rendering needs beyond the resource: ARNs and ownerId name the caller's region and account.
struct RenderContext {
    std::string region;
    std::string account_id;
};

// [{"key":..,"value":..}], in key order.
nlohmann::json render_tags(const core::Tags& tags);
nlohmann::json render_vpc(const core::Vpc& vpc, const RenderContext& context);
nlohmann::json render_subnet(const core::Subnet& subnet, const RenderContext& context);
nlohmann::json render_security_group(const core::SecurityGroup& group, const RenderContext& context);
// One rule in the SecurityGroupRule shape (Authorize* responses, DescribeSecurityGroupRules).
nlohmann::json render_security_group_rule(const core::SecurityGroupRule& rule, const std::string& group_id,
                                          bool is_egress, const RenderContext& context);
// Rules grouped into IpPermissions by (protocol, from port, to port), in order of first appearance.
nlohmann::json render_ip_permissions(const std::vector<core::SecurityGroupRule>& rules,
                                     const RenderContext& context);
nlohmann::json render_availability_zone(const core::ec2::AvailabilityZone& zone,
                                        const RenderContext& context);
nlohmann::json render_tag_description(const core::ec2::TagDescription& tag);

std::string security_group_arn(const std::string& group_id, const RenderContext& context);

}  // namespace ecsemu::api::ec2
