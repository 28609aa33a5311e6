// ECS resources. Clusters are found by name. A task definition is compared with its family's latest ACTIVE
// revision and registered again only when the request asks for something that revision does not have. A
// service is compared with what DescribeServices shows and updated in place (UpdateService starts a rolling
// deployment when the task definition or the network changes); its desired count is left to Application Auto
// Scaling when the scenario registers a scalable target for it.
#include <array>

#include "emulator/api/scenario/json_match.hpp"
#include "emulator/api/scenario/resource_kinds.hpp"

namespace ecsemu::api::scenario {
namespace {

using nlohmann::json;

std::string name_from_arn(const std::string& value, std::string_view marker) {
    const auto at = value.rfind(marker);
    return at == std::string::npos ? value : value.substr(at + marker.size());
}

core::Result<KindResult> create_cluster(KindContext& context, const json& request) {
    std::string name = text_of(request, "clusterName");
    if (name.empty()) name = "default";
    auto described = call_api(context, "ecs", "DescribeClusters", json{{"clusters", json::array({name})}});
    if (!described) return described.error();
    for (const auto& cluster : list_of(described.value(), "clusters")) {
        if (text_of(cluster, "status") == "ACTIVE")
            return KindResult{Outcome::Unchanged, text_of(cluster, "clusterArn"), cluster, {}};
    }
    auto created = call_api(context, "ecs", "CreateCluster", request);
    if (!created) return created.error();
    const json cluster = value_at(created.value(), "cluster");
    return KindResult{Outcome::Created, text_of(cluster, "clusterArn"), cluster, {}};
}

// The family's latest ACTIVE revision, or null when it has none.
core::Result<json> latest_revision(KindContext& context, const std::string& task_definition) {
    auto described =
        call_api(context, "ecs", "DescribeTaskDefinition", json{{"taskDefinition", task_definition}});
    if (described) return value_at(described.value(), "taskDefinition");
    // ECS answers ClientException for a family with no ACTIVE revision.
    if (is_error_code(described.error(), "ClientException")) return json();
    return described.error();
}

core::Result<KindResult> register_task_definition(KindContext& context, const json& request) {
    auto latest = latest_revision(context, text_of(request, "family"));
    if (!latest) return latest.error();
    json wanted = request;
    wanted.erase("tags");  // not part of DescribeTaskDefinition's answer unless asked for
    if (!latest.value().is_null() && satisfies(latest.value(), wanted))
        return KindResult{
            Outcome::Unchanged, text_of(latest.value(), "taskDefinitionArn"), latest.value(), {}};
    auto registered = call_api(context, "ecs", "RegisterTaskDefinition", request);
    if (!registered) return registered.error();
    const json definition = value_at(registered.value(), "taskDefinition");
    KindResult out{latest.value().is_null() ? Outcome::Created : Outcome::Updated,
                   text_of(definition, "taskDefinitionArn"),
                   definition,
                   {}};
    out.detail = "revision " + text_of(definition, "revision");
    return out;
}

// True when the scenario lets Application Auto Scaling own this service's desired count.
bool scaled_by_scenario(const Scenario& scenario, const std::string& cluster, const std::string& service) {
    const std::string resource_id = "service/" + cluster + "/" + service;
    for (const auto& resource : scenario.resources) {
        if (resource.type == "application-autoscaling:RegisterScalableTarget" &&
            text_of(resource.request, "ResourceId") == resource_id)
            return true;
    }
    return false;
}

json primary_deployment(const json& service) {
    for (const auto& deployment : list_of(service, "deployments")) {
        if (text_of(deployment, "status") == "PRIMARY") return deployment;
    }
    return json::object();
}

constexpr std::array kServiceFields = {"deploymentConfiguration", "networkConfiguration", "loadBalancers",
                                       "healthCheckGracePeriodSeconds"};

// The UpdateService members that would bring `service` to what `request` asks, without cluster/service.
core::Result<json> service_changes(KindContext& context, const json& service, const json& request,
                                   const std::string& cluster) {
    json changes = json::object();
    if (const std::string wanted = text_of(request, "taskDefinition"); !wanted.empty()) {
        auto definition = latest_revision(context, wanted);
        if (!definition) return definition.error();
        const std::string arn =
            definition.value().is_null() ? wanted : text_of(definition.value(), "taskDefinitionArn");
        if (arn != text_of(service, "taskDefinition")) changes["taskDefinition"] = arn;
    }
    const json* desired = member(request, "desiredCount");
    if (desired != nullptr &&
        !scaled_by_scenario(context.scenario, cluster, text_of(request, "serviceName")) &&
        !loosely_equal(value_at(service, "desiredCount"), *desired))
        changes["desiredCount"] = *desired;
    for (const char* field : kServiceFields) {
        const json* wanted = member(request, field);
        if (wanted != nullptr && !satisfies(value_at(service, field), *wanted)) changes[field] = *wanted;
    }
    if (const json* wanted = member(request, "serviceConnectConfiguration");
        wanted != nullptr &&
        !satisfies(value_at(primary_deployment(service), "serviceConnectConfiguration"), *wanted)) {
        changes["serviceConnectConfiguration"] = *wanted;
    }
    return changes;
}

std::string describe_changes(const json& changes) {
    std::string text;
    for (const auto& [key, value] : changes.items()) {
        if (!text.empty()) text += ", ";
        text +=
            key == "taskDefinition" ? "taskDefinition " + name_from_arn(value.get<std::string>(), "/") : key;
    }
    return text;
}

core::Result<KindResult> create_service(KindContext& context, const json& request) {
    const std::string cluster_ref =
        text_of(request, "cluster").empty() ? "default" : text_of(request, "cluster");
    const std::string cluster = name_from_arn(cluster_ref, "cluster/");
    const std::string name = text_of(request, "serviceName");
    auto described = call_api(context, "ecs", "DescribeServices",
                              json{{"cluster", cluster_ref}, {"services", json::array({name})}});
    if (!described) return described.error();
    json service;
    for (const auto& candidate : list_of(described.value(), "services")) {
        if (text_of(candidate, "status") == "ACTIVE") service = candidate;
    }
    if (service.is_null()) {
        auto created = call_api(context, "ecs", "CreateService", request);
        if (!created) return created.error();
        const json record = value_at(created.value(), "service");
        return KindResult{Outcome::Created, text_of(record, "serviceArn"), record, {}};
    }
    auto changes = service_changes(context, service, request, cluster);
    if (!changes) return changes.error();
    if (changes.value().empty())
        return KindResult{Outcome::Unchanged, text_of(service, "serviceArn"), service, {}};
    json update = changes.value();
    update["cluster"] = cluster_ref;
    update["service"] = name;
    auto updated = call_api(context, "ecs", "UpdateService", update);
    if (!updated) return updated.error();
    const json record = value_at(updated.value(), "service");
    return KindResult{Outcome::Updated, text_of(record, "serviceArn"), record,
                      describe_changes(changes.value())};
}

}  // namespace

void add_ecs_kinds(std::vector<ResourceKind>& kinds) {
    kinds.push_back({"ecs:CreateCluster", create_cluster});
    kinds.push_back({"ecs:RegisterTaskDefinition", register_task_definition});
    kinds.push_back({"ecs:CreateService", create_service});
}

}  // namespace ecsemu::api::scenario
