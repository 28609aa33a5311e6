#pragma once
// ELBv2 names, ARNs and paging: the shapes AWS gives identifiers and the rules it applies to names.
#include <optional>
#include <string>
#include <vector>

#include "emulator/core/errors.hpp"
#include "emulator/core/ids.hpp"

namespace ecsemu::core::elbv2 {

struct ArnScope {
    std::string account_id;
    std::string region;
};

std::string load_balancer_arn(const ArnScope& scope, const std::string& name, const std::string& id);
std::string target_group_arn(const ArnScope& scope, const std::string& name, const std::string& id);
// The listener and rule ARNs extend the load balancer's: ...:listener/app/<name>/<lb id>/<id>.
std::string listener_arn(const std::string& load_balancer_arn, const std::string& id);
std::string rule_arn(const std::string& listener_arn, const std::string& id);

enum class ArnKind { LoadBalancer, TargetGroup, Listener, Rule, Unknown };
ArnKind kind_of_arn(const std::string& arn);

// Load balancer and target group names: 1-32 alphanumerics or hyphens, no hyphen at either end; load
// balancer names may not start with "internal-". `what` is "Load balancer" or "Target group".
Status validate_resource_name(const std::string& name, const std::string& what);

// Route 53 zone of the region's application load balancers (CanonicalHostedZoneId).
std::string canonical_hosted_zone_id(const std::string& region);

// DescribeLoadBalancers/TargetGroups/Listeners/Rules paging. The marker names the first item of the next
// page, so pages stay stable when earlier items go away.
struct Page {
    std::vector<std::string> keys;
    std::string next_marker;  // empty on the last page
};
// PageSize 1..400 when given (ValidationError otherwise); an unknown marker is ValidationError.
Result<Page> page_of(const std::vector<std::string>& keys, const std::optional<std::string>& marker,
                     const std::optional<int>& page_size);

}  // namespace ecsemu::core::elbv2
