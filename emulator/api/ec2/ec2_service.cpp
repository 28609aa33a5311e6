#include "ec2_service.hpp"

#include <array>
#include <utility>

#include "emulator/api/ec2/ec2_handlers.hpp"
#include "emulator/api/ec2/ec2_params.hpp"
#include "emulator/api/model/input_validator.hpp"

namespace ecsemu::api::ec2 {

namespace {

constexpr std::array<std::pair<std::string_view, Handler>, 17> kHandlers{{
    {"AuthorizeSecurityGroupEgress", authorize_security_group_egress},
    {"AuthorizeSecurityGroupIngress", authorize_security_group_ingress},
    {"CreateSecurityGroup", create_security_group},
    {"CreateSubnet", create_subnet},
    {"CreateTags", create_tags},
    {"CreateVpc", create_vpc},
    {"DeleteSecurityGroup", delete_security_group},
    {"DeleteSubnet", delete_subnet},
    {"DeleteTags", delete_tags},
    {"DeleteVpc", delete_vpc},
    {"DescribeAvailabilityZones", describe_availability_zones},
    {"DescribeSecurityGroups", describe_security_groups},
    {"DescribeSubnets", describe_subnets},
    {"DescribeTags", describe_tags},
    {"DescribeVpcs", describe_vpcs},
    {"RevokeSecurityGroupEgress", revoke_security_group_egress},
    {"RevokeSecurityGroupIngress", revoke_security_group_ingress},
}};

Handler find_handler(std::string_view operation) {
    for (const auto& [name, handler] : kHandlers)
        if (name == operation) return handler;
    return nullptr;
}

}  // namespace

ApiResult Ec2Service::call(const ApiCall& call) {
    const Handler handler = find_handler(call.operation);
    if (!handler) {
        return core::AwsError::client("InvalidAction",
                                      "The action " + call.operation + " is not valid for this web service.");
    }
    if (auto invalid = ec2_input_validator().validate(call.operation, call.params)) return *invalid;
    auto dry_run = bool_param(call.params, "DryRun", false);
    if (!dry_run) return dry_run.error();
    if (dry_run.value()) {
        // Permissions are not modelled, so every dry run would succeed.
        return core::AwsError{"DryRunOperation", "Request would have succeeded, but DryRun flag is set.",
                              412};
    }
    return handler(call, store_.region(call.region));
}

bool Ec2Service::mutates(std::string_view operation) const {
    for (std::string_view prefix : {"Create", "Delete", "Authorize", "Revoke", "Modify"})
        if (operation.starts_with(prefix)) return true;
    return false;
}

}  // namespace ecsemu::api::ec2
