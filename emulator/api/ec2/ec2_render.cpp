#include "ec2_render.hpp"

namespace ecsemu::api::ec2 {

using nlohmann::json;

namespace {

void add_tags(json& out, const core::Tags& tags) {
    // AWS leaves tagSet out for untagged resources.
    if (!tags.empty()) out["tagSet"] = render_tags(tags);
}

std::string ec2_arn(const RenderContext& context, const std::string& resource) {
    return "arn:aws:ec2:" + context.region + ":" + context.account_id + ":" + resource;
}

bool same_permission(const core::SecurityGroupRule& a, const core::SecurityGroupRule& b) {
    return a.ip_protocol == b.ip_protocol && a.from_port == b.from_port && a.to_port == b.to_port;
}

}  // namespace

json render_tags(const core::Tags& tags) {
    json out = json::array();
    for (const auto& [key, value] : tags) out.push_back({{"key", key}, {"value", value}});
    return out;
}

json render_vpc(const core::Vpc& vpc, const RenderContext& context) {
    json out = {
        {"vpcId", vpc.id},
        {"ownerId", context.account_id},
        {"state", vpc.state},
        {"cidrBlock", vpc.cidr_block},
        {"dhcpOptionsId", vpc.dhcp_options_id},
        {"instanceTenancy", "default"},
        {"isDefault", vpc.is_default},
        {"cidrBlockAssociationSet", json::array({{{"associationId", vpc.cidr_block_association_id},
                                                  {"cidrBlock", vpc.cidr_block},
                                                  {"cidrBlockState", {{"state", "associated"}}}}})},
        {"blockPublicAccessStates", {{"internetGatewayBlockMode", "off"}}},
    };
    add_tags(out, vpc.tags);
    return out;
}

json render_subnet(const core::Subnet& subnet, const RenderContext& context) {
    json out = {
        {"subnetId", subnet.id},
        {"subnetArn", ec2_arn(context, "subnet/" + subnet.id)},
        {"ownerId", context.account_id},
        {"vpcId", subnet.vpc_id},
        {"state", subnet.state},
        {"cidrBlock", subnet.cidr_block},
        {"availableIpAddressCount", subnet.available_ip_address_count},
        {"availabilityZone", subnet.availability_zone},
        {"availabilityZoneId", subnet.availability_zone_id},
        {"defaultForAz", subnet.default_for_az},
        {"mapPublicIpOnLaunch", subnet.map_public_ip_on_launch},
        {"mapCustomerOwnedIpOnLaunch", false},
        {"assignIpv6AddressOnCreation", false},
        {"ipv6CidrBlockAssociationSet", json::array()},
        {"ipv6Native", false},
        {"enableDns64", false},
        {"privateDnsNameOptionsOnLaunch",
         {{"hostnameType", "ip-name"},
          {"enableResourceNameDnsARecord", false},
          {"enableResourceNameDnsAAAARecord", false}}},
        {"blockPublicAccessStates", {{"internetGatewayBlockMode", "off"}}},
    };
    add_tags(out, subnet.tags);
    return out;
}

std::string security_group_arn(const std::string& group_id, const RenderContext& context) {
    return ec2_arn(context, "security-group/" + group_id);
}

json render_ip_permissions(const std::vector<core::SecurityGroupRule>& rules, const RenderContext& context) {
    json out = json::array();
    std::vector<const core::SecurityGroupRule*> heads;  // first rule of each permission, parallel to `out`
    for (const auto& rule : rules) {
        std::size_t index = 0;
        while (index < heads.size() && !same_permission(*heads[index], rule)) ++index;
        if (index == heads.size()) {
            json permission = {{"ipProtocol", rule.ip_protocol},
                               {"groups", json::array()},
                               {"ipRanges", json::array()},
                               {"ipv6Ranges", json::array()},
                               {"prefixListIds", json::array()}};
            // All-protocol permissions carry no ports in DescribeSecurityGroups.
            if (rule.ip_protocol != "-1") {
                permission["fromPort"] = rule.from_port;
                permission["toPort"] = rule.to_port;
            }
            out.push_back(std::move(permission));
            heads.push_back(&rule);
        }
        json& permission = out[index];
        if (!rule.cidr_ipv4.empty()) {
            json range = {{"cidrIp", rule.cidr_ipv4}};
            if (!rule.description.empty()) range["description"] = rule.description;
            permission["ipRanges"].push_back(std::move(range));
        } else {
            json pair = {{"groupId", rule.referenced_group_id}, {"userId", context.account_id}};
            if (!rule.description.empty()) pair["description"] = rule.description;
            permission["groups"].push_back(std::move(pair));
        }
    }
    return out;
}

json render_security_group(const core::SecurityGroup& group, const RenderContext& context) {
    json out = {
        {"groupId", group.id},
        {"groupName", group.name},
        {"groupDescription", group.description},
        {"vpcId", group.vpc_id},
        {"ownerId", context.account_id},
        {"securityGroupArn", security_group_arn(group.id, context)},
        {"ipPermissions", render_ip_permissions(group.ingress, context)},
        {"ipPermissionsEgress", render_ip_permissions(group.egress, context)},
    };
    add_tags(out, group.tags);
    return out;
}

json render_security_group_rule(const core::SecurityGroupRule& rule, const std::string& group_id,
                                bool is_egress, const RenderContext& context) {
    json out = {
        {"securityGroupRuleId", rule.id},
        {"securityGroupRuleArn", ec2_arn(context, "security-group-rule/" + rule.id)},
        {"groupId", group_id},
        {"groupOwnerId", context.account_id},
        {"isEgress", is_egress},
        {"ipProtocol", rule.ip_protocol},
        {"fromPort", rule.from_port},
        {"toPort", rule.to_port},
    };
    if (!rule.cidr_ipv4.empty()) {
        out["cidrIpv4"] = rule.cidr_ipv4;
    } else {
        out["referencedGroupInfo"] = {{"groupId", rule.referenced_group_id}, {"userId", context.account_id}};
    }
    if (!rule.description.empty()) out["description"] = rule.description;
    return out;
}

json render_availability_zone(const core::ec2::AvailabilityZone& zone, const RenderContext& context) {
    return {
        {"zoneName", zone.name},
        {"zoneId", zone.id},
        {"zoneState", "available"},
        {"regionName", context.region},
        {"groupName", context.region},
        {"networkBorderGroup", context.region},
        {"optInStatus", "opt-in-not-required"},
        {"zoneType", "availability-zone"},
        {"messageSet", json::array()},
    };
}

json render_tag_description(const core::ec2::TagDescription& tag) {
    return {{"resourceId", tag.resource_id},
            {"resourceType", tag.resource_type},
            {"key", tag.key},
            {"value", tag.value}};
}

}  // namespace ecsemu::api::ec2
