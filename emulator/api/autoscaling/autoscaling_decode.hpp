#pragma once
// Reads Application Auto Scaling request members into core types. The input validator has already checked
// JSON types and required members against the botocore model; these readers decide defaults and turn
// timestamps (epoch seconds, the JSON protocol's form) into Instants.
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "emulator/api/json_members.hpp"
#include "emulator/core/autoscaling/scalable_targets.hpp"
#include "emulator/core/autoscaling/scaling_policies.hpp"
#include "emulator/core/errors.hpp"

namespace ecsemu::api::autoscaling {

using api::member;
using api::optional_bool;
using api::optional_double;
using api::optional_string;
using api::string_list;
using api::string_map;
using api::string_member;
std::optional<int> optional_int(const nlohmann::json& object, const char* key);
// Epoch seconds (fractions allowed); a string that is not a number is a ValidationException.
core::Result<std::optional<core::Instant>> optional_time(const nlohmann::json& object, const char* key);

core::autoscaling::SuspendedStatePatch decode_suspended(const nlohmann::json& suspended);
core::autoscaling::TargetTrackingRequest decode_target_tracking(const nlohmann::json& config);
core::autoscaling::StepScalingConfig decode_step_scaling(const nlohmann::json& config);

}  // namespace ecsemu::api::autoscaling
