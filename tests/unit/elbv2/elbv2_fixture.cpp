#include "elbv2_fixture.hpp"

#include <catch2/catch.hpp>

#include "emulator/core/ec2/cidr.hpp"

namespace ecsemu::test::elbv2 {

using nlohmann::json;

namespace {

core::Subnet subnet(const std::string& id, const std::string& vpc, const std::string& cidr,
                    const std::string& zone) {
    core::Subnet out;
    out.id = id;
    out.vpc_id = vpc;
    out.cidr_block = cidr;
    out.availability_zone = zone;
    return out;
}

core::SecurityGroup group(const std::string& id, const std::string& name, const std::string& vpc) {
    core::SecurityGroup out;
    out.id = id;
    out.name = name;
    out.vpc_id = vpc;
    return out;
}

}  // namespace

TestDirectory::TestDirectory() {
    vpcs[kVpc] = core::Vpc{kVpc, "10.0.0.0/16", "", "", "available", false, {}};
    vpcs[kOtherVpc] = core::Vpc{kOtherVpc, "172.16.0.0/16", "", "", "available", false, {}};
    subnets[kSubnetA] = subnet(kSubnetA, kVpc, "10.0.1.0/24", "ap-southeast-1a");
    subnets[kSubnetA2] = subnet(kSubnetA2, kVpc, "10.0.3.0/24", "ap-southeast-1a");
    subnets[kSubnetB] = subnet(kSubnetB, kVpc, "10.0.2.0/24", "ap-southeast-1b");
    subnets[kOtherSubnet] = subnet(kOtherSubnet, kOtherVpc, "172.16.1.0/24", "ap-southeast-1a");
    groups[kDefaultSg] = group(kDefaultSg, "default", kVpc);
    groups[kAlbSg] = group(kAlbSg, "ielts-alb-sg", kVpc);
    groups[kOtherSg] = group(kOtherSg, "other", kOtherVpc);
}

const core::Subnet* TestDirectory::find_subnet(const std::string& region,
                                               const std::string& subnet_id) const {
    const auto it = subnets.find(subnet_id);
    return region == kRegion && it != subnets.end() ? &it->second : nullptr;
}

const core::SecurityGroup* TestDirectory::find_security_group(const std::string& region,
                                                              const std::string& group_id) const {
    const auto it = groups.find(group_id);
    return region == kRegion && it != groups.end() ? &it->second : nullptr;
}

const core::Vpc* TestDirectory::find_vpc(const std::string& region, const std::string& vpc_id) const {
    const auto it = vpcs.find(vpc_id);
    return region == kRegion && it != vpcs.end() ? &it->second : nullptr;
}

const core::Subnet* TestDirectory::find_subnet_containing(const std::string& region,
                                                          const std::string& vpc_id,
                                                          const std::string& ipv4) const {
    const auto address = core::ec2::Ipv4Cidr::parse(ipv4 + "/32");
    if (region != kRegion || !address) return nullptr;
    for (const auto& [id, candidate] : subnets) {
        const auto block = core::ec2::Ipv4Cidr::parse(candidate.cidr_block);
        if (candidate.vpc_id == vpc_id && block && block->contains(*address)) return &candidate;
    }
    return nullptr;
}

const core::SecurityGroup* TestDirectory::find_default_security_group(const std::string& region,
                                                                      const std::string& vpc_id) const {
    for (const auto& [id, candidate] : groups)
        if (region == kRegion && candidate.vpc_id == vpc_id && candidate.is_vpc_default()) return &candidate;
    return nullptr;
}

api::ApiResult Elbv2Fixture::call(const std::string& operation, json params) {
    api::ApiCall call;
    call.service = "elasticloadbalancing";
    call.operation = operation;
    call.region = kRegion;
    call.account_id = kAccount;
    call.protocol = api::Protocol::Query;
    call.params = std::move(params);
    call.now = now;
    call.request_id = "req";
    return service.call(call);
}

json Elbv2Fixture::ok(const std::string& operation, json params) {
    auto result = call(operation, std::move(params));
    INFO(operation << ": "
                   << (result.ok() ? std::string() : result.error().code + " " + result.error().message));
    REQUIRE(result.ok());
    return result.value();
}

std::string Elbv2Fixture::error_code(const std::string& operation, json params) {
    auto result = call(operation, std::move(params));
    INFO(operation << " unexpectedly succeeded");
    REQUIRE_FALSE(result.ok());
    return result.error().code;
}

core::elbv2::Elbv2State& Elbv2Fixture::state() {
    return service.world().region(kAccount, kRegion).state;
}

std::string Elbv2Fixture::create_alb(const std::string& name) {
    return ok("CreateLoadBalancer",
              {{"Name", name}, {"Subnets", {kSubnetA, kSubnetB}}})["LoadBalancers"][0]["LoadBalancerArn"];
}

std::string Elbv2Fixture::create_tg(const std::string& name, int port, const std::string& health_path) {
    return ok("CreateTargetGroup", {{"Name", name},
                                    {"Protocol", "HTTP"},
                                    {"Port", std::to_string(port)},
                                    {"VpcId", kVpc},
                                    {"TargetType", "ip"},
                                    {"HealthCheckPath", health_path}})["TargetGroups"][0]["TargetGroupArn"];
}

std::string Elbv2Fixture::create_listener(const std::string& lb_arn, int port, const std::string& tg_arn) {
    return ok("CreateListener", {{"LoadBalancerArn", lb_arn},
                                 {"Protocol", "HTTP"},
                                 {"Port", std::to_string(port)},
                                 {"DefaultActions", forward_to(tg_arn)}})["Listeners"][0]["ListenerArn"];
}

json forward_to(const std::string& tg_arn) {
    return json::array({{{"Type", "forward"}, {"TargetGroupArn", tg_arn}}});
}

json path_condition(const std::string& pattern) {
    return json::array({{{"Field", "path-pattern"}, {"PathPatternConfig", {{"Values", {pattern}}}}}});
}

}  // namespace ecsemu::test::elbv2
