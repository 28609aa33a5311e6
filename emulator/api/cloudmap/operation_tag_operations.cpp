// GetOperation, ListOperations, TagResource, UntagResource, ListTagsForResource.
#include "emulator/api/cloudmap/cloudmap_decode.hpp"
#include "emulator/api/cloudmap/cloudmap_encode.hpp"
#include "emulator/api/cloudmap/cloudmap_operations.hpp"
#include "emulator/core/cloudmap/operations.hpp"
#include "emulator/core/cloudmap/tagging.hpp"

namespace ecsemu::api::cloudmap {

using nlohmann::json;
namespace model = core::cloudmap;

ApiResult get_operation(OperationContext& ctx) {
    auto operation = model::get_operation(ctx.core.state(), string_member(ctx.call.params, "OperationId"));
    if (!operation) return operation.error();
    return json{{"Operation", encode_operation(*operation.value(), ctx.call.now, ctx.call.account_id)}};
}

ApiResult list_operations(OperationContext& ctx) {
    const json& params = ctx.call.params;
    auto page = model::list_operations(ctx.core.state(), decode_filters(params, "Filters"),
                                       optional_string(params, "NextToken"),
                                       optional_int(params, "MaxResults"), ctx.call.now);
    if (!page) return page.error();
    json operations = json::array();
    for (const model::Operation* operation : page->operations) {
        operations.push_back(
            {{"Id", operation->id},
             {"Status", model::to_string(model::operation_status(*operation, ctx.call.now))}});
    }
    json out = {{"Operations", std::move(operations)}};
    if (!page->next_token.empty()) out["NextToken"] = page->next_token;
    return out;
}

ApiResult tag_resource(OperationContext& ctx) {
    const json& params = ctx.call.params;
    if (auto tagged = model::tag_resource(ctx.core.state(), string_member(params, "ResourceARN"),
                                          decode_tags(params, "Tags"));
        !tagged)
        return tagged.error();
    return json::object();
}

ApiResult untag_resource(OperationContext& ctx) {
    const json& params = ctx.call.params;
    if (auto untagged = model::untag_resource(ctx.core.state(), string_member(params, "ResourceARN"),
                                              string_list(params, "TagKeys"));
        !untagged)
        return untagged.error();
    return json::object();
}

ApiResult list_tags_for_resource(OperationContext& ctx) {
    auto tags =
        model::list_tags_for_resource(ctx.core.state(), string_member(ctx.call.params, "ResourceARN"));
    if (!tags) return tags.error();
    return json{{"Tags", encode_tags(tags.value())}};
}

}  // namespace ecsemu::api::cloudmap
