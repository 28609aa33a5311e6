// RegionState: security groups and their rules.
#include <algorithm>

#include "emulator/core/ec2/cidr.hpp"
#include "emulator/core/ec2/ec2_errors.hpp"
#include "emulator/core/ec2/group_text.hpp"
#include "emulator/core/ec2/region_state.hpp"

namespace ecsemu::core::ec2 {

namespace {

std::vector<SecurityGroupRule>& rules_of(SecurityGroup& group, RuleDirection direction) {
    return direction == RuleDirection::Ingress ? group.ingress : group.egress;
}

bool refers_to(const SecurityGroup& group, const std::string& group_id) {
    const auto refers = [&](const SecurityGroupRule& rule) { return rule.referenced_group_id == group_id; };
    return std::any_of(group.ingress.begin(), group.ingress.end(), refers) ||
           std::any_of(group.egress.begin(), group.egress.end(), refers);
}

}  // namespace

const SecurityGroup* RegionState::find_security_group_by_name(const std::string& vpc_id,
                                                              const std::string& name) const {
    for (const auto& group : groups_)
        if (group.vpc_id == vpc_id && group.name == name) return &group;
    return nullptr;
}

SecurityGroup& RegionState::insert_security_group(const std::string& vpc_id, const std::string& name,
                                                  const std::string& description, Tags tags, IdSource& ids) {
    SecurityGroup group;
    group.id = new_resource_id(ids, "sg-");
    group.name = name;
    group.description = description;
    group.vpc_id = vpc_id;
    group.tags = std::move(tags);
    // New groups allow all outbound traffic until the user revokes it, as in AWS.
    SecurityGroupRule all_outbound;
    all_outbound.id = new_resource_id(ids, "sgr-");
    all_outbound.ip_protocol = "-1";
    all_outbound.cidr_ipv4 = "0.0.0.0/0";
    group.egress.push_back(std::move(all_outbound));
    return groups_.insert(std::move(group));
}

Result<const SecurityGroup*> RegionState::create_security_group(const CreateSecurityGroupRequest& request) {
    if (request.group_name.empty()) return missing_parameter("GroupName");
    if (request.description.empty()) return missing_parameter("GroupDescription");
    if (auto valid = validate_group_text("GroupName", request.group_name); !valid) return valid.error();
    if (auto valid = validate_group_text("GroupDescription", request.description); !valid) {
        return valid.error();
    }
    std::string vpc_id = request.vpc_id;
    if (vpc_id.empty()) {
        const Vpc* default_vpc_ptr = default_vpc();
        if (!default_vpc_ptr) return AwsError::client("VPCIdNotSpecified", "No default VPC for this user");
        vpc_id = default_vpc_ptr->id;
    }
    if (!vpcs_.find(vpc_id)) return vpc_not_found(vpc_id);
    if (request.group_name == "default") {
        return AwsError::client("InvalidGroup.Reserved", "The security group 'default' is reserved");
    }
    if (request.group_name.rfind("sg-", 0) == 0) {
        return invalid_parameter_value("Group names may not be in the format sg-*.");
    }
    if (find_security_group_by_name(vpc_id, request.group_name)) {
        return AwsError::client("InvalidGroup.Duplicate", "The security group '" + request.group_name +
                                                              "' already exists for VPC '" + vpc_id + "'");
    }
    if (auto valid = validate_tags(request.tags); !valid) return valid.error();
    return &insert_security_group(vpc_id, request.group_name, request.description, request.tags, ids_);
}

Status RegionState::delete_security_group(const std::string& group_id) {
    const SecurityGroup* group = groups_.find(group_id);
    if (!group) return security_group_not_found(group_id);
    if (group->is_vpc_default()) {
        return AwsError::client("CannotDelete", "the specified group: \"" + group_id +
                                                    "\" name: \"default\" cannot be deleted by a user");
    }
    for (const auto& other : groups_) {
        if (other.id != group_id && refers_to(other, group_id)) {
            return AwsError::client("DependencyViolation",
                                    "resource " + group_id + " has a dependent object");
        }
    }
    groups_.erase(group_id);
    return Ok{};
}

Result<std::string> RegionState::resolve_peer_group(const SecurityGroup& target,
                                                    const GroupPeerRequest& peer) const {
    if (!peer.group_id.empty()) {
        if (!groups_.find(peer.group_id)) return security_group_not_found(peer.group_id);
        return peer.group_id;
    }
    if (peer.group_name.empty()) return missing_parameter("groupId");
    // AWS resolves peer names in the default VPC only; the target group's own VPC is tried first here so
    // `--source-group <name>` also works in the VPCs users create.
    if (const auto* same_vpc = find_security_group_by_name(target.vpc_id, peer.group_name))
        return same_vpc->id;
    const Vpc* default_vpc_ptr = default_vpc();
    const std::string default_vpc_id = default_vpc_ptr ? default_vpc_ptr->id : std::string();
    if (const auto* in_default = find_security_group_by_name(default_vpc_id, peer.group_name)) {
        return in_default->id;
    }
    return security_group_name_not_found(peer.group_name, default_vpc_id);
}

Result<std::vector<SecurityGroupRule>> RegionState::plan_rules(
    const SecurityGroup& group, const std::vector<IpPermissionRequest>& permissions) const {
    std::vector<SecurityGroupRule> rules;
    for (const auto& permission : permissions) {
        if (permission.ip_protocol.empty()) return missing_parameter("ipProtocol");
        auto protocol = canonical_ip_protocol(permission.ip_protocol);
        if (!protocol) return protocol.error();
        const auto ports = port_range(protocol.value(), permission.from_port, permission.to_port);
        if (!ports) return ports.error();
        if (permission.ip_ranges.empty() && permission.groups.empty()) {
            return invalid_parameter_value("At least one CIDR range or security group must be specified.");
        }
        SecurityGroupRule base;
        base.ip_protocol = protocol.value();
        base.from_port = ports->from_port;
        base.to_port = ports->to_port;
        for (const auto& range : permission.ip_ranges) {
            if (auto valid = validate_rule_description(range.description); !valid) return valid.error();
            const auto cidr = Ipv4Cidr::parse(range.cidr_ip);
            if (!cidr || !cidr->is_canonical()) {
                return invalid_parameter_value("CIDR block " + range.cidr_ip + " is malformed");
            }
            SecurityGroupRule rule = base;
            rule.cidr_ipv4 = cidr->to_string();
            rule.description = range.description;
            rules.push_back(std::move(rule));
        }
        for (const auto& peer : permission.groups) {
            if (auto valid = validate_rule_description(peer.description); !valid) return valid.error();
            auto peer_id = resolve_peer_group(group, peer);
            if (!peer_id) return peer_id.error();
            SecurityGroupRule rule = base;
            rule.referenced_group_id = std::move(peer_id).value();
            rule.description = peer.description;
            rules.push_back(std::move(rule));
        }
    }
    if (rules.empty()) return missing_parameter("ipPermissions");
    return rules;
}

Result<RegionState::PlannedRuleChange> RegionState::plan_rule_change(
    const std::string& group_id, RuleDirection direction,
    const std::vector<IpPermissionRequest>& permissions) {
    SecurityGroup* group = groups_.find(group_id);
    if (!group) return security_group_not_found(group_id);
    auto planned = plan_rules(*group, permissions);
    if (!planned) return planned.error();
    return PlannedRuleChange{&rules_of(*group, direction), std::move(planned).value()};
}

Result<std::vector<SecurityGroupRule>> RegionState::authorize(
    const std::string& group_id, RuleDirection direction,
    const std::vector<IpPermissionRequest>& permissions) {
    auto change = plan_rule_change(group_id, direction, permissions);
    if (!change) return change.error();

    auto& existing = *change->existing;
    auto& added = change->planned;
    for (std::size_t i = 0; i < added.size(); ++i) {
        const auto same = [&](const SecurityGroupRule& rule) { return same_rule(rule, added[i]); };
        if (std::any_of(existing.begin(), existing.end(), same) ||
            std::any_of(added.begin(), added.begin() + static_cast<std::ptrdiff_t>(i), same)) {
            return duplicate_rule_error(added[i]);
        }
    }
    for (auto& rule : added) {
        rule.id = new_resource_id(ids_, "sgr-");
        existing.push_back(rule);
    }
    return std::move(added);
}

Status RegionState::revoke(const std::string& group_id, RuleDirection direction,
                           const std::vector<IpPermissionRequest>& permissions) {
    auto change = plan_rule_change(group_id, direction, permissions);
    if (!change) return change.error();

    auto& existing = *change->existing;
    for (const auto& rule : change->planned) {
        const auto same = [&](const SecurityGroupRule& kept) { return same_rule(kept, rule); };
        if (std::none_of(existing.begin(), existing.end(), same)) return rule_not_found_error();
    }
    for (const auto& rule : change->planned) {
        const auto same = [&](const SecurityGroupRule& kept) { return same_rule(kept, rule); };
        existing.erase(std::remove_if(existing.begin(), existing.end(), same), existing.end());
    }
    return Ok{};
}

}  // namespace ecsemu::core::ec2
