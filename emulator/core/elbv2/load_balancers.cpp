#include "emulator/core/elbv2/load_balancers.hpp"

#include <algorithm>
#include <set>

#include "emulator/core/elbv2/elbv2_errors.hpp"
#include "emulator/core/elbv2/elbv2_names.hpp"

namespace ecsemu::core::elbv2 {

namespace {

constexpr Duration kProvisioningTime = Duration::seconds(3);
constexpr std::size_t kMaxSecurityGroups = 5;

struct Placement {
    std::string vpc_id;
    std::vector<ZoneSubnet> zones;  // in the order given
};

Result<Placement> place_in_subnets(const Elbv2Call& call, const std::vector<std::string>& subnet_ids) {
    Placement placement;
    std::set<std::string> zones_seen;
    for (const auto& subnet_id : subnet_ids) {
        const Subnet* subnet = call.ec2.find_subnet(call.region, subnet_id);
        if (subnet == nullptr) return subnet_not_found(subnet_id);
        if (placement.vpc_id.empty()) placement.vpc_id = subnet->vpc_id;
        if (subnet->vpc_id != placement.vpc_id)
            return AwsError::client("InvalidSubnet", "Subnets must all belong to the same VPC; subnet '" +
                                                         subnet_id + "' is in '" + subnet->vpc_id + "'");
        if (!zones_seen.insert(subnet->availability_zone).second) {
            return invalid_configuration(
                "A load balancer cannot be attached to multiple subnets in the same "
                "Availability Zone");
        }
        placement.zones.push_back(ZoneSubnet{subnet->availability_zone, subnet->id});
    }
    if (placement.zones.size() < 2) {
        return validation_error("At least two subnets in two different Availability Zones must be specified");
    }
    return placement;
}

Result<std::vector<std::string>> checked_security_groups(
    const Elbv2Call& call, const std::string& vpc_id,
    const std::optional<std::vector<std::string>>& requested) {
    if (!requested || requested->empty()) {
        const SecurityGroup* fallback = call.ec2.find_default_security_group(call.region, vpc_id);
        if (fallback == nullptr) return std::vector<std::string>{};
        return std::vector<std::string>{fallback->id};
    }
    if (requested->size() > kMaxSecurityGroups)
        return invalid_configuration("A load balancer can have at most 5 security groups");
    std::vector<std::string> out;
    for (const auto& group_id : *requested) {
        const SecurityGroup* group = call.ec2.find_security_group(call.region, group_id);
        if (group == nullptr)
            return invalid_security_group("Security group '" + group_id + "' does not exist");
        if (group->vpc_id != vpc_id) {
            return invalid_security_group(std::string("Security group '")
                                              .append(group_id)
                                              .append("' does not belong to VPC '")
                                              .append(vpc_id)
                                              .append("'"));
        }
        if (std::find(out.begin(), out.end(), group_id) == out.end()) out.push_back(group_id);
    }
    return out;
}

bool same_settings(const LoadBalancer& existing, const std::string& scheme, const Placement& placement,
                   const std::vector<std::string>& security_groups) {
    const auto subnet_set = [](const std::vector<ZoneSubnet>& zones) {
        std::set<std::string> out;
        for (const auto& zone : zones) out.insert(zone.subnet_id);
        return out;
    };
    return existing.scheme == scheme && subnet_set(existing.zones) == subnet_set(placement.zones) &&
           std::set<std::string>(existing.security_groups.begin(), existing.security_groups.end()) ==
               std::set<std::string>(security_groups.begin(), security_groups.end());
}

const LoadBalancer* find_by_name(const Elbv2State& state, const std::string& name) {
    for (const auto& [arn, load_balancer] : state.load_balancers)
        if (load_balancer.name == name) return &load_balancer;
    return nullptr;
}

}  // namespace

Result<const LoadBalancer*> create_load_balancer(Elbv2Call& call, const CreateLoadBalancerRequest& request) {
    if (auto valid = validate_resource_name(request.name, "Load balancer"); !valid) return valid.error();
    const std::string type = request.type.value_or("application");
    if (type != "application") {
        return validation_error("Load balancer type '" + type +
                                "' is not supported; ecsemu emulates application load balancers only");
    }
    const std::string scheme = request.scheme.value_or("internet-facing");
    if (scheme != "internet-facing" && scheme != "internal")
        return AwsError::client("InvalidScheme", "Scheme '" + scheme + "' is not valid");
    const std::string ip_address_type = request.ip_address_type.value_or("ipv4");
    if (ip_address_type != "ipv4" && ip_address_type != "dualstack" &&
        ip_address_type != "dualstack-without-public-ipv4") {
        return validation_error("IP address type '" + ip_address_type + "' is not valid");
    }
    if (!request.subnets.empty() && !request.subnet_mappings.empty())
        return validation_error("You can specify subnets or subnet mappings, but not both");
    const auto& subnet_ids = request.subnets.empty() ? request.subnet_mappings : request.subnets;
    auto placement = place_in_subnets(call, subnet_ids);
    if (!placement) return placement.error();
    auto security_groups = checked_security_groups(call, placement->vpc_id, request.security_groups);
    if (!security_groups) return security_groups.error();

    if (const LoadBalancer* existing = find_by_name(call.state(), request.name)) {
        if (same_settings(*existing, scheme, placement.value(), security_groups.value())) return existing;
        return duplicate_load_balancer_name(request.name);
    }
    const ArnScope scope{call.account_id, call.region};
    const std::string id = call.ids().hex(16);
    const std::string arn = load_balancer_arn(scope, request.name, id);
    auto tags = tags_from_list(request.tags, arn);
    if (!tags) return tags.error();

    LoadBalancer load_balancer;
    load_balancer.arn = arn;
    load_balancer.name = request.name;
    load_balancer.dns_name = (scheme == "internal" ? "internal-" : "") + request.name + "-" +
                             call.ids().digits(10) + "." + call.region + ".elb.amazonaws.com";
    load_balancer.canonical_hosted_zone_id = canonical_hosted_zone_id(call.region);
    load_balancer.scheme = scheme;
    load_balancer.ip_address_type = ip_address_type;
    load_balancer.vpc_id = placement->vpc_id;
    load_balancer.zones = std::move(placement->zones);
    load_balancer.security_groups = std::move(security_groups).value();
    load_balancer.created_at = call.now;
    load_balancer.active_at = call.now + kProvisioningTime;
    load_balancer.attributes = default_load_balancer_attributes();
    load_balancer.tags = std::move(tags).value();
    load_balancer.local_address = call.world.allocate_local_address();
    const auto inserted = call.state().load_balancers.emplace(arn, std::move(load_balancer));
    return &inserted.first->second;
}

Result<LoadBalancerPage> describe_load_balancers(const Elbv2State& state,
                                                 const std::vector<std::string>& arns,
                                                 const std::vector<std::string>& names,
                                                 const std::optional<std::string>& marker,
                                                 const std::optional<int>& page_size) {
    if (!arns.empty() && !names.empty())
        return validation_error(
            "Load balancer names and load balancer ARNs cannot be specified at the same time");
    std::vector<std::string> keys;
    if (!arns.empty()) {
        for (const auto& arn : arns) {
            if (state.load_balancers.count(arn) == 0) return load_balancer_not_found();
            if (std::find(keys.begin(), keys.end(), arn) == keys.end()) keys.push_back(arn);
        }
    } else if (!names.empty()) {
        for (const auto& name : names) {
            const LoadBalancer* found = find_by_name(state, name);
            if (found == nullptr) {
                return AwsError::client("LoadBalancerNotFound", "Load balancers '[" + name + "]' not found");
            }
            if (std::find(keys.begin(), keys.end(), found->arn) == keys.end()) keys.push_back(found->arn);
        }
    } else {
        for (const auto& [arn, load_balancer] : state.load_balancers) keys.push_back(arn);
    }
    auto page = page_of(keys, marker, page_size);
    if (!page) return page.error();
    LoadBalancerPage out;
    for (const auto& arn : page->keys) out.load_balancers.push_back(&state.load_balancers.at(arn));
    out.next_marker = page->next_marker;
    return out;
}

Status delete_load_balancer(Elbv2State& state, const std::string& arn) {
    const auto found = state.load_balancers.find(arn);
    if (found == state.load_balancers.end()) return Ok{};
    if (found->second.attributes["deletion_protection.enabled"] == "true") {
        return operation_not_permitted("Load balancer '" + arn +
                                       "' cannot be deleted because deletion protection is enabled");
    }
    for (auto listener = state.listeners.begin(); listener != state.listeners.end();) {
        if (listener->second.load_balancer_arn != arn) {
            ++listener;
            continue;
        }
        std::erase_if(state.rules,
                      [&](const auto& rule) { return rule.second.listener_arn == listener->first; });
        listener = state.listeners.erase(listener);
    }
    state.load_balancers.erase(found);
    return Ok{};
}

Result<const LoadBalancer*> find_load_balancer(const Elbv2State& state, const std::string& arn) {
    const auto found = state.load_balancers.find(arn);
    if (found == state.load_balancers.end()) return load_balancer_not_found();
    return &found->second;
}

Result<Attributes> modify_load_balancer_attributes(Elbv2State& state, const std::string& arn,
                                                   const AttributeList& changes) {
    const auto found = state.load_balancers.find(arn);
    if (found == state.load_balancers.end()) return load_balancer_not_found();
    auto next = apply_load_balancer_attributes(found->second.attributes, changes);
    if (!next) return next;
    found->second.attributes = next.value();
    return next;
}

}  // namespace ecsemu::core::elbv2
