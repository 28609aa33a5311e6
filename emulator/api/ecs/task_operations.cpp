#include <cstdio>

#include "emulator/api/ecs/ecs_decode.hpp"
#include "emulator/api/ecs/ecs_encode.hpp"
#include "emulator/api/ecs/ecs_operations.hpp"
#include "emulator/api/ecs/operation_responses.hpp"
#include "emulator/core/ecs/ecs_errors.hpp"
#include "emulator/core/ecs/pagination.hpp"
#include "emulator/core/ecs/tasks.hpp"

namespace ecsemu::api::ecs {

using namespace core::ecs;
using nlohmann::json;

namespace {

// Creation order, ties by id: epoch milliseconds zero-padded so strings sort as numbers.
std::string creation_sort_key(const Task& task) {
    char millis[24];
    std::snprintf(millis, sizeof millis, "%020lld", static_cast<long long>(task.created_at.epoch_ms));
    return std::string(millis) + task.id;
}

json encode_tasks(const std::vector<Task>& tasks) {
    json out = json::array();
    for (const auto& task : tasks) out.push_back(encode_task(task, true));
    return out;
}

}  // namespace

ApiResult run_task(OperationContext& ctx) {
    auto spec = decode_run_task(ctx.call.params);
    if (!spec) return spec.error();
    auto outcome = core::ecs::run_task(ctx.state, ctx.ec2, std::move(spec.value()), ctx.call.now, ctx.ids);
    if (!outcome) return outcome.error();
    return json{{"tasks", encode_tasks(outcome->tasks)}, {"failures", encode_failures(outcome->failures)}};
}

ApiResult describe_tasks(OperationContext& ctx) {
    RequestReader reader(ctx.call.params);
    Fields& root = reader.root();
    const auto cluster_ref = root.string("cluster");
    root.require("tasks");
    const auto refs = root.string_list("tasks");
    const auto include = root.string_enum_list("include", {"TAGS"});
    if (!reader.ok()) return reader.error();
    if (refs.empty()) return invalid_parameter("Tasks cannot be empty.");
    if (refs.size() > 100) return invalid_parameter("tasks can have at most 100 items.");
    auto cluster = require_active_cluster(ctx.state, cluster_ref);
    if (!cluster) return cluster.error();
    const std::string& cluster_name = cluster.value()->name;
    return described_or_missing(
        "tasks", refs, [&](const std::string& ref) { return find_task(ctx.state, cluster_name, ref); },
        [&](const Task& task) { return encode_task(task, !include.empty()); },
        [&](const std::string& ref) { return task_arn(ctx.state.scope, cluster_name, ref); });
}

ApiResult list_tasks(OperationContext& ctx) {
    RequestReader reader(ctx.call.params);
    Fields& root = reader.root();
    ListTasksFilter filter;
    filter.cluster = root.string("cluster");
    filter.container_instance = root.string("containerInstance");
    filter.family = root.string("family");
    filter.started_by = root.string("startedBy");
    filter.service_name = root.string("serviceName");
    filter.desired_status =
        root.optional_enum<DesiredStatus>("desiredStatus").value_or(DesiredStatus::Running);
    filter.launch_type = root.optional_enum<LaunchType>("launchType");
    root.optional_string("daemonName");  // type check only: ecsemu has no daemons
    const auto next_token = root.optional_string("nextToken");
    const auto max_results = root.optional_int("maxResults");
    if (!reader.ok()) return reader.error();
    auto limit = checked_max_results(max_results, 100);
    if (!limit) return limit.error();
    auto tasks = core::ecs::list_tasks(ctx.state, filter);
    if (!tasks) return tasks.error();
    std::vector<PageItem> items;
    for (const Task* task : tasks.value()) items.push_back({creation_sort_key(*task), task->arn});
    return page_response(items, next_token, limit.value(), "taskArns");
}

ApiResult stop_task(OperationContext& ctx) {
    RequestReader reader(ctx.call.params);
    Fields& root = reader.root();
    const auto cluster_ref = root.string("cluster");
    const auto task_ref = root.required_string("task");
    const auto reason = root.string("reason");
    if (!reader.ok()) return reader.error();
    auto stopped = core::ecs::stop_task(ctx.state, cluster_ref, task_ref, reason, ctx.call.now);
    if (!stopped) return stopped.error();
    if (ctx.settle_stops_immediately) {
        Task* task = find_task(ctx.state, stopped->cluster_name, stopped->id);
        settle_stopped_task(*task, ctx.call.now);
        return json{{"task", encode_task(*task, true)}};
    }
    return json{{"task", encode_task(stopped.value(), true)}};
}

}  // namespace ecsemu::api::ecs
