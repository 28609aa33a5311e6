#include "emulator/api/ecs/ecs_encode.hpp"

namespace ecsemu::api::ecs {

using namespace core::ecs;
using nlohmann::json;

json timestamp(core::Instant instant) {
    return instant.epoch_seconds();
}

json encode_tags(const core::Tags& tags) {
    json out = json::array();
    for (const auto& [key, value] : tags) out.push_back({{"key", key}, {"value", value}});
    return out;
}

json encode_key_value_pairs(const std::vector<KeyValuePair>& pairs) {
    json out = json::array();
    for (const auto& pair : pairs) out.push_back({{"name", pair.name}, {"value", pair.value}});
    return out;
}

json encode_failures(const std::vector<Failure>& failures) {
    json out = json::array();
    for (const auto& failure : failures) {
        json item = {{"arn", failure.arn}, {"reason", failure.reason}};
        if (!failure.detail.empty()) item["detail"] = failure.detail;
        out.push_back(std::move(item));
    }
    return out;
}

json encode_network_configuration(const NetworkConfiguration& config) {
    json out = json::object();
    if (config.awsvpc_configuration) {
        const auto& awsvpc = *config.awsvpc_configuration;
        out["awsvpcConfiguration"] = {{"subnets", awsvpc.subnets},
                                      {"securityGroups", awsvpc.security_groups},
                                      {"assignPublicIp", to_string(awsvpc.assign_public_ip)}};
    }
    return out;
}

json encode_capacity_provider_strategy(const std::vector<CapacityProviderStrategyItem>& items) {
    json out = json::array();
    for (const auto& item : items) {
        out.push_back(
            {{"capacityProvider", item.capacity_provider}, {"weight", item.weight}, {"base", item.base}});
    }
    return out;
}

json stored_json(const std::string& text, json absent) {
    if (text.empty()) return absent;
    json parsed = json::parse(text, nullptr, /*allow_exceptions=*/false);
    return parsed.is_discarded() ? absent : parsed;
}

}  // namespace ecsemu::api::ecs
