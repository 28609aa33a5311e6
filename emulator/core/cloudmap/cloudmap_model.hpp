#pragma once
// AWS Cloud Map (servicediscovery) resources as the emulator keeps them: namespaces, the services inside
// them, the instances registered with each service, and the asynchronous operations that record changes.
// Field names follow the botocore model (Namespace, Service, Instance, Operation shapes).
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "emulator/core/time.hpp"

namespace ecsemu::core::cloudmap {

struct Tag {
    std::string key;
    std::string value;
};

enum class NamespaceType { Http, DnsPrivate, DnsPublic };

struct Namespace {
    std::string id;   // ns-<16 lowercase alnum>
    std::string arn;  // arn:aws:servicediscovery:<region>:<account>:namespace/<id>
    std::string name;
    NamespaceType type = NamespaceType::Http;
    std::string description;
    std::string creator_request_id;
    std::string vpc;                    // DNS_PRIVATE only
    std::string hosted_zone_id;         // DNS namespaces only: the Route 53 zone Cloud Map would create
    std::int64_t soa_ttl_seconds = 15;  // DNS namespaces only
    Instant created;
    std::vector<Tag> tags;
};

enum class RecordType { Srv, A, Aaaa, Cname };
enum class RoutingPolicy { Multivalue, Weighted };

struct DnsRecord {
    RecordType type = RecordType::A;
    std::int64_t ttl_seconds = 60;
};

struct DnsConfig {
    RoutingPolicy routing_policy = RoutingPolicy::Multivalue;
    std::vector<DnsRecord> records;
};

enum class HealthCheckType { Http, Https, Tcp };

// Route 53 health checks (public DNS namespaces only). Stored and echoed; ecsemu does not probe.
struct HealthCheckConfig {
    HealthCheckType type = HealthCheckType::Http;
    std::string resource_path;  // HTTP/HTTPS; AWS defaults to "/"
    int failure_threshold = 1;
};

// HTTP: discoverable through DiscoverInstances only; DNS_HTTP: also through DNS; DNS: DNS only.
enum class ServiceType { Http, DnsHttp, Dns };

enum class HealthStatus { Healthy, Unhealthy };

struct Instance {
    std::string id;
    std::string creator_request_id;
    std::map<std::string, std::string> attributes;
    // Set through UpdateInstanceCustomHealthStatus; an instance nobody reported on counts as HEALTHY.
    std::optional<HealthStatus> custom_health;
    Instant registered;
};

struct Service {
    std::string id;   // srv-<16 lowercase alnum>
    std::string arn;  // arn:aws:servicediscovery:<region>:<account>:service/<id>
    std::string name;
    std::string namespace_id;
    std::string description;
    std::string creator_request_id;
    ServiceType type = ServiceType::Http;
    std::optional<DnsConfig> dns_config;
    std::optional<HealthCheckConfig> health_check;
    // HealthCheckCustomConfig: present means instances' health is whatever UpdateInstanceCustomHealthStatus
    // last said. Its FailureThreshold is deprecated and always answered as 1.
    bool custom_health_check = false;
    Instant created;
    std::vector<Tag> tags;
    std::map<std::string, Instance> instances;  // by instance id
    // Bumped on every registration, deregistration and health change (DiscoverInstancesRevision).
    std::int64_t instances_revision = 0;
};

enum class OperationType {
    CreateNamespace,
    DeleteNamespace,
    UpdateNamespace,
    UpdateService,
    RegisterInstance,
    DeregisterInstance,
};

enum class OperationStatus { Submitted, Pending, Success, Fail };

// A change Cloud Map reports as asynchronous. ecsemu applies the change to the store when the call is
// accepted; only the reported status trails it (see operations.hpp for the timing).
struct Operation {
    std::string id;
    std::uint64_t sequence = 0;  // order of creation in the region (ListOperations pages by it)
    OperationType type = OperationType::CreateNamespace;
    Instant created;
    std::map<std::string, std::string> targets;  // NAMESPACE / SERVICE / INSTANCE -> id
    std::string creator_request_id;              // for idempotent retries of the call that made it
};

const char* to_string(NamespaceType type);
const char* to_string(RecordType type);
const char* to_string(RoutingPolicy policy);
const char* to_string(HealthCheckType type);
const char* to_string(ServiceType type);
const char* to_string(HealthStatus status);
const char* to_string(OperationType type);
const char* to_string(OperationStatus status);

std::optional<NamespaceType> parse_namespace_type(const std::string& text);
std::optional<RecordType> parse_record_type(const std::string& text);
std::optional<RoutingPolicy> parse_routing_policy(const std::string& text);
std::optional<HealthCheckType> parse_health_check_type(const std::string& text);
std::optional<HealthStatus> parse_health_status(const std::string& text);
std::optional<OperationType> parse_operation_type(const std::string& text);
std::optional<OperationStatus> parse_operation_status(const std::string& text);

}  // namespace ecsemu::core::cloudmap
