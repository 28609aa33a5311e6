// Cloud Map namespaces, found by name among ListNamespaces. Creating one answers an operation id only; the
// namespace's id comes from that operation's target (ecsemu makes the change at once, as the operation
// reports it done within seconds in AWS).
#include "emulator/api/scenario/json_match.hpp"
#include "emulator/api/scenario/resource_kinds.hpp"

namespace ecsemu::api::scenario {
namespace {

using nlohmann::json;

core::Result<json> find_namespace(KindContext& context, const std::string& name) {
    json request = json::object();
    for (int page = 0; page < 100; ++page) {
        auto listed = call_api(context, "servicediscovery", "ListNamespaces", request);
        if (!listed) return listed.error();
        for (const auto& ns : list_of(listed.value(), "Namespaces")) {
            if (text_of(ns, "Name") == name) return ns;
        }
        const std::string next = text_of(listed.value(), "NextToken");
        if (next.empty()) break;
        request["NextToken"] = next;
    }
    return json();
}

core::Result<KindResult> described(KindContext& context, Outcome outcome, const std::string& id) {
    auto got = call_api(context, "servicediscovery", "GetNamespace", json{{"Id", id}});
    if (!got) return got.error();
    return KindResult{outcome, id, value_at(got.value(), "Namespace"), {}};
}

core::Result<KindResult> create_namespace(KindContext& context, const json& request,
                                          std::string_view operation) {
    auto existing = find_namespace(context, text_of(request, "Name"));
    if (!existing) return existing.error();
    if (!existing.value().is_null())
        return described(context, Outcome::Unchanged, text_of(existing.value(), "Id"));
    auto created = call_api(context, "servicediscovery", operation, request);
    if (!created) return created.error();
    auto operation_state = call_api(context, "servicediscovery", "GetOperation",
                                    json{{"OperationId", text_of(created.value(), "OperationId")}});
    if (!operation_state) return operation_state.error();
    const std::string id = text_of(operation_state.value(), "Operation.Targets.NAMESPACE");
    if (id.empty()) {
        return core::AwsError::client("InvalidResponse", "servicediscovery:" + std::string(operation) +
                                                             ": the operation names no namespace");
    }
    return described(context, Outcome::Created, id);
}

core::Result<KindResult> create_http_namespace(KindContext& context, const json& request) {
    return create_namespace(context, request, "CreateHttpNamespace");
}

core::Result<KindResult> create_private_dns_namespace(KindContext& context, const json& request) {
    return create_namespace(context, request, "CreatePrivateDnsNamespace");
}

}  // namespace

void add_cloudmap_kinds(std::vector<ResourceKind>& kinds) {
    kinds.push_back({"servicediscovery:CreateHttpNamespace", create_http_namespace});
    kinds.push_back({"servicediscovery:CreatePrivateDnsNamespace", create_private_dns_namespace});
}

}  // namespace ecsemu::api::scenario
