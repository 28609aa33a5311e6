#pragma once
// The ECS errors core returns, worded as ECS words them (reference §1.3).
#include <string>

#include "emulator/core/errors.hpp"

namespace ecsemu::core::ecs {

inline AwsError invalid_parameter(std::string message) {
    return AwsError::client("InvalidParameterException", std::move(message));
}
inline AwsError client_exception(std::string message) {
    return AwsError::client("ClientException", std::move(message));
}
inline AwsError cluster_not_found() {
    return AwsError::client("ClusterNotFoundException", "Cluster not found.");
}
inline AwsError service_not_found() {
    return AwsError::client("ServiceNotFoundException", "Service not found.");
}
inline AwsError service_not_active() {
    return AwsError::client("ServiceNotActiveException", "Service was not ACTIVE.");
}
inline AwsError task_definition_not_found() {
    return client_exception("Unable to describe task definition.");
}

}  // namespace ecsemu::core::ecs
