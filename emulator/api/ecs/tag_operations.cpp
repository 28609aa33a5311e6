#include "emulator/api/ecs/ecs_decode.hpp"
#include "emulator/api/ecs/ecs_encode.hpp"
#include "emulator/api/ecs/ecs_operations.hpp"
#include "emulator/core/ecs/tagging.hpp"

namespace ecsemu::api::ecs {

using nlohmann::json;

ApiResult tag_resource(OperationContext& ctx) {
    RequestReader reader(ctx.call.params);
    Fields& root = reader.root();
    const auto arn = root.required_string("resourceArn");
    root.require("tags");
    const auto tags = read_tags(root, "tags");
    if (!reader.ok()) return reader.error();
    if (auto status = core::ecs::tag_resource(ctx.state, arn, tags); !status) return status.error();
    return json::object();
}

ApiResult untag_resource(OperationContext& ctx) {
    RequestReader reader(ctx.call.params);
    Fields& root = reader.root();
    const auto arn = root.required_string("resourceArn");
    root.require("tagKeys");
    const auto keys = root.string_list("tagKeys");
    if (!reader.ok()) return reader.error();
    if (auto status = core::ecs::untag_resource(ctx.state, arn, keys); !status) return status.error();
    return json::object();
}

ApiResult list_tags_for_resource(OperationContext& ctx) {
    RequestReader reader(ctx.call.params);
    const auto arn = reader.root().required_string("resourceArn");
    if (!reader.ok()) return reader.error();
    auto tags = core::ecs::list_tags_for_resource(ctx.state, arn);
    if (!tags) return tags.error();
    return json{{"tags", encode_tags(tags.value())}};
}

}  // namespace ecsemu::api::ecs
