#pragma once
// The scenario's per-image stub settings reach a stub container the one way stubs read settings: its
// environment in the task definition. The applier adds them to each container definition whose image a stub
// rule matches (first matching rule wins, as for process rules), so they show in DescribeTaskDefinition and
// take effect whichever server the scenario is applied to. A variable the container already sets keeps its
// value.
#include <nlohmann/json.hpp>
#include <vector>

#include "emulator/api/scenario/scenario.hpp"

namespace ecsemu::api::scenario {

// The first rule whose glob matches the image, or null.
const RuntimeRule* runtime_rule_for(const std::vector<RuntimeRule>& rules, const std::string& image);

// A RegisterTaskDefinition request with the matching stub settings added to its containers' environment.
nlohmann::json with_stub_settings(nlohmann::json request, const std::vector<RuntimeRule>& rules);

}  // namespace ecsemu::api::scenario
