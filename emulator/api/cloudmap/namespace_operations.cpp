// CreateHttpNamespace, CreatePrivateDnsNamespace, CreatePublicDnsNamespace, GetNamespace, ListNamespaces,
// Update*Namespace, DeleteNamespace.
#include "emulator/api/cloudmap/cloudmap_decode.hpp"
#include "emulator/api/cloudmap/cloudmap_encode.hpp"
#include "emulator/api/cloudmap/cloudmap_operations.hpp"
#include "emulator/core/cloudmap/namespaces.hpp"

namespace ecsemu::api::cloudmap {

using nlohmann::json;
namespace model = core::cloudmap;

namespace {

ApiResult create(OperationContext& ctx, model::NamespaceType type) {
    const json& params = ctx.call.params;
    model::NamespaceRequest request;
    request.name = string_member(params, "Name");
    request.type = type;
    request.creator_request_id = string_member(params, "CreatorRequestId");
    request.description = string_member(params, "Description");
    request.vpc = string_member(params, "Vpc");
    request.soa_ttl_seconds = decode_soa_ttl(params, "Properties");
    request.tags = decode_tags(params, "Tags");
    auto operation_id = model::create_namespace(ctx.core, request);
    if (!operation_id) return operation_id.error();
    return json{{"OperationId", operation_id.value()}};
}

ApiResult update(OperationContext& ctx, model::NamespaceType type) {
    const json& params = ctx.call.params;
    const json* change_json = member(params, "Namespace");
    model::NamespaceChange change;
    if (change_json != nullptr) {
        change.description = optional_string(*change_json, "Description");
        change.soa_ttl_seconds = decode_soa_ttl(*change_json, "Properties");
    }
    auto operation_id = model::update_namespace(ctx.core, string_member(params, "Id"), type, change);
    if (!operation_id) return operation_id.error();
    return json{{"OperationId", operation_id.value()}};
}

}  // namespace

ApiResult create_http_namespace(OperationContext& ctx) {
    return create(ctx, model::NamespaceType::Http);
}

ApiResult create_private_dns_namespace(OperationContext& ctx) {
    return create(ctx, model::NamespaceType::DnsPrivate);
}

ApiResult create_public_dns_namespace(OperationContext& ctx) {
    return create(ctx, model::NamespaceType::DnsPublic);
}

ApiResult get_namespace(OperationContext& ctx) {
    auto ns = model::get_namespace(ctx.core.state(), string_member(ctx.call.params, "Id"));
    if (!ns) return ns.error();
    return json{{"Namespace", encode_namespace(*ns.value(), ctx.core.state().service_count(ns.value()->id),
                                               ctx.call.account_id)}};
}

ApiResult list_namespaces(OperationContext& ctx) {
    const json& params = ctx.call.params;
    auto page =
        model::list_namespaces(ctx.core.state(), decode_filters(params, "Filters"),
                               optional_string(params, "NextToken"), optional_int(params, "MaxResults"));
    if (!page) return page.error();
    json namespaces = json::array();
    for (const model::Namespace* ns : page->namespaces)
        namespaces.push_back(
            encode_namespace_summary(*ns, ctx.core.state().service_count(ns->id), ctx.call.account_id));
    json out = {{"Namespaces", std::move(namespaces)}};
    if (!page->next_token.empty()) out["NextToken"] = page->next_token;
    return out;
}

ApiResult update_http_namespace(OperationContext& ctx) {
    return update(ctx, model::NamespaceType::Http);
}

ApiResult update_private_dns_namespace(OperationContext& ctx) {
    return update(ctx, model::NamespaceType::DnsPrivate);
}

ApiResult update_public_dns_namespace(OperationContext& ctx) {
    return update(ctx, model::NamespaceType::DnsPublic);
}

ApiResult delete_namespace(OperationContext& ctx) {
    auto operation_id = model::delete_namespace(ctx.core, string_member(ctx.call.params, "Id"));
    if (!operation_id) return operation_id.error();
    return json{{"OperationId", operation_id.value()}};
}

}  // namespace ecsemu::api::cloudmap
