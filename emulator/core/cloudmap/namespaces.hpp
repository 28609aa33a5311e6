#pragma once
// CreateHttpNamespace, CreatePrivateDnsNamespace, CreatePublicDnsNamespace, GetNamespace, ListNamespaces,
// UpdateHttpNamespace/UpdatePrivateDnsNamespace/UpdatePublicDnsNamespace, DeleteNamespace.
// Namespace names are unique in a region, compared without case, except that private DNS namespaces of
// different VPCs may share a name. Create and delete return an operation id (operations.hpp).
#include <optional>
#include <string>
#include <vector>

#include "emulator/core/cloudmap/cloudmap_call.hpp"
#include "emulator/core/cloudmap/listing.hpp"

namespace ecsemu::core::cloudmap {

struct NamespaceRequest {
    std::string name;
    NamespaceType type = NamespaceType::Http;
    std::string creator_request_id;
    std::string description;
    std::string vpc;                              // DNS_PRIVATE: required
    std::optional<std::int64_t> soa_ttl_seconds;  // DNS namespaces; AWS's default is 15
    std::vector<Tag> tags;
};

// The operation id. A repeated request (same name, type and CreatorRequestId) answers the first one's
// operation id and changes nothing.
Result<std::string> create_namespace(CloudMapCall& call, const NamespaceRequest& request);

// By id or ARN.
Result<const Namespace*> get_namespace(const CloudMapState& state, const std::string& id_or_arn);

// The namespace whose name is `name` (without case), or nullptr. With several (private DNS namespaces in
// different VPCs), the one with the lowest id.
const Namespace* find_namespace_by_name(const CloudMapState& state, const std::string& name);

struct NamespacePage {
    std::vector<const Namespace*> namespaces;
    std::string next_token;
};

// Filters: TYPE (EQ, IN), NAME and HTTP_NAME (EQ, BEGINS_WITH), RESOURCE_OWNER (EQ: SELF | OTHER_ACCOUNTS).
Result<NamespacePage> list_namespaces(const CloudMapState& state, const std::vector<Filter>& filters,
                                      const std::optional<std::string>& next_token,
                                      std::optional<int> max_results);

struct NamespaceChange {
    std::optional<std::string> description;
    std::optional<std::int64_t> soa_ttl_seconds;  // DNS namespaces only
};

// The operation id (UPDATE_NAMESPACE). `expected` is the namespace type the Update*Namespace call is for.
Result<std::string> update_namespace(CloudMapCall& call, const std::string& id_or_arn, NamespaceType expected,
                                     const NamespaceChange& change);

// The operation id. ResourceInUse while services remain.
Result<std::string> delete_namespace(CloudMapCall& call, const std::string& id_or_arn);

}  // namespace ecsemu::core::cloudmap
