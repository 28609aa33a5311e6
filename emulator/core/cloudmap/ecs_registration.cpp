#include "emulator/core/cloudmap/ecs_registration.hpp"

#include "emulator/core/cloudmap/cloudmap_errors.hpp"
#include "emulator/core/cloudmap/cloudmap_names.hpp"
#include "emulator/core/cloudmap/instances.hpp"
#include "emulator/core/cloudmap/namespaces.hpp"
#include "emulator/core/cloudmap/services.hpp"

namespace ecsemu::core::cloudmap {

namespace {

// ECS's own requests carry no CreatorRequestId; deriving one from what is created keeps a replay identical.
std::string ecs_request_id(std::string_view kind, const std::string& name) {
    return "ecs-" + std::string(kind) + "-" + name;
}

}  // namespace

const Namespace* find_namespace(const CloudMapState& state, std::string_view name_or_arn) {
    if (name_or_arn.substr(0, 4) == "arn:" || name_or_arn.substr(0, 3) == "ns-") {
        if (const Namespace* ns = state.find_namespace(id_from_reference(name_or_arn))) return ns;
        if (name_or_arn.substr(0, 4) == "arn:") return nullptr;
    }
    return find_namespace_by_name(state, std::string(name_or_arn));
}

Result<const Namespace*> ensure_http_namespace(CloudMapCall& call, const std::string& name) {
    if (const Namespace* existing = find_namespace_by_name(call.state(), name)) return existing;
    NamespaceRequest request;
    request.name = name;
    request.type = NamespaceType::Http;
    request.creator_request_id = ecs_request_id("namespace", name).substr(0, 64);
    auto created = create_namespace(call, request);
    if (!created) return created.error();
    return find_namespace_by_name(call.state(), name);
}

Result<const Service*> ensure_ecs_service(CloudMapCall& call, const std::string& namespace_id,
                                          const std::string& name) {
    const Namespace* ns = call.state().find_namespace(id_from_reference(namespace_id));
    if (ns == nullptr) return namespace_not_found(namespace_id);
    if (const Service* existing = find_service_by_name(call.state(), ns->id, name)) return existing;
    ServiceRequest request;
    request.name = name;
    request.namespace_id = ns->id;
    request.creator_request_id = ecs_request_id("service", name).substr(0, 64);
    if (ns->type != NamespaceType::Http) {
        DnsConfig dns;
        dns.records.push_back(DnsRecord{RecordType::A, 15});
        request.dns_config = dns;
    }
    request.tags.push_back(Tag{"AmazonECSManaged", "true"});
    return create_service(call, request);
}

Result<std::string> register_task_instance(CloudMapCall& call, const std::string& service_id,
                                           const std::string& task_id,
                                           const std::map<std::string, std::string>& attributes) {
    return register_instance(call, service_id, task_id, attributes, {});
}

Result<std::string> deregister_task_instance(CloudMapCall& call, const std::string& service_id,
                                             const std::string& task_id) {
    const Service* service = call.state().find_service(id_from_reference(service_id));
    if (service == nullptr) return service_not_found(service_id);
    if (service->instances.count(task_id) == 0) return std::string();
    return deregister_instance(call, service_id, task_id);
}

std::vector<const Service*> namespace_services(const CloudMapState& state, const std::string& namespace_id) {
    std::vector<const Service*> services;
    for (const auto& [id, service] : state.services) {
        if (service.namespace_id == namespace_id) services.push_back(&service);
    }
    return services;
}

}  // namespace ecsemu::core::cloudmap
