#include "emulator/api/cloudmap/cloudmap_decode.hpp"

#include "emulator/core/cloudmap/cloudmap_errors.hpp"

namespace ecsemu::api::cloudmap {

using nlohmann::json;
namespace model = core::cloudmap;

std::optional<int> optional_int(const json& object, const char* key) {
    const json* value = member(object, key);
    if (value == nullptr || !value->is_number()) return std::nullopt;
    return value->get<int>();
}

std::optional<std::int64_t> optional_long(const json& object, const char* key) {
    const json* value = member(object, key);
    if (value == nullptr || !value->is_number()) return std::nullopt;
    return value->get<std::int64_t>();
}

std::vector<model::Tag> decode_tags(const json& object, const char* key) {
    std::vector<model::Tag> tags;
    const json* value = member(object, key);
    if (value == nullptr || !value->is_array()) return tags;
    for (const auto& tag : *value)
        tags.push_back(model::Tag{string_member(tag, "Key"), string_member(tag, "Value")});
    return tags;
}

std::vector<model::Filter> decode_filters(const json& object, const char* key) {
    std::vector<model::Filter> filters;
    const json* value = member(object, key);
    if (value == nullptr || !value->is_array()) return filters;
    for (const auto& filter : *value) {
        filters.push_back(model::Filter{string_member(filter, "Name"), string_list(filter, "Values"),
                                        string_member(filter, "Condition")});
    }
    return filters;
}

core::Result<std::vector<model::DnsRecord>> decode_dns_records(const json& dns_records) {
    std::vector<model::DnsRecord> records;
    if (!dns_records.is_array()) return records;
    for (const auto& record : dns_records) {
        const std::string type = string_member(record, "Type");
        const auto parsed = model::parse_record_type(type);
        if (!parsed)
            return model::invalid_input("DNS record type must be one of SRV, A, AAAA, CNAME: " + type);
        records.push_back(model::DnsRecord{*parsed, optional_long(record, "TTL").value_or(0)});
    }
    return records;
}

core::Result<model::DnsConfig> decode_dns_config(const json& dns_config) {
    model::DnsConfig config;
    if (const auto policy = optional_string(dns_config, "RoutingPolicy")) {
        const auto parsed = model::parse_routing_policy(*policy);
        if (!parsed) return model::invalid_input("RoutingPolicy must be MULTIVALUE or WEIGHTED: " + *policy);
        config.routing_policy = *parsed;
    }
    const json* records = member(dns_config, "DnsRecords");
    auto decoded = decode_dns_records(records == nullptr ? json::array() : *records);
    if (!decoded) return decoded.error();
    config.records = std::move(decoded.value());
    return config;
}

core::Result<model::HealthCheckConfig> decode_health_check(const json& health_check) {
    model::HealthCheckConfig config;
    const std::string type = string_member(health_check, "Type");
    const auto parsed = model::parse_health_check_type(type);
    if (!parsed)
        return model::invalid_input("HealthCheckConfig.Type must be one of HTTP, HTTPS, TCP: " + type);
    config.type = *parsed;
    config.resource_path = string_member(health_check, "ResourcePath");
    config.failure_threshold = optional_int(health_check, "FailureThreshold").value_or(1);
    return config;
}

std::optional<std::int64_t> decode_soa_ttl(const json& object, const char* properties_key) {
    const json* properties = member(object, properties_key);
    if (properties == nullptr) return std::nullopt;
    const json* dns = member(*properties, "DnsProperties");
    if (dns == nullptr) return std::nullopt;
    const json* soa = member(*dns, "SOA");
    if (soa == nullptr) return std::nullopt;
    return optional_long(*soa, "TTL");
}

}  // namespace ecsemu::api::cloudmap
