#include "emulator/api/ecs/ecs_decode.hpp"
#include "emulator/api/ecs/ecs_encode.hpp"
#include "emulator/api/ecs/ecs_operations.hpp"
#include "emulator/api/ecs/operation_responses.hpp"
#include "emulator/core/ecs/ecs_errors.hpp"
#include "emulator/core/ecs/pagination.hpp"
#include "emulator/core/ecs/services.hpp"

namespace ecsemu::api::ecs {

using namespace core::ecs;
using core::ecs::Service;  // not api::Service
using nlohmann::json;

namespace {

// ECS refuses a service whose target group does not exist or that no load balancer routes to (the
// deployment could never become healthy).
core::Status check_target_groups(const OperationContext& ctx,
                                 const std::vector<LoadBalancer>& load_balancers) {
    if (ctx.target_groups == nullptr) return core::Ok{};
    for (const auto& lb : load_balancers) {
        if (lb.target_group_arn.empty()) continue;
        switch (ctx.target_groups->target_group_status(ctx.call.account_id, ctx.call.region,
                                                       lb.target_group_arn)) {
            case TargetGroupStatus::Missing:
                return invalid_parameter("The target group with targetGroupArn " + lb.target_group_arn +
                                         " does not exist.");
            case TargetGroupStatus::NoLoadBalancer:
                return invalid_parameter("The target group with targetGroupArn " + lb.target_group_arn +
                                         " does not have an associated load balancer.");
            case TargetGroupStatus::Usable:
                break;
        }
    }
    return core::Ok{};
}

}  // namespace

ApiResult create_service(OperationContext& ctx) {
    auto spec = decode_create_service(ctx.call.params);
    if (!spec) return spec.error();
    if (auto checked = check_target_groups(ctx, spec->load_balancers); !checked) return checked.error();
    const bool tagged = !spec->tags.empty();
    auto service =
        core::ecs::create_service(ctx.state, ctx.ec2, std::move(spec.value()), ctx.call.now, ctx.ids);
    if (!service) return service.error();
    return json{{"service", encode_service(ctx.state, service.value(), tagged)}};
}

ApiResult update_service(OperationContext& ctx) {
    auto spec = decode_update_service(ctx.call.params);
    if (!spec) return spec.error();
    if (spec->load_balancers) {
        if (auto checked = check_target_groups(ctx, *spec->load_balancers); !checked) return checked.error();
    }
    auto service =
        core::ecs::update_service(ctx.state, ctx.ec2, std::move(spec.value()), ctx.call.now, ctx.ids);
    if (!service) return service.error();
    return json{{"service", encode_service(ctx.state, service.value(), false)}};
}

ApiResult describe_services(OperationContext& ctx) {
    RequestReader reader(ctx.call.params);
    Fields& root = reader.root();
    const auto cluster_ref = root.string("cluster");
    root.require("services");
    const auto refs = root.string_list("services");
    const auto include = root.string_enum_list("include", {"TAGS"});
    if (!reader.ok()) return reader.error();
    if (refs.empty()) return invalid_parameter("Services cannot be empty.");
    if (refs.size() > 10) return invalid_parameter("services can have at most 10 items.");
    auto cluster = require_active_cluster(ctx.state, cluster_ref);
    if (!cluster) return cluster.error();
    const std::string& cluster_name = cluster.value()->name;
    return described_or_missing(
        "services", refs, [&](const std::string& ref) { return find_service(ctx.state, cluster_name, ref); },
        [&](const Service& service) { return encode_service(ctx.state, service, !include.empty()); },
        [&](const std::string& ref) { return service_arn(ctx.state.scope, cluster_name, ref); });
}

ApiResult list_services(OperationContext& ctx) {
    RequestReader reader(ctx.call.params);
    Fields& root = reader.root();
    const auto cluster_ref = root.string("cluster");
    const auto next_token = root.optional_string("nextToken");
    const auto max_results = root.optional_int("maxResults");
    const auto launch_type = root.optional_enum<LaunchType>("launchType");
    const auto scheduling_strategy = root.optional_enum<SchedulingStrategy>("schedulingStrategy");
    root.optional_string(
        "resourceManagementType");  // type check only: every ecsemu service is CUSTOMER-managed
    if (!reader.ok()) return reader.error();
    auto limit = checked_max_results(max_results, 10);
    if (!limit) return limit.error();
    auto cluster = require_active_cluster(ctx.state, cluster_ref);
    if (!cluster) return cluster.error();
    std::vector<PageItem> items;
    for (const Service* service :
         core::ecs::list_services(ctx.state, cluster.value()->name, launch_type, scheduling_strategy)) {
        items.push_back({service->name, service->arn});
    }
    return page_response(items, next_token, limit.value(), "serviceArns");
}

ApiResult delete_service(OperationContext& ctx) {
    RequestReader reader(ctx.call.params);
    Fields& root = reader.root();
    const auto cluster_ref = root.string("cluster");
    const auto service_ref = root.required_string("service");
    const bool force = root.boolean("force");
    if (!reader.ok()) return reader.error();
    auto service = core::ecs::delete_service(ctx.state, cluster_ref, service_ref, force);
    if (!service) return service.error();
    return json{{"service", encode_service(ctx.state, service.value(), false)}};
}

}  // namespace ecsemu::api::ecs
