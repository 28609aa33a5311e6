#pragma once
// Core objects -> the result trees the Query XML writer serialises (PascalCase members, arrays become
// <member> lists, timestamps ISO 8601 strings).
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "emulator/core/elbv2/elbv2_state.hpp"
#include "emulator/core/elbv2/tagging.hpp"
#include "emulator/core/elbv2/targets.hpp"
#include "emulator/core/time.hpp"

namespace ecsemu::api::elbv2 {

nlohmann::json encode_load_balancer(const core::elbv2::LoadBalancer& load_balancer, core::Instant now);
nlohmann::json encode_target_group(const core::elbv2::Elbv2State& state,
                                   const core::elbv2::TargetGroup& group);
nlohmann::json encode_listener(const core::elbv2::Listener& listener);
nlohmann::json encode_rule(const core::elbv2::Rule& rule);
nlohmann::json encode_actions(const std::vector<core::elbv2::Action>& actions);
nlohmann::json encode_attributes(const core::elbv2::Attributes& attributes);
nlohmann::json encode_tags(const core::Tags& tags);
nlohmann::json encode_target_health(const core::elbv2::TargetHealthView& view);

}  // namespace ecsemu::api::elbv2
