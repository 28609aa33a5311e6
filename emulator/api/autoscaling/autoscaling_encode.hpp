#pragma once
// Core Application Auto Scaling objects as the botocore model's output shapes (ScalableTarget,
// ScalingPolicy, ScheduledAction, ScalingActivity). Timestamps are epoch seconds; optional members the
// request did not set are left out.
#include <nlohmann/json.hpp>

#include "emulator/core/autoscaling/autoscaling_model.hpp"

namespace ecsemu::api::autoscaling {

nlohmann::json encode_time(core::Instant instant);
nlohmann::json encode_target(const core::autoscaling::ScalableTarget& target);
nlohmann::json encode_alarms(const std::vector<core::autoscaling::PolicyAlarm>& alarms);
nlohmann::json encode_policy(const core::autoscaling::ScalingPolicy& policy);
nlohmann::json encode_scheduled_action(const core::autoscaling::ScheduledAction& action);
nlohmann::json encode_activity(const core::autoscaling::ScalingActivity& activity);

}  // namespace ecsemu::api::autoscaling
