#pragma once
// One function per EC2 operation: decode the params tree, run the region's operation, render the result.
#include <algorithm>
#include <string>
#include <vector>

#include "emulator/api/ec2/ec2_render.hpp"
#include "emulator/api/service.hpp"
#include "emulator/core/ec2/filters.hpp"
#include "emulator/core/ec2/region_state.hpp"

namespace ecsemu::api::ec2 {

using Handler = ApiResult (*)(const ApiCall& call, core::ec2::RegionState& region);

ApiResult create_vpc(const ApiCall& call, core::ec2::RegionState& region);
ApiResult describe_vpcs(const ApiCall& call, core::ec2::RegionState& region);
ApiResult delete_vpc(const ApiCall& call, core::ec2::RegionState& region);
ApiResult describe_availability_zones(const ApiCall& call, core::ec2::RegionState& region);

ApiResult create_subnet(const ApiCall& call, core::ec2::RegionState& region);
ApiResult describe_subnets(const ApiCall& call, core::ec2::RegionState& region);
ApiResult delete_subnet(const ApiCall& call, core::ec2::RegionState& region);

ApiResult create_security_group(const ApiCall& call, core::ec2::RegionState& region);
ApiResult describe_security_groups(const ApiCall& call, core::ec2::RegionState& region);
ApiResult delete_security_group(const ApiCall& call, core::ec2::RegionState& region);
ApiResult authorize_security_group_ingress(const ApiCall& call, core::ec2::RegionState& region);
ApiResult authorize_security_group_egress(const ApiCall& call, core::ec2::RegionState& region);
ApiResult revoke_security_group_ingress(const ApiCall& call, core::ec2::RegionState& region);
ApiResult revoke_security_group_egress(const ApiCall& call, core::ec2::RegionState& region);

ApiResult create_tags(const ApiCall& call, core::ec2::RegionState& region);
ApiResult delete_tags(const ApiCall& call, core::ec2::RegionState& region);
ApiResult describe_tags(const ApiCall& call, core::ec2::RegionState& region);

inline RenderContext render_context(const ApiCall& call) {
    return RenderContext{call.region, call.account_id};
}

// The Describe* selection rule: unknown filter names fail; every id asked for must exist (else `not_found`);
// then resources named by `ids` (all when empty) that pass every filter, in creation order.
template <class Resource, class Table, class Fields, class NotFound>
core::Result<std::vector<const Resource*>> select_resources(const Table& table,
                                                            const std::vector<std::string>& ids,
                                                            const std::vector<core::ec2::Filter>& filters,
                                                            Fields fields, NotFound not_found) {
    if (auto valid = core::ec2::validate_filters<Resource>(filters, fields); !valid) return valid.error();
    for (const auto& id : ids)
        if (!table.find(id)) return not_found(id);
    std::vector<const Resource*> out;
    for (const auto& resource : table) {
        if (!ids.empty() && std::find(ids.begin(), ids.end(), resource.id) == ids.end()) continue;
        if (core::ec2::matches_filters(resource, filters, fields)) out.push_back(&resource);
    }
    return out;
}

}  // namespace ecsemu::api::ec2
