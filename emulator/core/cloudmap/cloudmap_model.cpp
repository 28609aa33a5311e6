#include "emulator/core/cloudmap/cloudmap_model.hpp"

#include <array>
#include <utility>

namespace ecsemu::core::cloudmap {

namespace {

template <class E, std::size_t N>
std::optional<E> parse_from(const std::array<std::pair<E, const char*>, N>& table, const std::string& text) {
    for (const auto& [value, name] : table) {
        if (text == name) return value;
    }
    return std::nullopt;
}

template <class E, std::size_t N>
const char* name_in(const std::array<std::pair<E, const char*>, N>& table, E value) {
    for (const auto& [candidate, name] : table) {
        if (candidate == value) return name;
    }
    return "";
}

constexpr std::array kNamespaceTypes = {
    std::pair{NamespaceType::Http, "HTTP"},
    std::pair{NamespaceType::DnsPrivate, "DNS_PRIVATE"},
    std::pair{NamespaceType::DnsPublic, "DNS_PUBLIC"},
};
constexpr std::array kRecordTypes = {
    std::pair{RecordType::Srv, "SRV"},
    std::pair{RecordType::A, "A"},
    std::pair{RecordType::Aaaa, "AAAA"},
    std::pair{RecordType::Cname, "CNAME"},
};
constexpr std::array kRoutingPolicies = {
    std::pair{RoutingPolicy::Multivalue, "MULTIVALUE"},
    std::pair{RoutingPolicy::Weighted, "WEIGHTED"},
};
constexpr std::array kHealthCheckTypes = {
    std::pair{HealthCheckType::Http, "HTTP"},
    std::pair{HealthCheckType::Https, "HTTPS"},
    std::pair{HealthCheckType::Tcp, "TCP"},
};
constexpr std::array kServiceTypes = {
    std::pair{ServiceType::Http, "HTTP"},
    std::pair{ServiceType::DnsHttp, "DNS_HTTP"},
    std::pair{ServiceType::Dns, "DNS"},
};
constexpr std::array kHealthStatuses = {
    std::pair{HealthStatus::Healthy, "HEALTHY"},
    std::pair{HealthStatus::Unhealthy, "UNHEALTHY"},
};
constexpr std::array kOperationTypes = {
    std::pair{OperationType::CreateNamespace, "CREATE_NAMESPACE"},
    std::pair{OperationType::DeleteNamespace, "DELETE_NAMESPACE"},
    std::pair{OperationType::UpdateNamespace, "UPDATE_NAMESPACE"},
    std::pair{OperationType::UpdateService, "UPDATE_SERVICE"},
    std::pair{OperationType::RegisterInstance, "REGISTER_INSTANCE"},
    std::pair{OperationType::DeregisterInstance, "DEREGISTER_INSTANCE"},
};
constexpr std::array kOperationStatuses = {
    std::pair{OperationStatus::Submitted, "SUBMITTED"},
    std::pair{OperationStatus::Pending, "PENDING"},
    std::pair{OperationStatus::Success, "SUCCESS"},
    std::pair{OperationStatus::Fail, "FAIL"},
};

}  // namespace

const char* to_string(NamespaceType type) {
    return name_in(kNamespaceTypes, type);
}
const char* to_string(RecordType type) {
    return name_in(kRecordTypes, type);
}
const char* to_string(RoutingPolicy policy) {
    return name_in(kRoutingPolicies, policy);
}
const char* to_string(HealthCheckType type) {
    return name_in(kHealthCheckTypes, type);
}
const char* to_string(ServiceType type) {
    return name_in(kServiceTypes, type);
}
const char* to_string(HealthStatus status) {
    return name_in(kHealthStatuses, status);
}
const char* to_string(OperationType type) {
    return name_in(kOperationTypes, type);
}
const char* to_string(OperationStatus status) {
    return name_in(kOperationStatuses, status);
}

std::optional<NamespaceType> parse_namespace_type(const std::string& text) {
    return parse_from(kNamespaceTypes, text);
}
std::optional<RecordType> parse_record_type(const std::string& text) {
    return parse_from(kRecordTypes, text);
}
std::optional<RoutingPolicy> parse_routing_policy(const std::string& text) {
    return parse_from(kRoutingPolicies, text);
}
std::optional<HealthCheckType> parse_health_check_type(const std::string& text) {
    return parse_from(kHealthCheckTypes, text);
}
std::optional<HealthStatus> parse_health_status(const std::string& text) {
    return parse_from(kHealthStatuses, text);
}
std::optional<OperationType> parse_operation_type(const std::string& text) {
    return parse_from(kOperationTypes, text);
}
std::optional<OperationStatus> parse_operation_status(const std::string& text) {
    return parse_from(kOperationStatuses, text);
}

}  // namespace ecsemu::core::cloudmap
