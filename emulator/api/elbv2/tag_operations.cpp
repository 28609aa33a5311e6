// AddTags, RemoveTags, DescribeTags.
#include "emulator/api/elbv2/elbv2_decode.hpp"
#include "emulator/api/elbv2/elbv2_encode.hpp"
#include "emulator/api/elbv2/elbv2_operations.hpp"
#include "emulator/api/elbv2/query_params.hpp"
#include "emulator/core/elbv2/tagging.hpp"

namespace ecsemu::api::elbv2 {

using nlohmann::json;
namespace model = core::elbv2;

ApiResult add_tags(OperationContext& ctx) {
    const json& params = ctx.call.params;
    if (auto added = model::add_tags(ctx.core.state(), string_list(params, "ResourceArns"),
                                     decode_tags(params, "Tags"));
        !added) {
        return added.error();
    }
    return json::object();
}

ApiResult remove_tags(OperationContext& ctx) {
    const json& params = ctx.call.params;
    if (auto removed = model::remove_tags(ctx.core.state(), string_list(params, "ResourceArns"),
                                          string_list(params, "TagKeys"));
        !removed) {
        return removed.error();
    }
    return json::object();
}

ApiResult describe_tags(OperationContext& ctx) {
    auto described = model::describe_tags(ctx.core.state(), string_list(ctx.call.params, "ResourceArns"));
    if (!described) return described.error();
    json descriptions = json::array();
    for (const auto& description : described.value())
        descriptions.push_back(
            {{"ResourceArn", description.resource_arn}, {"Tags", encode_tags(description.tags)}});
    return json{{"TagDescriptions", std::move(descriptions)}};
}

}  // namespace ecsemu::api::elbv2
