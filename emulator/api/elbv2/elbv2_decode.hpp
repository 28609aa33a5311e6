#pragma once
// Query params -> core request pieces shared by several operations.
#include <nlohmann/json.hpp>
#include <string_view>
#include <vector>

#include "emulator/core/elbv2/attributes.hpp"
#include "emulator/core/elbv2/tagging.hpp"
#include "emulator/core/elbv2/target_groups.hpp"
#include "emulator/core/elbv2/targets.hpp"
#include "emulator/core/errors.hpp"
#include "emulator/core/model/elbv2.hpp"

namespace ecsemu::api::elbv2 {

// Actions.member.N: Type, Order, TargetGroupArn, ForwardConfig, FixedResponseConfig, RedirectConfig.
core::Result<std::vector<core::elbv2::Action>> decode_actions(const nlohmann::json& params,
                                                              std::string_view key);

// Conditions.member.N: Field with legacy Values or <Field>Config.
core::Result<std::vector<core::elbv2::RuleCondition>> decode_conditions(const nlohmann::json& params,
                                                                        std::string_view key);

core::elbv2::TagList decode_tags(const nlohmann::json& params, std::string_view key);
core::elbv2::AttributeList decode_attributes(const nlohmann::json& params, std::string_view key);
std::vector<core::elbv2::TargetDescription> decode_targets(const nlohmann::json& params,
                                                           std::string_view key);

// HealthCheck* members and Matcher of CreateTargetGroup and ModifyTargetGroup.
core::elbv2::HealthCheckChanges decode_health_check(const nlohmann::json& params);

}  // namespace ecsemu::api::elbv2
