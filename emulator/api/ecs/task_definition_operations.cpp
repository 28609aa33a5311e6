#include <cstdio>

#include "emulator/api/ecs/ecs_decode.hpp"
#include "emulator/api/ecs/ecs_encode.hpp"
#include "emulator/api/ecs/ecs_operations.hpp"
#include "emulator/api/ecs/operation_responses.hpp"
#include "emulator/core/ecs/ecs_errors.hpp"
#include "emulator/core/ecs/pagination.hpp"
#include "emulator/core/ecs/task_definitions.hpp"

namespace ecsemu::api::ecs {

using namespace core::ecs;
using nlohmann::json;

namespace {

// Orders like (family, revision): '\0' sorts before any family character, revisions are zero-padded.
std::string revision_sort_key(const TaskDefinition& td) {
    char revision[16];
    std::snprintf(revision, sizeof revision, "%010d", td.revision);
    return td.family + std::string(1, '\0') + revision;
}

}  // namespace

ApiResult register_task_definition(OperationContext& ctx) {
    auto spec = decode_register_task_definition(ctx.call.params);
    if (!spec) return spec.error();
    auto td = core::ecs::register_task_definition(ctx.state, std::move(spec.value()), ctx.call.now);
    if (!td) return td.error();
    json out = {{"taskDefinition", encode_task_definition(td.value())}};
    if (!td->tags.empty()) out["tags"] = encode_tags(td->tags);
    return out;
}

ApiResult describe_task_definition(OperationContext& ctx) {
    RequestReader reader(ctx.call.params);
    const auto ref = reader.root().required_string("taskDefinition");
    const auto include = reader.root().string_enum_list("include", {"TAGS"});
    if (!reader.ok()) return reader.error();
    const TaskDefinition* td = find_task_definition(ctx.state, ref);
    if (td == nullptr) return task_definition_not_found();
    json out = {{"taskDefinition", encode_task_definition(*td)}};
    if (!include.empty()) out["tags"] = encode_tags(td->tags);
    return out;
}

ApiResult list_task_definitions(OperationContext& ctx) {
    RequestReader reader(ctx.call.params);
    Fields& root = reader.root();
    const auto prefix = root.string("familyPrefix");
    const auto status =
        root.optional_enum<TaskDefinitionStatus>("status").value_or(TaskDefinitionStatus::Active);
    const auto sort = root.optional_enum<SortOrder>("sort").value_or(SortOrder::Asc);
    const auto next_token = root.optional_string("nextToken");
    const auto max_results = root.optional_int("maxResults");
    if (!reader.ok()) return reader.error();
    auto limit = checked_max_results(max_results, 100);
    if (!limit) return limit.error();
    std::vector<PageItem> items;
    for (const TaskDefinition* td : core::ecs::list_task_definitions(ctx.state, prefix, status, sort)) {
        items.push_back({revision_sort_key(*td), td->arn});
    }
    return page_response(items, next_token, limit.value(), "taskDefinitionArns", sort == SortOrder::Desc);
}

ApiResult list_task_definition_families(OperationContext& ctx) {
    RequestReader reader(ctx.call.params);
    Fields& root = reader.root();
    const auto prefix = root.string("familyPrefix");
    const auto status =
        root.optional_enum<TaskDefinitionFamilyStatus>("status").value_or(TaskDefinitionFamilyStatus::All);
    const auto next_token = root.optional_string("nextToken");
    const auto max_results = root.optional_int("maxResults");
    if (!reader.ok()) return reader.error();
    auto limit = checked_max_results(max_results, 100);
    if (!limit) return limit.error();
    std::vector<PageItem> items;
    for (const auto& family : core::ecs::list_task_definition_families(ctx.state, prefix, status)) {
        items.push_back({family, family});
    }
    return page_response(items, next_token, limit.value(), "families");
}

ApiResult deregister_task_definition(OperationContext& ctx) {
    RequestReader reader(ctx.call.params);
    const auto ref = reader.root().required_string("taskDefinition");
    if (!reader.ok()) return reader.error();
    auto td = core::ecs::deregister_task_definition(ctx.state, ref, ctx.call.now);
    if (!td) return td.error();
    return json{{"taskDefinition", encode_task_definition(td.value())}};
}

}  // namespace ecsemu::api::ecs
