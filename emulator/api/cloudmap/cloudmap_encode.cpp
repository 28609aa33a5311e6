#include "emulator/api/cloudmap/cloudmap_encode.hpp"

#include "emulator/core/cloudmap/operations.hpp"

namespace ecsemu::api::cloudmap {

using nlohmann::json;
namespace model = core::cloudmap;

namespace {

json namespace_properties(const model::Namespace& ns) {
    json dns = json::object();
    if (ns.type != model::NamespaceType::Http) {
        dns["HostedZoneId"] = ns.hosted_zone_id;
        dns["SOA"] = {{"TTL", ns.soa_ttl_seconds}};
    }
    return {{"DnsProperties", std::move(dns)}, {"HttpProperties", {{"HttpName", ns.name}}}};
}

json dns_config(const model::DnsConfig& config, const std::string& namespace_id) {
    json records = json::array();
    for (const auto& record : config.records)
        records.push_back({{"Type", model::to_string(record.type)}, {"TTL", record.ttl_seconds}});
    return {{"NamespaceId", namespace_id},
            {"RoutingPolicy", model::to_string(config.routing_policy)},
            {"DnsRecords", std::move(records)}};
}

json health_check(const model::HealthCheckConfig& config) {
    json out = {{"Type", model::to_string(config.type)}, {"FailureThreshold", config.failure_threshold}};
    if (!config.resource_path.empty()) out["ResourcePath"] = config.resource_path;
    return out;
}

void put_description(json& out, const std::string& description) {
    if (!description.empty()) out["Description"] = description;
}

}  // namespace

json encode_namespace_summary(const model::Namespace& ns, int service_count, const std::string& account_id) {
    json out = {{"Id", ns.id},
                {"Arn", ns.arn},
                {"ResourceOwner", account_id},
                {"Name", ns.name},
                {"Type", model::to_string(ns.type)},
                {"ServiceCount", service_count},
                {"Properties", namespace_properties(ns)},
                {"CreateDate", ns.created.epoch_seconds()}};
    put_description(out, ns.description);
    return out;
}

json encode_namespace(const model::Namespace& ns, int service_count, const std::string& account_id) {
    json out = encode_namespace_summary(ns, service_count, account_id);
    if (!ns.creator_request_id.empty()) out["CreatorRequestId"] = ns.creator_request_id;
    return out;
}

json encode_service_summary(const model::Service& service, const std::string& account_id) {
    json out = {{"Id", service.id},
                {"Arn", service.arn},
                {"ResourceOwner", account_id},
                {"Name", service.name},
                {"Type", model::to_string(service.type)},
                {"InstanceCount", static_cast<int>(service.instances.size())},
                {"CreateDate", service.created.epoch_seconds()},
                {"CreatedByAccount", account_id}};
    put_description(out, service.description);
    if (service.dns_config) out["DnsConfig"] = dns_config(*service.dns_config, service.namespace_id);
    if (service.health_check) out["HealthCheckConfig"] = health_check(*service.health_check);
    if (service.custom_health_check) out["HealthCheckCustomConfig"] = {{"FailureThreshold", 1}};
    return out;
}

json encode_service(const model::Service& service, const std::string& account_id) {
    json out = encode_service_summary(service, account_id);
    out["NamespaceId"] = service.namespace_id;
    if (!service.creator_request_id.empty()) out["CreatorRequestId"] = service.creator_request_id;
    return out;
}

json encode_operation(const model::Operation& operation, core::Instant now, const std::string& account_id) {
    json targets = json::object();
    for (const auto& [kind, id] : operation.targets) targets[kind] = id;
    return {{"Id", operation.id},
            {"OwnerAccount", account_id},
            {"Type", model::to_string(operation.type)},
            {"Status", model::to_string(model::operation_status(operation, now))},
            {"CreateDate", operation.created.epoch_seconds()},
            {"UpdateDate", model::operation_updated(operation, now).epoch_seconds()},
            {"Targets", std::move(targets)}};
}

json encode_attributes(const std::map<std::string, std::string>& attributes) {
    json out = json::object();
    for (const auto& [key, value] : attributes) out[key] = value;
    return out;
}

json encode_instance(const model::Instance& instance, const std::string& account_id) {
    json out = {{"Id", instance.id},
                {"Attributes", encode_attributes(instance.attributes)},
                {"CreatedByAccount", account_id}};
    if (!instance.creator_request_id.empty()) out["CreatorRequestId"] = instance.creator_request_id;
    return out;
}

json encode_instance_summary(const model::Instance& instance, const std::string& account_id) {
    return {{"Id", instance.id},
            {"Attributes", encode_attributes(instance.attributes)},
            {"CreatedByAccount", account_id}};
}

json encode_tags(const std::vector<model::Tag>& tags) {
    json out = json::array();
    for (const auto& tag : tags) out.push_back({{"Key", tag.key}, {"Value", tag.value}});
    return out;
}

}  // namespace ecsemu::api::cloudmap
