#pragma once
// CreateService, GetService, ListServices, UpdateService, DeleteService.
// The service type follows from the namespace and the request: an HTTP namespace, or Type=HTTP, gives HTTP
// (no DNS records); a DNS namespace with DnsConfig gives DNS_HTTP; a DNS namespace without either gives HTTP
// too. Names are unique within a namespace, compared without case.
#include <optional>
#include <string>
#include <vector>

#include "emulator/core/cloudmap/cloudmap_call.hpp"
#include "emulator/core/cloudmap/listing.hpp"

namespace ecsemu::core::cloudmap {

struct ServiceRequest {
    std::string name;
    std::string namespace_id;  // NamespaceId, or the deprecated DnsConfig.NamespaceId (id or ARN)
    std::string creator_request_id;
    std::string description;
    std::optional<DnsConfig> dns_config;
    std::optional<HealthCheckConfig> health_check;
    bool custom_health_check = false;
    bool http_only = false;  // Type=HTTP
    std::vector<Tag> tags;
};

// A repeated request (same namespace, name and CreatorRequestId) answers the service it created.
Result<const Service*> create_service(CloudMapCall& call, const ServiceRequest& request);

// By id or ARN.
Result<const Service*> get_service(const CloudMapState& state, const std::string& id_or_arn);

// The service named `name` (without case) in the namespace, or nullptr.
const Service* find_service_by_name(const CloudMapState& state, const std::string& namespace_id,
                                    const std::string& name);

struct ServicePage {
    std::vector<const Service*> services;
    std::string next_token;
};

// Filters: NAMESPACE_ID (EQ, IN), RESOURCE_OWNER (EQ: SELF | OTHER_ACCOUNTS).
Result<ServicePage> list_services(const CloudMapState& state, const std::vector<Filter>& filters,
                                  const std::optional<std::string>& next_token,
                                  std::optional<int> max_results);

struct ServiceChange {
    std::optional<std::string> description;
    std::optional<std::vector<DnsRecord>> dns_records;  // TTL changes; the record types must stay the same
    std::optional<HealthCheckConfig> health_check;
};

// The operation id (UPDATE_SERVICE).
Result<std::string> update_service(CloudMapCall& call, const std::string& id_or_arn,
                                   const ServiceChange& change);

// ResourceInUse while instances remain.
Status delete_service(CloudMapCall& call, const std::string& id_or_arn);

}  // namespace ecsemu::core::cloudmap
