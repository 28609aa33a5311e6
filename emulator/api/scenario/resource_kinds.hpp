#pragma once
// What applying one scenario resource means, per resource type: look the resource up first (by name, tags or
// its parent and key), reuse it when it is already as the request asks, bring it in line when the API can
// (a new task definition revision, UpdateService, ModifyTargetGroup, ...), and create it only when it is not
// there. Each kind reports the resource's primary identifier and the record references read fields from.
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "emulator/api/scenario/aws_client.hpp"
#include "emulator/api/scenario/scenario.hpp"
#include "emulator/core/errors.hpp"

namespace ecsemu::api::scenario {

enum class Outcome { Created, Unchanged, Updated };

const char* outcome_name(Outcome outcome);

struct KindResult {
    Outcome outcome = Outcome::Unchanged;
    std::string id;         // what "${label}" stands for
    nlohmann::json record;  // what "${label.Field}" reads: the created or described object
    std::string detail;     // shown after the outcome: "revision 2", "rolling deployment"
};

struct KindContext {
    AwsClient& client;
    const Scenario& scenario;
    const ScenarioResource& resource;
};

// request: the resource's request with every reference resolved.
using ApplyResource = core::Result<KindResult> (*)(KindContext& context, const nlohmann::json& request);

struct ResourceKind {
    std::string_view type;  // "ec2:CreateVpc"
    ApplyResource apply;
};

const ResourceKind* find_resource_kind(std::string_view type);
const std::vector<ResourceKind>& resource_kinds();

// Per-service tables (kinds_<service>.cpp).
void add_ec2_kinds(std::vector<ResourceKind>& kinds);
void add_elbv2_kinds(std::vector<ResourceKind>& kinds);
void add_ecs_kinds(std::vector<ResourceKind>& kinds);
void add_cloudmap_kinds(std::vector<ResourceKind>& kinds);
void add_autoscaling_kinds(std::vector<ResourceKind>& kinds);

// Shared by the kinds: a call whose error names the call ("ec2:CreateVpc: InvalidParameterValue: ...").
core::Result<nlohmann::json> call_api(KindContext& context, std::string_view service,
                                      std::string_view operation, const nlohmann::json& request);
bool is_error_code(const core::AwsError& error, std::string_view code);

}  // namespace ecsemu::api::scenario
