#include "emulator/core/cloudmap/instances.hpp"

#include <charconv>

#include "emulator/core/cloudmap/cloudmap_errors.hpp"
#include "emulator/core/cloudmap/cloudmap_names.hpp"
#include "emulator/core/cloudmap/listing.hpp"
#include "emulator/core/cloudmap/namespaces.hpp"
#include "emulator/core/cloudmap/operations.hpp"
#include "emulator/core/cloudmap/services.hpp"

namespace ecsemu::core::cloudmap {

namespace {

constexpr std::size_t kMaxAttributes = 30;
constexpr std::size_t kMaxAttributeChars = 5000;

bool valid_ipv4(const std::string& text) {
    const char* cursor = text.data();
    const char* end = text.data() + text.size();
    for (int part = 0; part < 4; ++part) {
        if (part > 0) {
            if (cursor == end || *cursor != '.') return false;
            ++cursor;
        }
        int octet = -1;
        const auto [next, error] = std::from_chars(cursor, end, octet);
        if (error != std::errc() || octet < 0 || octet > 255 || next - cursor > 3) return false;
        cursor = next;
    }
    return cursor == end;
}

bool valid_port(const std::string& text) {
    int port = 0;
    const auto [next, error] = std::from_chars(text.data(), text.data() + text.size(), port);
    return error == std::errc() && next == text.data() + text.size() && port >= 1 && port <= 65535;
}

Status check_attributes(const Service& service, const std::map<std::string, std::string>& attributes) {
    if (attributes.size() > kMaxAttributes)
        return invalid_input("An instance can have at most 30 attributes.");
    std::size_t total = 0;
    for (const auto& [key, value] : attributes) {
        if (key.empty() || key.size() > 255 || value.size() > 1024)
            return invalid_input(
                "Attribute keys must be 1-255 characters and values at most 1024 characters.");
        total += key.size() + value.size();
    }
    if (total > kMaxAttributeChars) return invalid_input("The attributes exceed 5000 characters in total.");
    const auto has = [&](const char* key) { return attributes.count(key) != 0; };
    if (has("AWS_INSTANCE_IPV4") && !valid_ipv4(attributes.at("AWS_INSTANCE_IPV4")))
        return invalid_input("AWS_INSTANCE_IPV4 is not a valid IPv4 address: " +
                             attributes.at("AWS_INSTANCE_IPV4"));
    if (has("AWS_INSTANCE_PORT") && !valid_port(attributes.at("AWS_INSTANCE_PORT")))
        return invalid_input("AWS_INSTANCE_PORT must be an integer between 1 and 65535.");
    if (!service.dns_config) return Ok{};
    for (const auto& record : service.dns_config->records) {
        switch (record.type) {
            case RecordType::A:
                if (!has("AWS_INSTANCE_IPV4") && !has("AWS_ALIAS_DNS_NAME"))
                    return invalid_input("AWS_INSTANCE_IPV4 is required for a service with an A record.");
                break;
            case RecordType::Aaaa:
                if (!has("AWS_INSTANCE_IPV6") && !has("AWS_ALIAS_DNS_NAME"))
                    return invalid_input("AWS_INSTANCE_IPV6 is required for a service with an AAAA record.");
                break;
            case RecordType::Srv:
                if (!has("AWS_INSTANCE_PORT"))
                    return invalid_input("AWS_INSTANCE_PORT is required for a service with an SRV record.");
                if (!has("AWS_INSTANCE_IPV4") && !has("AWS_INSTANCE_IPV6"))
                    return invalid_input("An SRV record needs AWS_INSTANCE_IPV4 or AWS_INSTANCE_IPV6.");
                break;
            case RecordType::Cname:
                if (!has("AWS_INSTANCE_CNAME"))
                    return invalid_input("AWS_INSTANCE_CNAME is required for a service with a CNAME record.");
                break;
        }
    }
    return Ok{};
}

Service* find_mutable(CloudMapState& state, const std::string& id_or_arn) {
    const auto it = state.services.find(id_from_reference(id_or_arn));
    return it == state.services.end() ? nullptr : &it->second;
}

bool attributes_match(const Instance& instance, const std::map<std::string, std::string>& wanted) {
    for (const auto& [key, value] : wanted) {
        const auto it = instance.attributes.find(key);
        if (it == instance.attributes.end() || it->second != value) return false;
    }
    return true;
}

Result<InstancePage> page_of(const Service& service, std::vector<const Instance*> instances,
                             const std::optional<std::string>& next_token, std::optional<int> max_results) {
    std::vector<std::string> keys;
    keys.reserve(instances.size());
    for (const Instance* instance : instances) keys.push_back(instance->id);
    auto window = page_window(keys, next_token, max_results, 100);
    if (!window) return window.error();
    InstancePage page;
    page.service = &service;
    page.instances.assign(instances.begin() + static_cast<std::ptrdiff_t>(window->begin),
                          instances.begin() + static_cast<std::ptrdiff_t>(window->end));
    page.next_token = window->next_token;
    return page;
}

Result<const Service*> discovered_service(const CloudMapState& state, const std::string& namespace_name,
                                          const std::string& service_name, const Namespace** ns_out) {
    const Namespace* ns = find_namespace_by_name(state, namespace_name);
    if (ns == nullptr) return namespace_not_found(namespace_name);
    const Service* service = find_service_by_name(state, ns->id, service_name);
    if (service == nullptr) return service_not_found(service_name);
    *ns_out = ns;
    return service;
}

}  // namespace

Result<std::string> register_instance(CloudMapCall& call, const std::string& service_id_or_arn,
                                      const std::string& instance_id,
                                      const std::map<std::string, std::string>& attributes,
                                      const std::string& creator_request_id) {
    Service* service = find_mutable(call.state(), service_id_or_arn);
    if (service == nullptr) return service_not_found(id_from_reference(service_id_or_arn));
    if (!valid_instance_id(instance_id)) return invalid_input("InstanceId is not valid: " + instance_id);
    if (auto checked = check_attributes(*service, attributes); !checked) return checked.error();
    if (const Operation* earlier =
            find_operation_by_request(call.state(), OperationType::RegisterInstance, creator_request_id)) {
        const auto it = service->instances.find(instance_id);
        if (it != service->instances.end() && it->second.creator_request_id == creator_request_id &&
            it->second.attributes == attributes)
            return earlier->id;
    }
    Instance& instance = service->instances[instance_id];
    if (instance.id.empty()) {
        instance.id = instance_id;
        instance.registered = call.now;
    }
    instance.attributes = attributes;
    instance.creator_request_id = creator_request_id;
    service->instances_revision = ++call.state().last_revision;
    return record_operation(call, OperationType::RegisterInstance,
                            {{"SERVICE", service->id}, {"INSTANCE", instance_id}}, creator_request_id);
}

Result<std::string> deregister_instance(CloudMapCall& call, const std::string& service_id_or_arn,
                                        const std::string& instance_id) {
    Service* service = find_mutable(call.state(), service_id_or_arn);
    if (service == nullptr) return service_not_found(id_from_reference(service_id_or_arn));
    if (service->instances.erase(instance_id) == 0) return instance_not_found(instance_id);
    service->instances_revision = ++call.state().last_revision;
    return record_operation(call, OperationType::DeregisterInstance,
                            {{"SERVICE", service->id}, {"INSTANCE", instance_id}});
}

Result<InstanceRef> get_instance(const CloudMapState& state, const std::string& service_id_or_arn,
                                 const std::string& instance_id) {
    auto service = get_service(state, service_id_or_arn);
    if (!service) return service.error();
    const auto it = service.value()->instances.find(instance_id);
    if (it == service.value()->instances.end()) return instance_not_found(instance_id);
    return InstanceRef{service.value(), &it->second};
}

HealthStatus health_of(const Instance& instance) {
    return instance.custom_health.value_or(HealthStatus::Healthy);
}

Result<InstancePage> list_instances(const CloudMapState& state, const std::string& service_id_or_arn,
                                    const std::optional<std::string>& next_token,
                                    std::optional<int> max_results) {
    auto service = get_service(state, service_id_or_arn);
    if (!service) return service.error();
    std::vector<const Instance*> instances;
    for (const auto& [id, instance] : service.value()->instances) instances.push_back(&instance);
    return page_of(*service.value(), std::move(instances), next_token, max_results);
}

Result<InstancePage> instances_for_health(const CloudMapState& state, const std::string& service_id_or_arn,
                                          const std::vector<std::string>& instance_ids,
                                          const std::optional<std::string>& next_token,
                                          std::optional<int> max_results) {
    auto service = get_service(state, service_id_or_arn);
    if (!service) return service.error();
    const auto& registered = service.value()->instances;
    std::vector<const Instance*> instances;
    if (instance_ids.empty()) {
        for (const auto& [id, instance] : registered) instances.push_back(&instance);
    } else {
        std::map<std::string, const Instance*> named;  // sorted and without repeats, for paging
        for (const auto& id : instance_ids) {
            const auto it = registered.find(id);
            if (it == registered.end()) return instance_not_found(id);
            named.emplace(id, &it->second);
        }
        for (const auto& [id, instance] : named) instances.push_back(instance);
    }
    return page_of(*service.value(), std::move(instances), next_token, max_results);
}

Status update_instance_custom_health(CloudMapCall& call, const std::string& service_id_or_arn,
                                     const std::string& instance_id, HealthStatus status) {
    Service* service = find_mutable(call.state(), service_id_or_arn);
    if (service == nullptr) return service_not_found(id_from_reference(service_id_or_arn));
    const auto it = service->instances.find(instance_id);
    if (it == service->instances.end()) return instance_not_found(instance_id);
    if (!service->custom_health_check) return custom_health_not_found(service->id);
    if (health_of(it->second) != status) service->instances_revision = ++call.state().last_revision;
    it->second.custom_health = status;
    return Ok{};
}

Result<Discovery> discover_instances(const CloudMapState& state, const DiscoverRequest& request) {
    if (request.max_results && (*request.max_results < 1 || *request.max_results > 1000))
        return invalid_input("MaxResults must be between 1 and 1000.");
    const std::string filter = request.health_status.empty() ? "HEALTHY" : request.health_status;
    if (filter != "HEALTHY" && filter != "UNHEALTHY" && filter != "ALL" && filter != "HEALTHY_OR_ELSE_ALL")
        return invalid_input("HealthStatus must be one of HEALTHY, UNHEALTHY, ALL, HEALTHY_OR_ELSE_ALL.");
    Discovery discovery;
    auto service = discovered_service(state, request.namespace_name, request.service_name, &discovery.ns);
    if (!service) return service.error();
    discovery.service = service.value();
    discovery.revision = service.value()->instances_revision;

    std::vector<DiscoveredInstance> matching;
    for (const auto& [id, instance] : service.value()->instances) {
        if (attributes_match(instance, request.query_parameters))
            matching.push_back(DiscoveredInstance{&instance, health_of(instance)});
    }
    if (!request.optional_parameters.empty()) {
        std::vector<DiscoveredInstance> preferred;
        for (const auto& found : matching) {
            if (attributes_match(*found.instance, request.optional_parameters)) preferred.push_back(found);
        }
        if (!preferred.empty()) matching = std::move(preferred);
    }
    // Without a health check of any kind the filter does not apply (every instance is HEALTHY anyway).
    const bool checked = service.value()->custom_health_check || service.value()->health_check.has_value();
    const auto wanted = [&](const DiscoveredInstance& found) {
        if (!checked || filter == "ALL") return true;
        const bool healthy = found.health == HealthStatus::Healthy;
        return filter == "UNHEALTHY" ? !healthy : healthy;  // HEALTHY_OR_ELSE_ALL falls back below
    };
    std::vector<DiscoveredInstance> selected;
    for (const auto& found : matching) {
        if (wanted(found)) selected.push_back(found);
    }
    if (checked && filter == "HEALTHY_OR_ELSE_ALL" && selected.empty()) selected = matching;
    const auto limit = static_cast<std::size_t>(request.max_results.value_or(100));
    if (selected.size() > limit) selected.resize(limit);
    discovery.instances = std::move(selected);
    return discovery;
}

Result<std::int64_t> discover_instances_revision(const CloudMapState& state,
                                                 const std::string& namespace_name,
                                                 const std::string& service_name) {
    const Namespace* ns = nullptr;
    auto service = discovered_service(state, namespace_name, service_name, &ns);
    if (!service) return service.error();
    return service.value()->instances_revision;
}

}  // namespace ecsemu::core::cloudmap
