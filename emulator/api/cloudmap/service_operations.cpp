// CreateService, GetService, ListServices, UpdateService, DeleteService.
#include "emulator/api/cloudmap/cloudmap_decode.hpp"
#include "emulator/api/cloudmap/cloudmap_encode.hpp"
#include "emulator/api/cloudmap/cloudmap_operations.hpp"
#include "emulator/core/cloudmap/cloudmap_errors.hpp"
#include "emulator/core/cloudmap/services.hpp"

namespace ecsemu::api::cloudmap {

using nlohmann::json;
namespace model = core::cloudmap;

ApiResult create_service(OperationContext& ctx) {
    const json& params = ctx.call.params;
    model::ServiceRequest request;
    request.name = string_member(params, "Name");
    request.namespace_id = string_member(params, "NamespaceId");
    request.creator_request_id = string_member(params, "CreatorRequestId");
    request.description = string_member(params, "Description");
    if (const json* dns = member(params, "DnsConfig")) {
        auto config = decode_dns_config(*dns);
        if (!config) return config.error();
        request.dns_config = std::move(config.value());
        // DnsConfig.NamespaceId is the deprecated way to name the namespace.
        if (request.namespace_id.empty()) request.namespace_id = string_member(*dns, "NamespaceId");
    }
    if (const json* check = member(params, "HealthCheckConfig")) {
        auto config = decode_health_check(*check);
        if (!config) return config.error();
        request.health_check = config.value();
    }
    if (const json* custom = member(params, "HealthCheckCustomConfig")) {
        request.custom_health_check = true;
        if (const auto threshold = optional_int(*custom, "FailureThreshold");
            threshold && (*threshold < 1 || *threshold > 10))
            return model::invalid_input("HealthCheckCustomConfig.FailureThreshold must be between 1 and 10.");
    }
    if (const auto type = optional_string(params, "Type")) {
        if (*type != "HTTP") return model::invalid_input("Type must be HTTP: " + *type);
        request.http_only = true;
    }
    request.tags = decode_tags(params, "Tags");
    auto service = model::create_service(ctx.core, request);
    if (!service) return service.error();
    return json{{"Service", encode_service(*service.value(), ctx.call.account_id)}};
}

ApiResult get_service(OperationContext& ctx) {
    auto service = model::get_service(ctx.core.state(), string_member(ctx.call.params, "Id"));
    if (!service) return service.error();
    return json{{"Service", encode_service(*service.value(), ctx.call.account_id)}};
}

ApiResult list_services(OperationContext& ctx) {
    const json& params = ctx.call.params;
    auto page =
        model::list_services(ctx.core.state(), decode_filters(params, "Filters"),
                             optional_string(params, "NextToken"), optional_int(params, "MaxResults"));
    if (!page) return page.error();
    json services = json::array();
    for (const model::Service* service : page->services)
        services.push_back(encode_service_summary(*service, ctx.call.account_id));
    json out = {{"Services", std::move(services)}};
    if (!page->next_token.empty()) out["NextToken"] = page->next_token;
    return out;
}

ApiResult update_service(OperationContext& ctx) {
    const json& params = ctx.call.params;
    model::ServiceChange change;
    if (const json* service = member(params, "Service")) {
        change.description = optional_string(*service, "Description");
        if (const json* dns = member(*service, "DnsConfig")) {
            const json* records = member(*dns, "DnsRecords");
            auto decoded = decode_dns_records(records == nullptr ? json::array() : *records);
            if (!decoded) return decoded.error();
            change.dns_records = std::move(decoded.value());
        }
        if (const json* check = member(*service, "HealthCheckConfig")) {
            auto config = decode_health_check(*check);
            if (!config) return config.error();
            change.health_check = config.value();
        }
    }
    auto operation_id = model::update_service(ctx.core, string_member(params, "Id"), change);
    if (!operation_id) return operation_id.error();
    return json{{"OperationId", operation_id.value()}};
}

ApiResult delete_service(OperationContext& ctx) {
    if (auto deleted = model::delete_service(ctx.core, string_member(ctx.call.params, "Id")); !deleted)
        return deleted.error();
    return json::object();
}

}  // namespace ecsemu::api::cloudmap
