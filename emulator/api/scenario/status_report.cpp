#include "emulator/api/scenario/status_report.hpp"

#include <cstdio>
#include <set>

#include "emulator/api/scenario/json_match.hpp"

namespace ecsemu::api::scenario {
namespace {

using nlohmann::json;

core::Result<json> call(AwsClient& client, std::string_view service, std::string_view operation,
                        const json& request) {
    auto result = client.call(service, operation, request);
    if (result.ok()) return result;
    core::AwsError error = result.error();
    error.message = std::string(service) + ":" + std::string(operation) + " failed: " + error.code +
                    (error.message.empty() ? "" : ": " + error.message);
    return error;
}

// Every ARN a paginated List* call returns.
core::Result<std::vector<std::string>> list_all(AwsClient& client, std::string_view operation, json request,
                                                std::string_view list_name) {
    std::vector<std::string> arns;
    for (int page = 0; page < 1000; ++page) {
        auto listed = call(client, "ecs", operation, request);
        if (!listed) return listed.error();
        for (const auto& arn : list_of(listed.value(), list_name)) arns.push_back(arn.get<std::string>());
        const std::string next = text_of(listed.value(), "nextToken");
        if (next.empty()) break;
        request["nextToken"] = next;
    }
    return arns;
}

std::string last_segment(const std::string& arn) {
    const auto slash = arn.rfind('/');
    return slash == std::string::npos ? arn : arn.substr(slash + 1);
}

std::string short_task_definition(const std::string& arn) {
    return last_segment(arn);
}

json task_row(const json& task) {
    json row = {{"taskId", last_segment(text_of(task, "taskArn"))},
                {"lastStatus", text_of(task, "lastStatus")},
                {"desiredStatus", text_of(task, "desiredStatus")},
                {"healthStatus", text_of(task, "healthStatus")},
                {"availabilityZone", text_of(task, "availabilityZone")},
                {"taskDefinition", short_task_definition(text_of(task, "taskDefinitionArn"))},
                {"privateIp", ""}};
    for (const auto& attachment : list_of(task, "attachments")) {
        for (const auto& detail : list_of(attachment, "details")) {
            if (text_of(detail, "name") == "privateIPv4Address") row["privateIp"] = text_of(detail, "value");
        }
    }
    return row;
}

core::Result<json> service_tasks(AwsClient& client, const std::string& cluster, const std::string& service) {
    auto arns =
        list_all(client, "ListTasks", json{{"cluster", cluster}, {"serviceName", service}}, "taskArns");
    if (!arns) return arns.error();
    json rows = json::array();
    for (std::size_t i = 0; i < arns->size(); i += 100) {
        json batch = json::array();
        for (std::size_t j = i; j < arns->size() && j < i + 100; ++j) batch.push_back(arns.value()[j]);
        auto described = call(client, "ecs", "DescribeTasks", json{{"cluster", cluster}, {"tasks", batch}});
        if (!described) return described.error();
        for (const auto& task : list_of(described.value(), "tasks")) rows.push_back(task_row(task));
    }
    return rows;
}

core::Result<json> service_targets(AwsClient& client, const json& service) {
    json rows = json::array();
    std::set<std::string> seen;
    for (const auto& balancer : list_of(service, "loadBalancers")) {
        const std::string group = text_of(balancer, "targetGroupArn");
        if (group.empty() || !seen.insert(group).second) continue;
        auto health = call(client, "elbv2", "DescribeTargetHealth", json{{"TargetGroupArn", group}});
        if (!health) return health.error();
        const std::string group_name = [&] {
            const auto start = group.find("targetgroup/");
            if (start == std::string::npos) return group;
            const std::string rest = group.substr(start + 12);
            return rest.substr(0, rest.find('/'));
        }();
        for (const auto& description : list_of(health.value(), "TargetHealthDescriptions")) {
            rows.push_back({{"targetGroupArn", group},
                            {"targetGroupName", group_name},
                            {"id", text_of(description, "Target.Id")},
                            {"port", text_of(description, "Target.Port")},
                            {"state", text_of(description, "TargetHealth.State")},
                            {"reason", text_of(description, "TargetHealth.Reason")}});
        }
    }
    return rows;
}

json deployment_row(const json& deployment) {
    return {{"id", text_of(deployment, "id")},
            {"status", text_of(deployment, "status")},
            {"rolloutState", text_of(deployment, "rolloutState")},
            {"desiredCount", value_at(deployment, "desiredCount")},
            {"runningCount", value_at(deployment, "runningCount")},
            {"pendingCount", value_at(deployment, "pendingCount")},
            {"taskDefinition", short_task_definition(text_of(deployment, "taskDefinition"))}};
}

core::Result<json> cluster_services(AwsClient& client, const std::string& cluster) {
    auto arns = list_all(client, "ListServices", json{{"cluster", cluster}}, "serviceArns");
    if (!arns) return arns.error();
    json rows = json::array();
    for (std::size_t i = 0; i < arns->size(); i += 10) {
        json batch = json::array();
        for (std::size_t j = i; j < arns->size() && j < i + 10; ++j) batch.push_back(arns.value()[j]);
        auto described =
            call(client, "ecs", "DescribeServices", json{{"cluster", cluster}, {"services", batch}});
        if (!described) return described.error();
        for (const auto& service : list_of(described.value(), "services")) {
            json row = {{"serviceName", text_of(service, "serviceName")},
                        {"status", text_of(service, "status")},
                        {"desiredCount", value_at(service, "desiredCount")},
                        {"runningCount", value_at(service, "runningCount")},
                        {"pendingCount", value_at(service, "pendingCount")},
                        {"taskDefinition", short_task_definition(text_of(service, "taskDefinition"))},
                        {"deployments", json::array()}};
            for (const auto& deployment : list_of(service, "deployments"))
                row["deployments"].push_back(deployment_row(deployment));
            auto tasks = service_tasks(client, cluster, row["serviceName"].get<std::string>());
            if (!tasks) return tasks.error();
            row["tasks"] = std::move(tasks.value());
            auto targets = service_targets(client, service);
            if (!targets) return targets.error();
            row["targets"] = std::move(targets.value());
            rows.push_back(std::move(row));
        }
    }
    return rows;
}

int as_int(const json& value) {
    if (value.is_number()) return value.get<int>();
    if (value.is_string()) return std::atoi(value.get<std::string>().c_str());
    return 0;
}

bool service_steady(const json& service) {
    const json& deployments = service["deployments"];
    if (deployments.size() != 1) return false;
    const std::string rollout = deployments[0].value("rolloutState", "");
    if (!rollout.empty() && rollout != "COMPLETED") return false;
    if (as_int(service["runningCount"]) != as_int(service["desiredCount"])) return false;
    for (const auto& target : service["targets"]) {
        const std::string state = target.value("state", "");
        if (state != "healthy" && state != "draining") return false;
    }
    return true;
}

std::pair<int, int> healthy_targets(const json& service) {
    int healthy = 0;
    int total = 0;
    for (const auto& target : service["targets"]) {
        const std::string state = target.value("state", "");
        if (state == "draining") continue;
        ++total;
        healthy += state == "healthy" ? 1 : 0;
    }
    return {healthy, total};
}

std::string padded(std::string text, std::size_t width) {
    if (text.size() < width) text.resize(width, ' ');
    return text;
}

}  // namespace

core::Result<json> gather_status(AwsClient& client) {
    json status = {{"region", client.region()}, {"clusters", json::array()}};
    auto arns = list_all(client, "ListClusters", json::object(), "clusterArns");
    if (!arns) return arns.error();
    for (std::size_t i = 0; i < arns->size(); i += 100) {
        json batch = json::array();
        for (std::size_t j = i; j < arns->size() && j < i + 100; ++j) batch.push_back(arns.value()[j]);
        auto described = call(client, "ecs", "DescribeClusters", json{{"clusters", batch}});
        if (!described) return described.error();
        for (const auto& cluster : list_of(described.value(), "clusters")) {
            json row = {{"clusterName", text_of(cluster, "clusterName")},
                        {"clusterArn", text_of(cluster, "clusterArn")},
                        {"status", text_of(cluster, "status")}};
            auto services = cluster_services(client, row["clusterArn"].get<std::string>());
            if (!services) return services.error();
            row["services"] = std::move(services.value());
            status["clusters"].push_back(std::move(row));
        }
    }
    return status;
}

bool is_steady(const json& status) {
    for (const auto& cluster : status["clusters"]) {
        for (const auto& service : cluster["services"]) {
            if (service.value("status", "") == "ACTIVE" && !service_steady(service)) return false;
        }
    }
    return true;
}

std::string render_status(const json& status) {
    std::string out;
    if (status["clusters"].empty()) return "no clusters in " + status.value("region", "") + "\n";
    for (const auto& cluster : status["clusters"]) {
        out += "cluster " + cluster.value("clusterName", "") + " (" + cluster.value("status", "") + ")\n";
        if (cluster["services"].empty()) out += "  no services\n";
        for (const auto& service : cluster["services"]) {
            out += "  service " + padded(service.value("serviceName", ""), 28) + " " +
                   padded(service.value("status", ""), 9) + " running " +
                   std::to_string(as_int(service["runningCount"])) + "/" +
                   std::to_string(as_int(service["desiredCount"])) + "  pending " +
                   std::to_string(as_int(service["pendingCount"])) + "  " +
                   service.value("taskDefinition", "") + "\n";
            for (const auto& deployment : service["deployments"]) {
                out += "    deployment " + padded(deployment.value("status", ""), 8) + " " +
                       padded(deployment.value("rolloutState", ""), 12) + " running " +
                       std::to_string(as_int(deployment["runningCount"])) + "/" +
                       std::to_string(as_int(deployment["desiredCount"])) + "  " +
                       deployment.value("taskDefinition", "") + "  " + deployment.value("id", "") + "\n";
            }
            for (const auto& task : service["tasks"]) {
                out += "    task " + padded(task.value("taskId", ""), 33) + " " +
                       padded(task.value("lastStatus", ""), 12) + " " +
                       padded(task.value("healthStatus", ""), 9) + " " +
                       padded(task.value("privateIp", ""), 15) + " " + task.value("availabilityZone", "") +
                       "\n";
            }
            for (const auto& target : service["targets"]) {
                std::string line =
                    "    target " + padded(target.value("id", "") + ":" + target.value("port", ""), 21) +
                    " " + padded(target.value("targetGroupName", ""), 20) + " " + target.value("state", "");
                if (!target.value("reason", "").empty()) line += " (" + target.value("reason", "") + ")";
                out += line + "\n";
            }
        }
    }
    return out;
}

std::string progress_summary(const json& status) {
    std::string out;
    for (const auto& cluster : status["clusters"]) {
        for (const auto& service : cluster["services"]) {
            if (service.value("status", "") != "ACTIVE") continue;
            const auto [healthy, total] = healthy_targets(service);
            std::string rollout;
            for (const auto& deployment : service["deployments"]) {
                if (deployment.value("status", "") == "PRIMARY")
                    rollout = deployment.value("rolloutState", "");
            }
            if (!out.empty()) out += "; ";
            out += service.value("serviceName", "") + " " + std::to_string(as_int(service["runningCount"])) +
                   "/" + std::to_string(as_int(service["desiredCount"])) + " running, targets " +
                   std::to_string(healthy) + "/" + std::to_string(total) + " healthy, " +
                   (rollout.empty() ? std::string("-") : rollout);
        }
    }
    return out;
}

}  // namespace ecsemu::api::scenario
