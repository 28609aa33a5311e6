#include "emulator/api/scenario/stub_settings.hpp"

#include <fnmatch.h>

namespace ecsemu::api::scenario {

const RuntimeRule* runtime_rule_for(const std::vector<RuntimeRule>& rules, const std::string& image) {
    for (const auto& rule : rules) {
        if (::fnmatch(rule.image_glob.c_str(), image.c_str(), 0) == 0) return &rule;
    }
    return nullptr;
}

nlohmann::json with_stub_settings(nlohmann::json request, const std::vector<RuntimeRule>& rules) {
    auto containers = request.find("containerDefinitions");
    if (containers == request.end() || !containers->is_array()) return request;
    for (auto& container : *containers) {
        if (!container.is_object() || !container.contains("image") || !container["image"].is_string())
            continue;
        const RuntimeRule* rule = runtime_rule_for(rules, container["image"].get<std::string>());
        if (rule == nullptr || rule->process || rule->stub_environment.empty()) continue;
        auto& environment = container["environment"];
        if (!environment.is_array()) environment = nlohmann::json::array();
        for (const auto& [name, value] : rule->stub_environment) {
            bool set = false;
            for (const auto& entry : environment)
                set = set || (entry.is_object() && entry.value("name", "") == name);
            if (!set) environment.push_back({{"name", name}, {"value", value}});
        }
    }
    return request;
}

}  // namespace ecsemu::api::scenario
