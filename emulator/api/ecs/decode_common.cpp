#include "emulator/api/ecs/ecs_decode.hpp"

namespace ecsemu::api::ecs {

using namespace core::ecs;

core::Tags read_tags(Fields& fields, std::string_view key) {
    core::Tags tags;
    for (auto& tag : fields.objects(key)) {
        // ECS validates keys itself (empty keys are refused as too short), so a missing key reads as "".
        tags[tag.string("key")] = tag.string("value");
    }
    return tags;
}

std::vector<CapacityProviderStrategyItem> read_capacity_provider_strategy(Fields& fields,
                                                                          std::string_view key) {
    std::vector<CapacityProviderStrategyItem> out;
    for (auto& item : fields.objects(key)) {
        CapacityProviderStrategyItem entry;
        entry.capacity_provider = item.required_string("capacityProvider");
        entry.weight = item.optional_int("weight").value_or(0);
        entry.base = item.optional_int("base").value_or(0);
        out.push_back(std::move(entry));
    }
    return out;
}

std::optional<NetworkConfiguration> read_network_configuration(Fields& fields) {
    Fields network = fields.object("networkConfiguration");
    if (!network.present()) return std::nullopt;
    NetworkConfiguration out;
    Fields awsvpc = network.object("awsvpcConfiguration");
    if (awsvpc.present()) {
        AwsVpcConfiguration config;
        awsvpc.require("subnets");
        config.subnets = awsvpc.string_list("subnets");
        config.security_groups = awsvpc.string_list("securityGroups");
        config.assign_public_ip =
            awsvpc.optional_enum<AssignPublicIp>("assignPublicIp").value_or(AssignPublicIp::Disabled);
        out.awsvpc_configuration = std::move(config);
    }
    return out;
}

std::optional<int> read_ephemeral_storage_gib(Fields& fields) {
    Fields ephemeral = fields.object("ephemeralStorage");
    if (!ephemeral.present()) return std::nullopt;
    ephemeral.require("sizeInGiB");
    return ephemeral.optional_int("sizeInGiB");
}

std::vector<KeyValuePair> read_key_value_pairs(Fields& fields, std::string_view key) {
    std::vector<KeyValuePair> out;
    for (auto& pair : fields.objects(key)) out.push_back({pair.string("name"), pair.string("value")});
    return out;
}

}  // namespace ecsemu::api::ecs
