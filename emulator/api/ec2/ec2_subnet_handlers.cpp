// CreateSubnet, DescribeSubnets, DeleteSubnet.
#include "emulator/api/ec2/ec2_handlers.hpp"
#include "emulator/api/ec2/ec2_params.hpp"
#include "emulator/core/ec2/ec2_errors.hpp"

namespace ecsemu::api::ec2 {

using nlohmann::json;

ApiResult create_subnet(const ApiCall& call, core::ec2::RegionState& region) {
    core::ec2::CreateSubnetRequest request;
    request.vpc_id = string_or_empty(call.params, "VpcId");
    request.cidr_block = string_or_empty(call.params, "CidrBlock");
    request.availability_zone = string_or_empty(call.params, "AvailabilityZone");
    request.availability_zone_id = string_or_empty(call.params, "AvailabilityZoneId");
    auto tags = tag_specification_tags(call.params, "subnet");
    if (!tags) return tags.error();
    request.tags = std::move(tags).value();
    auto subnet = region.create_subnet(request);
    if (!subnet) return subnet.error();
    return json{{"subnet", render_subnet(*subnet.value(), render_context(call))}};
}

ApiResult describe_subnets(const ApiCall& call, core::ec2::RegionState& region) {
    auto filters = filters_param(call.params);
    if (!filters) return filters.error();
    auto selected = select_resources<core::Subnet>(
        region.subnets(), string_list_param(call.params, "SubnetId"), filters.value(),
        core::ec2::subnet_filter_fields, core::ec2::subnet_not_found);
    if (!selected) return selected.error();
    json subnets = json::array();
    for (const auto* subnet : selected.value())
        subnets.push_back(render_subnet(*subnet, render_context(call)));
    return json{{"subnetSet", std::move(subnets)}};
}

ApiResult delete_subnet(const ApiCall& call, core::ec2::RegionState& region) {
    const auto subnet_id = string_or_empty(call.params, "SubnetId");
    if (subnet_id.empty()) return core::ec2::missing_parameter("subnetId");
    if (auto deleted = region.delete_subnet(subnet_id); !deleted) return deleted.error();
    return json{{"return", true}};
}

}  // namespace ecsemu::api::ec2
