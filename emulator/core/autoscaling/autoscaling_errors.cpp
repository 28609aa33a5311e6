#include "emulator/core/autoscaling/autoscaling_errors.hpp"

#include <utility>

namespace ecsemu::core::autoscaling {

AwsError validation_error(std::string message) {
    return AwsError::client("ValidationException", std::move(message));
}

AwsError object_not_found(std::string message) {
    return AwsError::client("ObjectNotFoundException", std::move(message));
}

AwsError resource_not_found(const std::string& arn) {
    return AwsError::client("ResourceNotFoundException", "Scalable target does not exist: " + arn);
}

AwsError invalid_next_token() {
    return AwsError::client("InvalidNextTokenException", "Invalid NextToken.");
}

AwsError target_not_registered(const std::string& service_namespace, const std::string& resource_id,
                               const std::string& scalable_dimension) {
    return object_not_found("No scalable target registered for service namespace: " + service_namespace +
                            ", resource ID: " + resource_id + ", scalable dimension: " + scalable_dimension);
}

}  // namespace ecsemu::core::autoscaling
