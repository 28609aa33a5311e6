#include "emulator/core/cloudmap/cloudmap_errors.hpp"

namespace ecsemu::core::cloudmap {

AwsError invalid_input(std::string message) {
    return AwsError::client("InvalidInput", std::move(message));
}

AwsError namespace_not_found(const std::string& id) {
    return AwsError::client("NamespaceNotFound", "Namespace not found: " + id);
}

AwsError service_not_found(const std::string& id) {
    return AwsError::client("ServiceNotFound", "Service not found: " + id);
}

AwsError instance_not_found(const std::string& id) {
    return AwsError::client("InstanceNotFound", "Instance not found: " + id);
}

AwsError operation_not_found(const std::string& id) {
    return AwsError::client("OperationNotFound", "Operation not found: " + id);
}

AwsError namespace_already_exists(const std::string& name, const std::string& existing_id) {
    return AwsError::client("NamespaceAlreadyExists",
                            "Namespace with name " + name + " already exists: " + existing_id);
}

AwsError service_already_exists(const std::string& name, const std::string& existing_id) {
    return AwsError::client("ServiceAlreadyExists",
                            "Service with name " + name + " already exists: " + existing_id);
}

AwsError resource_in_use(std::string message) {
    return AwsError::client("ResourceInUse", std::move(message));
}

AwsError resource_not_found(const std::string& arn) {
    return AwsError::client("ResourceNotFoundException", "Resource not found: " + arn);
}

AwsError too_many_tags(const std::string& arn) {
    return AwsError::client("TooManyTagsException",
                            "The resource " + arn + " would have more than 200 tags.");
}

AwsError custom_health_not_found(const std::string& service_id) {
    return AwsError::client("CustomHealthNotFound",
                            "The service " + service_id + " has no HealthCheckCustomConfig.");
}

}  // namespace ecsemu::core::cloudmap
