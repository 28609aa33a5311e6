#pragma once
// Applies a parsed scenario through an AwsClient, resource by resource in file order: references are
// resolved from the resources before, stub settings added to task definitions, the resolved request checked
// against its input shape again, and the resource kind looks it up, reuses, updates or creates it. Stops at
// the first error, which names the file, the resource and the field or the failed call.
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "emulator/api/scenario/aws_client.hpp"
#include "emulator/api/scenario/resource_kinds.hpp"
#include "emulator/api/scenario/scenario.hpp"

namespace ecsemu::api::scenario {

struct ResourceReport {
    const ScenarioResource* resource = nullptr;
    Outcome outcome = Outcome::Unchanged;
    std::string id;
    std::string detail;
};

struct ApplyReport {
    std::vector<ResourceReport> resources;
    std::optional<std::string> error;  // the first failure; later resources were not applied
    bool ok() const { return !error.has_value(); }
};

// "created    ielts-prod-vpc (ec2:CreateVpc) vpc-1a2b3c4d"
std::string report_line(const ResourceReport& report);

class Applier {
public:
    // Both must outlive the applier.
    Applier(const Scenario& scenario, AwsClient& client) : scenario_(scenario), client_(client) {}

    ApplyReport apply(const std::function<void(const ResourceReport&)>& on_resource = {});

    // What each applied label resolved to (id and record), for tests and the up command.
    const std::map<std::string, KindResult>& applied() const { return applied_; }

private:
    std::optional<std::string> apply_one(const ScenarioResource& resource, ResourceReport& report);

    const Scenario& scenario_;
    AwsClient& client_;
    std::map<std::string, KindResult> applied_;
};

}  // namespace ecsemu::api::scenario
