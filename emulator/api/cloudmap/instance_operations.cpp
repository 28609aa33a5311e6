// RegisterInstance, DeregisterInstance, GetInstance, ListInstances, GetInstancesHealthStatus,
// UpdateInstanceCustomHealthStatus, DiscoverInstances, DiscoverInstancesRevision.
#include "emulator/api/cloudmap/cloudmap_decode.hpp"
#include "emulator/api/cloudmap/cloudmap_encode.hpp"
#include "emulator/api/cloudmap/cloudmap_operations.hpp"
#include "emulator/core/cloudmap/cloudmap_errors.hpp"
#include "emulator/core/cloudmap/instances.hpp"

namespace ecsemu::api::cloudmap {

using nlohmann::json;
namespace model = core::cloudmap;

ApiResult register_instance(OperationContext& ctx) {
    const json& params = ctx.call.params;
    auto operation_id = model::register_instance(
        ctx.core, string_member(params, "ServiceId"), string_member(params, "InstanceId"),
        string_map(params, "Attributes"), string_member(params, "CreatorRequestId"));
    if (!operation_id) return operation_id.error();
    return json{{"OperationId", operation_id.value()}};
}

ApiResult deregister_instance(OperationContext& ctx) {
    const json& params = ctx.call.params;
    auto operation_id = model::deregister_instance(ctx.core, string_member(params, "ServiceId"),
                                                   string_member(params, "InstanceId"));
    if (!operation_id) return operation_id.error();
    return json{{"OperationId", operation_id.value()}};
}

ApiResult get_instance(OperationContext& ctx) {
    const json& params = ctx.call.params;
    auto found = model::get_instance(ctx.core.state(), string_member(params, "ServiceId"),
                                     string_member(params, "InstanceId"));
    if (!found) return found.error();
    return json{{"ResourceOwner", ctx.call.account_id},
                {"Instance", encode_instance(*found->instance, ctx.call.account_id)}};
}

ApiResult list_instances(OperationContext& ctx) {
    const json& params = ctx.call.params;
    auto page =
        model::list_instances(ctx.core.state(), string_member(params, "ServiceId"),
                              optional_string(params, "NextToken"), optional_int(params, "MaxResults"));
    if (!page) return page.error();
    json instances = json::array();
    for (const model::Instance* instance : page->instances)
        instances.push_back(encode_instance_summary(*instance, ctx.call.account_id));
    json out = {{"ResourceOwner", ctx.call.account_id}, {"Instances", std::move(instances)}};
    if (!page->next_token.empty()) out["NextToken"] = page->next_token;
    return out;
}

ApiResult get_instances_health_status(OperationContext& ctx) {
    const json& params = ctx.call.params;
    auto page = model::instances_for_health(
        ctx.core.state(), string_member(params, "ServiceId"), string_list(params, "Instances"),
        optional_string(params, "NextToken"), optional_int(params, "MaxResults"));
    if (!page) return page.error();
    json status = json::object();
    for (const model::Instance* instance : page->instances)
        status[instance->id] = model::to_string(model::health_of(*instance));
    json out = {{"Status", std::move(status)}};
    if (!page->next_token.empty()) out["NextToken"] = page->next_token;
    return out;
}

ApiResult update_instance_custom_health_status(OperationContext& ctx) {
    const json& params = ctx.call.params;
    const std::string status_text = string_member(params, "Status");
    const auto status = model::parse_health_status(status_text);
    if (!status) return model::invalid_input("Status must be HEALTHY or UNHEALTHY: " + status_text);
    if (auto updated = model::update_instance_custom_health(ctx.core, string_member(params, "ServiceId"),
                                                            string_member(params, "InstanceId"), *status);
        !updated)
        return updated.error();
    return json::object();
}

ApiResult discover_instances(OperationContext& ctx) {
    const json& params = ctx.call.params;
    model::DiscoverRequest request;
    request.namespace_name = string_member(params, "NamespaceName");
    request.service_name = string_member(params, "ServiceName");
    request.query_parameters = string_map(params, "QueryParameters");
    request.optional_parameters = string_map(params, "OptionalParameters");
    request.health_status = string_member(params, "HealthStatus");
    request.max_results = optional_int(params, "MaxResults");
    auto discovery = model::discover_instances(ctx.core.state(), request);
    if (!discovery) return discovery.error();
    json instances = json::array();
    for (const auto& found : discovery->instances) {
        instances.push_back({{"InstanceId", found.instance->id},
                             {"NamespaceName", discovery->ns->name},
                             {"ServiceName", discovery->service->name},
                             {"HealthStatus", model::to_string(found.health)},
                             {"Attributes", encode_attributes(found.instance->attributes)}});
    }
    return json{{"Instances", std::move(instances)}, {"InstancesRevision", discovery->revision}};
}

ApiResult discover_instances_revision(OperationContext& ctx) {
    const json& params = ctx.call.params;
    auto revision = model::discover_instances_revision(
        ctx.core.state(), string_member(params, "NamespaceName"), string_member(params, "ServiceName"));
    if (!revision) return revision.error();
    return json{{"InstancesRevision", revision.value()}};
}

}  // namespace ecsemu::api::cloudmap
