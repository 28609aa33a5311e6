// CreateSecurityGroup, DescribeSecurityGroups, DeleteSecurityGroup and the rule operations.
#include "emulator/api/ec2/ec2_handlers.hpp"
#include "emulator/api/ec2/ec2_params.hpp"
#include "emulator/core/ec2/ec2_errors.hpp"

namespace ecsemu::api::ec2 {

using core::ec2::RuleDirection;
using nlohmann::json;

namespace {

// Names address groups of the default VPC only, as in AWS; elsewhere callers must use ids.
core::Result<std::string> group_id_by_name(const core::ec2::RegionState& region, const std::string& name) {
    const core::Vpc* default_vpc = region.default_vpc();
    const std::string default_vpc_id = default_vpc ? default_vpc->id : std::string();
    const core::SecurityGroup* group = region.find_security_group_by_name(default_vpc_id, name);
    if (!group) return core::ec2::security_group_name_not_found(name, default_vpc_id);
    return group->id;
}

// GroupId, else GroupName (when `names_allowed`).
core::Result<std::string> target_group_id(const ApiCall& call, const core::ec2::RegionState& region,
                                          bool names_allowed) {
    if (auto id = string_or_empty(call.params, "GroupId"); !id.empty()) return id;
    const auto name = string_or_empty(call.params, "GroupName");
    if (!names_allowed || name.empty()) {
        return core::ec2::missing_parameter(names_allowed ? "groupName or groupId" : "groupId");
    }
    return group_id_by_name(region, name);
}

core::Result<core::ec2::IpPermissionRequest> ip_permission(const json& element) {
    core::ec2::IpPermissionRequest permission;
    permission.ip_protocol = string_or_empty(element, "IpProtocol");
    auto from_port = int_param(element, "FromPort");
    if (!from_port) return from_port.error();
    auto to_port = int_param(element, "ToPort");
    if (!to_port) return to_port.error();
    permission.from_port = from_port.value();
    permission.to_port = to_port.value();
    for (const json* range : list_param(element, "IpRanges")) {
        permission.ip_ranges.push_back(
            {string_or_empty(*range, "CidrIp"), string_or_empty(*range, "Description")});
    }
    // The wire name is "Groups" (the model's locationName); "UserIdGroupPairs" is the member name.
    for (const char* key : {"Groups", "UserIdGroupPairs"}) {
        for (const json* pair : list_param(element, key)) {
            permission.groups.push_back({string_or_empty(*pair, "GroupId"),
                                         string_or_empty(*pair, "GroupName"),
                                         string_or_empty(*pair, "Description")});
        }
    }
    if (!list_param(element, "Ipv6Ranges").empty() || !list_param(element, "PrefixListIds").empty()) {
        return core::ec2::invalid_parameter_value(
            "ecsemu supports IPv4 CIDR ranges and security groups only.");
    }
    return permission;
}

// IpPermissions.N plus the flat CidrIp/IpProtocol/FromPort/ToPort/SourceSecurityGroupName form.
core::Result<std::vector<core::ec2::IpPermissionRequest>> ip_permissions(const json& params) {
    std::vector<core::ec2::IpPermissionRequest> permissions;
    for (const json* element : list_param(params, "IpPermissions")) {
        auto permission = ip_permission(*element);
        if (!permission) return permission.error();
        permissions.push_back(std::move(permission).value());
    }
    const auto cidr = string_or_empty(params, "CidrIp");
    const auto source_group = string_or_empty(params, "SourceSecurityGroupName");
    if (!cidr.empty() || !source_group.empty()) {
        auto flat = ip_permission(params);
        if (!flat) return flat.error();
        auto& permission = flat.value();
        permission.ip_ranges.clear();
        permission.groups.clear();
        // A source group without a protocol meant every protocol in EC2-Classic; keep that reading.
        if (permission.ip_protocol.empty()) permission.ip_protocol = "-1";
        if (!cidr.empty()) permission.ip_ranges.push_back({cidr, ""});
        if (!source_group.empty()) permission.groups.push_back({"", source_group, ""});
        permissions.push_back(std::move(permission));
    }
    return permissions;
}

struct RuleChangeRequest {
    std::string group_id;
    std::vector<core::ec2::IpPermissionRequest> permissions;
};

// What Authorize*/Revoke* name: the group (by name too for ingress, as in AWS) and the permissions.
core::Result<RuleChangeRequest> rule_change_request(const ApiCall& call, const core::ec2::RegionState& region,
                                                    RuleDirection direction) {
    auto group_id = target_group_id(call, region, direction == RuleDirection::Ingress);
    if (!group_id) return group_id.error();
    auto permissions = ip_permissions(call.params);
    if (!permissions) return permissions.error();
    return RuleChangeRequest{std::move(group_id).value(), std::move(permissions).value()};
}

ApiResult authorize(const ApiCall& call, core::ec2::RegionState& region, RuleDirection direction) {
    auto request = rule_change_request(call, region, direction);
    if (!request) return request.error();
    auto added = region.authorize(request->group_id, direction, request->permissions);
    if (!added) return added.error();
    json rules = json::array();
    for (const auto& rule : added.value()) {
        rules.push_back(render_security_group_rule(rule, request->group_id,
                                                   direction == RuleDirection::Egress, render_context(call)));
    }
    return json{{"return", true}, {"securityGroupRuleSet", std::move(rules)}};
}

ApiResult revoke(const ApiCall& call, core::ec2::RegionState& region, RuleDirection direction) {
    auto request = rule_change_request(call, region, direction);
    if (!request) return request.error();
    if (auto revoked = region.revoke(request->group_id, direction, request->permissions); !revoked) {
        return revoked.error();
    }
    return json{{"return", true}};
}

}  // namespace

ApiResult create_security_group(const ApiCall& call, core::ec2::RegionState& region) {
    core::ec2::CreateSecurityGroupRequest request;
    request.group_name = string_or_empty(call.params, "GroupName");
    request.description = string_or_empty(call.params, "GroupDescription");
    request.vpc_id = string_or_empty(call.params, "VpcId");
    auto tags = tag_specification_tags(call.params, "security-group");
    if (!tags) return tags.error();
    request.tags = std::move(tags).value();
    auto group = region.create_security_group(request);
    if (!group) return group.error();
    json out = {{"groupId", group.value()->id},
                {"securityGroupArn", security_group_arn(group.value()->id, render_context(call))}};
    if (!group.value()->tags.empty()) out["tagSet"] = render_tags(group.value()->tags);
    return out;
}

ApiResult describe_security_groups(const ApiCall& call, core::ec2::RegionState& region) {
    auto filters = filters_param(call.params);
    if (!filters) return filters.error();
    auto ids = string_list_param(call.params, "GroupId");
    for (const auto& name : string_list_param(call.params, "GroupName")) {
        auto id = group_id_by_name(region, name);
        if (!id) return id.error();
        ids.push_back(std::move(id).value());
    }
    auto selected = select_resources<core::SecurityGroup>(region.security_groups(), ids, filters.value(),
                                                          core::ec2::security_group_filter_fields,
                                                          core::ec2::security_group_not_found);
    if (!selected) return selected.error();
    json groups = json::array();
    for (const auto* group : selected.value())
        groups.push_back(render_security_group(*group, render_context(call)));
    return json{{"securityGroupInfo", std::move(groups)}};
}

ApiResult delete_security_group(const ApiCall& call, core::ec2::RegionState& region) {
    auto group_id = target_group_id(call, region, true);
    if (!group_id) return group_id.error();
    if (auto deleted = region.delete_security_group(group_id.value()); !deleted) return deleted.error();
    return json{{"return", true}, {"groupId", group_id.value()}};
}

ApiResult authorize_security_group_ingress(const ApiCall& call, core::ec2::RegionState& region) {
    return authorize(call, region, RuleDirection::Ingress);
}

ApiResult authorize_security_group_egress(const ApiCall& call, core::ec2::RegionState& region) {
    return authorize(call, region, RuleDirection::Egress);
}

ApiResult revoke_security_group_ingress(const ApiCall& call, core::ec2::RegionState& region) {
    return revoke(call, region, RuleDirection::Ingress);
}

ApiResult revoke_security_group_egress(const ApiCall& call, core::ec2::RegionState& region) {
    return revoke(call, region, RuleDirection::Egress);
}

}  // namespace ecsemu::api::ec2
