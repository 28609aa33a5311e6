#include "emulator/core/cloudmap/namespaces.hpp"

#include "emulator/core/cloudmap/cloudmap_errors.hpp"
#include "emulator/core/cloudmap/cloudmap_names.hpp"
#include "emulator/core/cloudmap/operations.hpp"
#include "emulator/core/cloudmap/tagging.hpp"

namespace ecsemu::core::cloudmap {

namespace {

Status check_name(const NamespaceRequest& request) {
    bool valid = false;
    switch (request.type) {
        case NamespaceType::Http:
            valid = valid_namespace_name(request.name, 1024);
            break;
        case NamespaceType::DnsPrivate:
            valid = valid_namespace_name(request.name, 253);
            break;
        case NamespaceType::DnsPublic:
            valid = valid_public_dns_name(request.name);
            break;
    }
    if (!valid) return invalid_input("Namespace name is not valid: " + request.name);
    return Ok{};
}

bool names_conflict(const Namespace& existing, const NamespaceRequest& request) {
    if (!same_dns_name(existing.name, request.name)) return false;
    const bool both_private =
        existing.type == NamespaceType::DnsPrivate && request.type == NamespaceType::DnsPrivate;
    return !both_private || existing.vpc == request.vpc;
}

Namespace* find_mutable(CloudMapState& state, const std::string& id_or_arn) {
    const auto it = state.namespaces.find(id_from_reference(id_or_arn));
    return it == state.namespaces.end() ? nullptr : &it->second;
}

}  // namespace

Result<std::string> create_namespace(CloudMapCall& call, const NamespaceRequest& request) {
    if (auto checked = check_name(request); !checked) return checked.error();
    if (request.type == NamespaceType::DnsPrivate && request.vpc.empty())
        return invalid_input("A private DNS namespace needs a VPC.");
    if (request.soa_ttl_seconds && (*request.soa_ttl_seconds < 0 || *request.soa_ttl_seconds > 2147483647))
        return invalid_input("SOA TTL must be between 0 and 2147483647.");
    if (auto checked = check_request_tags(request.tags); !checked) return checked.error();
    if (request.tags.size() > kMaxTagsPerResource) return too_many_tags(request.name);
    for (const auto& [id, existing] : call.state().namespaces) {
        if (!names_conflict(existing, request)) continue;
        if (!request.creator_request_id.empty() &&
            existing.creator_request_id == request.creator_request_id && existing.type == request.type) {
            if (const Operation* earlier = find_operation_by_request(
                    call.state(), OperationType::CreateNamespace, request.creator_request_id))
                return earlier->id;
        }
        return namespace_already_exists(request.name, existing.id);
    }

    Namespace ns;
    ns.id = new_namespace_id(call.ids());
    ns.arn = namespace_arn(call.region, call.account_id, ns.id);
    ns.name = request.name;
    ns.type = request.type;
    ns.description = request.description;
    ns.creator_request_id = request.creator_request_id;
    ns.vpc = request.vpc;
    if (request.type != NamespaceType::Http) {
        ns.hosted_zone_id = new_hosted_zone_id(call.ids());
        ns.soa_ttl_seconds = request.soa_ttl_seconds.value_or(15);
    }
    ns.created = call.now;
    ns.tags = request.tags;
    const std::string id = ns.id;
    call.state().namespaces.emplace(id, std::move(ns));
    return record_operation(call, OperationType::CreateNamespace, {{"NAMESPACE", id}},
                            request.creator_request_id);
}

Result<const Namespace*> get_namespace(const CloudMapState& state, const std::string& id_or_arn) {
    const std::string id = id_from_reference(id_or_arn);
    if (const Namespace* ns = state.find_namespace(id)) return ns;
    return namespace_not_found(id);
}

const Namespace* find_namespace_by_name(const CloudMapState& state, const std::string& name) {
    for (const auto& [id, ns] : state.namespaces) {
        if (same_dns_name(ns.name, name)) return &ns;
    }
    return nullptr;
}

Result<NamespacePage> list_namespaces(const CloudMapState& state, const std::vector<Filter>& filters,
                                      const std::optional<std::string>& next_token,
                                      std::optional<int> max_results) {
    for (const auto& filter : filters) {
        Status checked = Ok{};
        if (filter.name == "TYPE") {
            checked = check_filter(filter, {"EQ", "IN"});
        } else if (filter.name == "NAME" || filter.name == "HTTP_NAME") {
            checked = check_filter(filter, {"EQ", "BEGINS_WITH"});
        } else if (filter.name == "RESOURCE_OWNER") {
            checked = check_filter(filter, {"EQ"});
        } else {
            checked = invalid_input("Unknown namespace filter name: " + filter.name);
        }
        if (!checked) return checked.error();
    }
    std::vector<const Namespace*> selected;
    std::vector<std::string> keys;
    for (const auto& [id, ns] : state.namespaces) {
        bool keep = true;
        for (const auto& filter : filters) {
            if (filter.name == "TYPE") keep = keep && filter_accepts(filter, to_string(ns.type));
            if (filter.name == "NAME" || filter.name == "HTTP_NAME")
                keep = keep && filter_accepts(filter, ns.name);
            // Every namespace here belongs to the caller's account; none is shared from another.
            if (filter.name == "RESOURCE_OWNER") keep = keep && filter.values.front() == "SELF";
        }
        if (!keep) continue;
        selected.push_back(&ns);
        keys.push_back(id);
    }
    auto window = page_window(keys, next_token, max_results, 100);
    if (!window) return window.error();
    NamespacePage page;
    page.namespaces.assign(selected.begin() + static_cast<std::ptrdiff_t>(window->begin),
                           selected.begin() + static_cast<std::ptrdiff_t>(window->end));
    page.next_token = window->next_token;
    return page;
}

Result<std::string> update_namespace(CloudMapCall& call, const std::string& id_or_arn, NamespaceType expected,
                                     const NamespaceChange& change) {
    Namespace* ns = find_mutable(call.state(), id_or_arn);
    if (ns == nullptr) return namespace_not_found(id_from_reference(id_or_arn));
    if (ns->type != expected)
        return invalid_input("Namespace " + ns->id + " is of type " + to_string(ns->type) + ", not " +
                             to_string(expected) + ".");
    if (change.soa_ttl_seconds && (*change.soa_ttl_seconds < 0 || *change.soa_ttl_seconds > 2147483647))
        return invalid_input("SOA TTL must be between 0 and 2147483647.");
    if (change.description) ns->description = *change.description;
    if (change.soa_ttl_seconds) ns->soa_ttl_seconds = *change.soa_ttl_seconds;
    return record_operation(call, OperationType::UpdateNamespace, {{"NAMESPACE", ns->id}});
}

Result<std::string> delete_namespace(CloudMapCall& call, const std::string& id_or_arn) {
    const std::string id = id_from_reference(id_or_arn);
    if (call.state().find_namespace(id) == nullptr) return namespace_not_found(id);
    if (call.state().service_count(id) > 0)
        return resource_in_use("The namespace " + id + " has associated services; delete them first.");
    call.state().namespaces.erase(id);
    return record_operation(call, OperationType::DeleteNamespace, {{"NAMESPACE", id}});
}

}  // namespace ecsemu::core::cloudmap
