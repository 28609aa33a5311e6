// EC2 resources: VPCs found by their Name tag (else their CIDR), subnets by VPC and CIDR, security groups by
// name within their VPC, ingress rules by the rules the group already has.
#include "emulator/api/scenario/json_match.hpp"
#include "emulator/api/scenario/resource_kinds.hpp"

namespace ecsemu::api::scenario {
namespace {

using nlohmann::json;

json filter(const std::string& name, const std::string& value) {
    return json{{"Name", name}, {"Values", json::array({value})}};
}

// The Name tag a TagSpecifications list gives the resource type, or "".
std::string name_tag(const json& request, std::string_view resource_type) {
    for (const auto& spec : list_of(request, "TagSpecifications")) {
        if (text_of(spec, "ResourceType") != resource_type) continue;
        for (const auto& tag : list_of(spec, "Tags")) {
            if (text_of(tag, "Key") == "Name") return text_of(tag, "Value");
        }
    }
    return {};
}

KindResult found(Outcome outcome, const json& record, std::string_view id_field) {
    return KindResult{outcome, text_of(record, id_field), record, {}};
}

core::Result<KindResult> create_vpc(KindContext& context, const json& request) {
    const std::string name = name_tag(request, "vpc");
    const std::string cidr = text_of(request, "CidrBlock");
    if (!name.empty() || !cidr.empty()) {
        const json filters = name.empty() ? json::array({filter("cidr-block", cidr)})
                                          : json::array({filter("tag:Name", name)});
        auto described = call_api(context, "ec2", "DescribeVpcs", json{{"Filters", filters}});
        if (!described) return described.error();
        const json vpcs = list_of(described.value(), "vpcSet");
        if (!vpcs.empty()) return found(Outcome::Unchanged, vpcs[0], "VpcId");
    }
    auto created = call_api(context, "ec2", "CreateVpc", request);
    if (!created) return created.error();
    return found(Outcome::Created, value_at(created.value(), "vpc"), "VpcId");
}

core::Result<KindResult> create_subnet(KindContext& context, const json& request) {
    const std::string vpc = text_of(request, "VpcId");
    const std::string cidr = text_of(request, "CidrBlock");
    if (!vpc.empty() && !cidr.empty()) {
        auto described =
            call_api(context, "ec2", "DescribeSubnets",
                     json{{"Filters", json::array({filter("vpc-id", vpc), filter("cidr-block", cidr)})}});
        if (!described) return described.error();
        const json subnets = list_of(described.value(), "subnetSet");
        if (!subnets.empty()) return found(Outcome::Unchanged, subnets[0], "SubnetId");
    }
    auto created = call_api(context, "ec2", "CreateSubnet", request);
    if (!created) return created.error();
    return found(Outcome::Created, value_at(created.value(), "subnet"), "SubnetId");
}

core::Result<json> describe_group(KindContext& context, const json& filters) {
    auto described = call_api(context, "ec2", "DescribeSecurityGroups", json{{"Filters", filters}});
    if (!described) return described.error();
    const json groups = list_of(described.value(), "securityGroupInfo");
    return groups.empty() ? json() : groups[0];
}

core::Result<KindResult> create_security_group(KindContext& context, const json& request) {
    json filters = json::array({filter("group-name", text_of(request, "GroupName"))});
    if (const std::string vpc = text_of(request, "VpcId"); !vpc.empty())
        filters.push_back(filter("vpc-id", vpc));
    auto existing = describe_group(context, filters);
    if (!existing) return existing.error();
    if (!existing.value().is_null()) return found(Outcome::Unchanged, existing.value(), "GroupId");
    auto created = call_api(context, "ec2", "CreateSecurityGroup", request);
    if (!created) return created.error();
    const std::string id = text_of(created.value(), "GroupId");
    auto described = describe_group(context, json::array({filter("group-id", id)}));
    if (!described) return described.error();
    return KindResult{
        Outcome::Created, id, described.value().is_null() ? created.value() : described.value(), {}};
}

// A rule the group has: same protocol and ports, and the source among its ranges or groups.
bool group_has_rule(const json& group, const json& wanted, const std::string& source, bool source_is_group) {
    for (const auto& rule : list_of(group, "ipPermissions")) {
        if (text_of(rule, "IpProtocol") != text_of(wanted, "IpProtocol")) continue;
        if (text_of(wanted, "IpProtocol") != "-1" &&
            (text_of(rule, "FromPort") != text_of(wanted, "FromPort") ||
             text_of(rule, "ToPort") != text_of(wanted, "ToPort")))
            continue;
        const json sources = list_of(rule, source_is_group ? "groups" : "ipRanges");
        for (const auto& entry : sources) {
            if (text_of(entry, source_is_group ? "GroupId" : "CidrIp") == source) return true;
        }
    }
    return false;
}

bool all_rules_present(const json& group, const json& request) {
    json permissions = list_of(request, "IpPermissions");
    if (permissions.empty() && member(request, "IpProtocol") != nullptr) {
        json single = {{"IpProtocol", text_of(request, "IpProtocol")},
                       {"FromPort", text_of(request, "FromPort")},
                       {"ToPort", text_of(request, "ToPort")}};
        if (const std::string cidr = text_of(request, "CidrIp"); !cidr.empty())
            single["IpRanges"] = json::array({{{"CidrIp", cidr}}});
        permissions.push_back(single);
    }
    for (const auto& permission : permissions) {
        for (const auto& range : list_of(permission, "IpRanges")) {
            if (!group_has_rule(group, permission, text_of(range, "CidrIp"), false)) return false;
        }
        for (const auto& pair : list_of(permission, "UserIdGroupPairs")) {
            if (!group_has_rule(group, permission, text_of(pair, "GroupId"), true)) return false;
        }
    }
    return true;
}

core::Result<KindResult> authorize_ingress(KindContext& context, const json& request) {
    const std::string id = text_of(request, "GroupId");
    const json filters = id.empty() ? json::array({filter("group-name", text_of(request, "GroupName"))})
                                    : json::array({filter("group-id", id)});
    auto group = describe_group(context, filters);
    if (!group) return group.error();
    if (!group.value().is_null() && all_rules_present(group.value(), request))
        return found(Outcome::Unchanged, group.value(), "GroupId");
    auto authorized = call_api(context, "ec2", "AuthorizeSecurityGroupIngress", request);
    if (!authorized) return authorized.error();
    auto described = describe_group(context, filters);
    if (!described) return described.error();
    // The rules are what the resource stands for: adding them creates it.
    return found(Outcome::Created, described.value(), "GroupId");
}

}  // namespace

void add_ec2_kinds(std::vector<ResourceKind>& kinds) {
    kinds.push_back({"ec2:CreateVpc", create_vpc});
    kinds.push_back({"ec2:CreateSubnet", create_subnet});
    kinds.push_back({"ec2:CreateSecurityGroup", create_security_group});
    kinds.push_back({"ec2:AuthorizeSecurityGroupIngress", authorize_ingress});
}

}  // namespace ecsemu::api::scenario
