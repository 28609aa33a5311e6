#pragma once
// Application Auto Scaling's error codes (botocore model application-autoscaling 2016-02-06). All are 400s;
// the texts follow the service's wording where it is known.
#include <string>

#include "emulator/core/errors.hpp"

namespace ecsemu::core::autoscaling {

AwsError validation_error(std::string message);
AwsError object_not_found(std::string message);
// Tagging operations report an unknown ARN with ResourceNotFoundException.
AwsError resource_not_found(const std::string& arn);
AwsError invalid_next_token();

// "No scalable target registered for service namespace: ecs, resource ID: service/c/s, scalable
// dimension: ecs:service:DesiredCount"
AwsError target_not_registered(const std::string& service_namespace, const std::string& resource_id,
                               const std::string& scalable_dimension);

}  // namespace ecsemu::core::autoscaling
