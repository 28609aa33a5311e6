#include <algorithm>

#include "emulator/api/ecs/ecs_decode.hpp"
#include "emulator/api/ecs/ecs_encode.hpp"
#include "emulator/api/ecs/ecs_operations.hpp"
#include "emulator/api/ecs/operation_responses.hpp"
#include "emulator/core/ecs/ecs_errors.hpp"
#include "emulator/core/ecs/pagination.hpp"

namespace ecsemu::api::ecs {

using namespace core::ecs;
using nlohmann::json;

namespace {

// CreateCluster, DeleteCluster and PutClusterCapacityProviders show tags and settings.
constexpr ClusterFields kMutationFields{true, true, false, false, true};

bool includes(const std::vector<std::string>& include, std::string_view field) {
    return std::find(include.begin(), include.end(), field) != include.end();
}

json cluster_response(const OperationContext& ctx, const Cluster& cluster) {
    return {{"cluster",
             encode_cluster(cluster, count_cluster_resources(ctx.state, cluster.name), kMutationFields)}};
}

}  // namespace

ApiResult create_cluster(OperationContext& ctx) {
    auto spec = decode_create_cluster(ctx.call.params);
    if (!spec) return spec.error();
    auto cluster = core::ecs::create_cluster(ctx.state, std::move(spec.value()), ctx.call.now, ctx.ids);
    if (!cluster) return cluster.error();
    return cluster_response(ctx, cluster.value());
}

ApiResult describe_clusters(OperationContext& ctx) {
    RequestReader reader(ctx.call.params);
    auto refs = reader.root().string_list("clusters");
    const auto include = reader.root().string_enum_list(
        "include", {"ATTACHMENTS", "CONFIGURATIONS", "SETTINGS", "STATISTICS", "TAGS"});
    if (!reader.ok()) return reader.error();
    if (refs.size() > 100) return invalid_parameter("clusters can have at most 100 items.");
    if (refs.empty()) refs.emplace_back(kDefaultClusterName);
    const ClusterFields fields{includes(include, "TAGS"), includes(include, "SETTINGS"),
                               includes(include, "STATISTICS"), includes(include, "ATTACHMENTS"),
                               includes(include, "CONFIGURATIONS")};
    return described_or_missing(
        "clusters", refs, [&](const std::string& ref) { return find_cluster(ctx.state, ref); },
        [&](const Cluster& cluster) {
            return encode_cluster(cluster, count_cluster_resources(ctx.state, cluster.name), fields);
        },
        [&](const std::string& ref) { return cluster_arn(ctx.state.scope, cluster_name_of(ref)); });
}

ApiResult list_clusters(OperationContext& ctx) {
    RequestReader reader(ctx.call.params);
    const auto next_token = reader.root().optional_string("nextToken");
    const auto max_results = reader.root().optional_int("maxResults");
    if (!reader.ok()) return reader.error();
    auto limit = checked_max_results(max_results, 100);
    if (!limit) return limit.error();
    std::vector<PageItem> items;
    for (const Cluster* cluster : core::ecs::list_clusters(ctx.state))
        items.push_back({cluster->name, cluster->arn});
    return page_response(items, next_token, limit.value(), "clusterArns");
}

ApiResult delete_cluster(OperationContext& ctx) {
    RequestReader reader(ctx.call.params);
    const auto ref = reader.root().required_string("cluster");
    if (!reader.ok()) return reader.error();
    auto cluster = core::ecs::delete_cluster(ctx.state, ref);
    if (!cluster) return cluster.error();
    return cluster_response(ctx, cluster.value());
}

ApiResult put_cluster_capacity_providers(OperationContext& ctx) {
    RequestReader reader(ctx.call.params);
    Fields& root = reader.root();
    const auto ref = root.required_string("cluster");
    root.require("capacityProviders");
    root.require("defaultCapacityProviderStrategy");
    auto providers = root.string_list("capacityProviders");
    auto strategy = read_capacity_provider_strategy(root, "defaultCapacityProviderStrategy");
    if (!reader.ok()) return reader.error();
    auto cluster =
        core::ecs::put_cluster_capacity_providers(ctx.state, ref, std::move(providers), std::move(strategy));
    if (!cluster) return cluster.error();
    return cluster_response(ctx, cluster.value());
}

}  // namespace ecsemu::api::ecs
