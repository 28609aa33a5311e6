// CreateVpc, DescribeVpcs, DeleteVpc, DescribeAvailabilityZones.
#include "emulator/api/ec2/ec2_handlers.hpp"
#include "emulator/api/ec2/ec2_params.hpp"
#include "emulator/core/ec2/ec2_errors.hpp"

namespace ecsemu::api::ec2 {

using nlohmann::json;

ApiResult create_vpc(const ApiCall& call, core::ec2::RegionState& region) {
    core::ec2::CreateVpcRequest request;
    request.cidr_block = string_or_empty(call.params, "CidrBlock");
    auto tags = tag_specification_tags(call.params, "vpc");
    if (!tags) return tags.error();
    request.tags = std::move(tags).value();
    auto vpc = region.create_vpc(request);
    if (!vpc) return vpc.error();
    return json{{"vpc", render_vpc(*vpc.value(), render_context(call))}};
}

ApiResult describe_vpcs(const ApiCall& call, core::ec2::RegionState& region) {
    auto filters = filters_param(call.params);
    if (!filters) return filters.error();
    auto selected =
        select_resources<core::Vpc>(region.vpcs(), string_list_param(call.params, "VpcId"), filters.value(),
                                    core::ec2::vpc_filter_fields, core::ec2::vpc_not_found);
    if (!selected) return selected.error();
    json vpcs = json::array();
    for (const auto* vpc : selected.value()) vpcs.push_back(render_vpc(*vpc, render_context(call)));
    return json{{"vpcSet", std::move(vpcs)}};
}

ApiResult delete_vpc(const ApiCall& call, core::ec2::RegionState& region) {
    const auto vpc_id = string_or_empty(call.params, "VpcId");
    if (vpc_id.empty()) return core::ec2::missing_parameter("vpcId");
    if (auto deleted = region.delete_vpc(vpc_id); !deleted) return deleted.error();
    return json{{"return", true}};
}

ApiResult describe_availability_zones(const ApiCall& call, core::ec2::RegionState& region) {
    auto filters = filters_param(call.params);
    if (!filters) return filters.error();
    if (auto valid = core::ec2::validate_filters<core::ec2::AvailabilityZone>(filters.value(),
                                                                              core::ec2::zone_filter_fields);
        !valid) {
        return valid.error();
    }
    const auto names = string_list_param(call.params, "ZoneName");
    const auto ids = string_list_param(call.params, "ZoneId");
    const auto known = [&](const std::string& wanted, bool by_name) {
        return std::any_of(region.zones().begin(), region.zones().end(),
                           [&](const auto& zone) { return (by_name ? zone.name : zone.id) == wanted; });
    };
    for (const auto& name : names) {
        if (!known(name, true))
            return core::ec2::invalid_parameter_value("The zone '" + name + "' does not exist.");
    }
    for (const auto& id : ids) {
        if (!known(id, false))
            return core::ec2::invalid_parameter_value("The zone '" + id + "' does not exist.");
    }
    json zones = json::array();
    for (const auto& zone : region.zones()) {
        const bool named = names.empty() || std::find(names.begin(), names.end(), zone.name) != names.end();
        const bool identified = ids.empty() || std::find(ids.begin(), ids.end(), zone.id) != ids.end();
        if (named && identified &&
            core::ec2::matches_filters(zone, filters.value(), core::ec2::zone_filter_fields)) {
            zones.push_back(render_availability_zone(zone, render_context(call)));
        }
    }
    return json{{"availabilityZoneInfo", std::move(zones)}};
}

}  // namespace ecsemu::api::ec2
