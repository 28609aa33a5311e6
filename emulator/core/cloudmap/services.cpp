#include "emulator/core/cloudmap/services.hpp"

#include <set>

#include "emulator/core/cloudmap/cloudmap_errors.hpp"
#include "emulator/core/cloudmap/cloudmap_names.hpp"
#include "emulator/core/cloudmap/operations.hpp"
#include "emulator/core/cloudmap/tagging.hpp"

namespace ecsemu::core::cloudmap {

namespace {

Status check_records(const std::vector<DnsRecord>& records, RoutingPolicy policy) {
    if (records.empty()) return invalid_input("DnsConfig.DnsRecords must contain at least one record.");
    std::set<RecordType> types;
    for (const auto& record : records) {
        if (record.ttl_seconds < 0 || record.ttl_seconds > 2147483647)
            return invalid_input("DNS record TTL must be between 0 and 2147483647.");
        if (!types.insert(record.type).second)
            return invalid_input(std::string("DnsRecords contains more than one ") + to_string(record.type) +
                                 " record.");
    }
    if (types.count(RecordType::Cname) != 0) {
        if (types.size() > 1) return invalid_input("A CNAME record cannot be combined with other records.");
        if (policy != RoutingPolicy::Weighted)
            return invalid_input("A CNAME record requires the WEIGHTED routing policy.");
    }
    return Ok{};
}

Status check_health_check(const HealthCheckConfig& check) {
    if (check.failure_threshold < 1 || check.failure_threshold > 10)
        return invalid_input("HealthCheckConfig.FailureThreshold must be between 1 and 10.");
    if (check.type == HealthCheckType::Tcp && !check.resource_path.empty())
        return invalid_input("HealthCheckConfig.ResourcePath is not valid for TCP health checks.");
    return Ok{};
}

Status check_request(const ServiceRequest& request, const Namespace& ns) {
    if (!valid_service_name(request.name)) return invalid_input("Service name is not valid: " + request.name);
    if (request.health_check && request.custom_health_check)
        return invalid_input("HealthCheckConfig and HealthCheckCustomConfig cannot both be specified.");
    if (request.health_check) {
        if (ns.type != NamespaceType::DnsPublic)
            return invalid_input(
                "HealthCheckConfig is only supported for services in public DNS namespaces.");
        if (auto checked = check_health_check(*request.health_check); !checked) return checked;
    }
    if (request.dns_config) {
        if (ns.type == NamespaceType::Http)
            return invalid_input("DnsConfig is not supported for services in HTTP namespaces.");
        if (request.http_only)
            return invalid_input("DnsConfig cannot be specified for a service of type HTTP.");
        if (auto checked = check_records(request.dns_config->records, request.dns_config->routing_policy);
            !checked)
            return checked;
    }
    if (auto checked = check_request_tags(request.tags); !checked) return checked;
    if (request.tags.size() > kMaxTagsPerResource) return too_many_tags(request.name);
    return Ok{};
}

Service* find_mutable(CloudMapState& state, const std::string& id_or_arn) {
    const auto it = state.services.find(id_from_reference(id_or_arn));
    return it == state.services.end() ? nullptr : &it->second;
}

}  // namespace

Result<const Service*> create_service(CloudMapCall& call, const ServiceRequest& request) {
    if (request.namespace_id.empty()) return invalid_input("NamespaceId is required.");
    const std::string namespace_id = id_from_reference(request.namespace_id);
    const Namespace* ns = call.state().find_namespace(namespace_id);
    if (ns == nullptr) return namespace_not_found(namespace_id);
    if (auto checked = check_request(request, *ns); !checked) return checked.error();
    if (const Service* existing = find_service_by_name(call.state(), namespace_id, request.name)) {
        if (!request.creator_request_id.empty() && existing->creator_request_id == request.creator_request_id)
            return existing;
        return service_already_exists(request.name, existing->id);
    }

    Service service;
    service.id = new_service_id(call.ids());
    service.arn = service_arn(call.region, call.account_id, service.id);
    service.name = request.name;
    service.namespace_id = namespace_id;
    service.description = request.description;
    service.creator_request_id = request.creator_request_id;
    service.dns_config = request.dns_config;
    service.type = request.dns_config ? ServiceType::DnsHttp : ServiceType::Http;
    service.health_check = request.health_check;
    if (service.health_check && service.health_check->type != HealthCheckType::Tcp &&
        service.health_check->resource_path.empty())
        service.health_check->resource_path = "/";
    service.custom_health_check = request.custom_health_check;
    service.created = call.now;
    service.tags = request.tags;
    service.instances_revision = ++call.state().last_revision;
    const std::string id = service.id;
    return &call.state().services.emplace(id, std::move(service)).first->second;
}

Result<const Service*> get_service(const CloudMapState& state, const std::string& id_or_arn) {
    const std::string id = id_from_reference(id_or_arn);
    if (const Service* service = state.find_service(id)) return service;
    return service_not_found(id);
}

const Service* find_service_by_name(const CloudMapState& state, const std::string& namespace_id,
                                    const std::string& name) {
    for (const auto& [id, service] : state.services) {
        if (service.namespace_id == namespace_id && same_dns_name(service.name, name)) return &service;
    }
    return nullptr;
}

Result<ServicePage> list_services(const CloudMapState& state, const std::vector<Filter>& filters,
                                  const std::optional<std::string>& next_token,
                                  std::optional<int> max_results) {
    for (const auto& filter : filters) {
        Status checked = Ok{};
        if (filter.name == "NAMESPACE_ID") {
            checked = check_filter(filter, {"EQ", "IN"});
        } else if (filter.name == "RESOURCE_OWNER") {
            checked = check_filter(filter, {"EQ"});
        } else {
            checked = invalid_input("Unknown service filter name: " + filter.name);
        }
        if (!checked) return checked.error();
    }
    std::vector<const Service*> selected;
    std::vector<std::string> keys;
    for (const auto& [id, service] : state.services) {
        bool keep = true;
        for (const auto& filter : filters) {
            if (filter.name == "NAMESPACE_ID") {
                bool any = false;
                for (const auto& value : filter.values)
                    any = any || id_from_reference(value) == service.namespace_id;
                keep = keep && any;
            }
            if (filter.name == "RESOURCE_OWNER") keep = keep && filter.values.front() == "SELF";
        }
        if (!keep) continue;
        selected.push_back(&service);
        keys.push_back(id);
    }
    auto window = page_window(keys, next_token, max_results, 100);
    if (!window) return window.error();
    ServicePage page;
    page.services.assign(selected.begin() + static_cast<std::ptrdiff_t>(window->begin),
                         selected.begin() + static_cast<std::ptrdiff_t>(window->end));
    page.next_token = window->next_token;
    return page;
}

Result<std::string> update_service(CloudMapCall& call, const std::string& id_or_arn,
                                   const ServiceChange& change) {
    Service* service = find_mutable(call.state(), id_or_arn);
    if (service == nullptr) return service_not_found(id_from_reference(id_or_arn));
    if (change.dns_records) {
        if (!service->dns_config)
            return invalid_input("The service " + service->id + " has no DnsConfig to update.");
        if (auto checked = check_records(*change.dns_records, service->dns_config->routing_policy); !checked)
            return checked.error();
        std::set<RecordType> before, after;
        for (const auto& record : service->dns_config->records) before.insert(record.type);
        for (const auto& record : *change.dns_records) after.insert(record.type);
        if (before != after) return invalid_input("UpdateService cannot change the types of DNS records.");
    }
    if (change.health_check) {
        if (!service->health_check)
            return invalid_input("The service " + service->id + " was created without HealthCheckConfig.");
        if (auto checked = check_health_check(*change.health_check); !checked) return checked.error();
    }
    if (change.description) service->description = *change.description;
    if (change.dns_records) service->dns_config->records = *change.dns_records;
    if (change.health_check) {
        service->health_check = change.health_check;
        if (service->health_check->type != HealthCheckType::Tcp &&
            service->health_check->resource_path.empty())
            service->health_check->resource_path = "/";
    }
    return record_operation(call, OperationType::UpdateService, {{"SERVICE", service->id}});
}

Status delete_service(CloudMapCall& call, const std::string& id_or_arn) {
    const std::string id = id_from_reference(id_or_arn);
    const Service* service = call.state().find_service(id);
    if (service == nullptr) return service_not_found(id);
    if (!service->instances.empty())
        return resource_in_use("The service " + id + " has registered instances; deregister them first.");
    call.state().services.erase(id);
    return Ok{};
}

}  // namespace ecsemu::core::cloudmap
