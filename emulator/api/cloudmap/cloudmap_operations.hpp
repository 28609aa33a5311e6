#pragma once
// One handler per Cloud Map operation: read the JSON request, run the core operation, encode the response.
#include "emulator/api/service.hpp"
#include "emulator/core/cloudmap/cloudmap_call.hpp"

namespace ecsemu::api::cloudmap {

struct OperationContext {
    core::cloudmap::CloudMapCall& core;
    const ApiCall& call;
};

// namespace_operations.cpp
ApiResult create_http_namespace(OperationContext& ctx);
ApiResult create_private_dns_namespace(OperationContext& ctx);
ApiResult create_public_dns_namespace(OperationContext& ctx);
ApiResult get_namespace(OperationContext& ctx);
ApiResult list_namespaces(OperationContext& ctx);
ApiResult update_http_namespace(OperationContext& ctx);
ApiResult update_private_dns_namespace(OperationContext& ctx);
ApiResult update_public_dns_namespace(OperationContext& ctx);
ApiResult delete_namespace(OperationContext& ctx);

// service_operations.cpp
ApiResult create_service(OperationContext& ctx);
ApiResult get_service(OperationContext& ctx);
ApiResult list_services(OperationContext& ctx);
ApiResult update_service(OperationContext& ctx);
ApiResult delete_service(OperationContext& ctx);

// instance_operations.cpp
ApiResult register_instance(OperationContext& ctx);
ApiResult deregister_instance(OperationContext& ctx);
ApiResult get_instance(OperationContext& ctx);
ApiResult list_instances(OperationContext& ctx);
ApiResult get_instances_health_status(OperationContext& ctx);
ApiResult update_instance_custom_health_status(OperationContext& ctx);
ApiResult discover_instances(OperationContext& ctx);
ApiResult discover_instances_revision(OperationContext& ctx);

// operation_tag_operations.cpp
ApiResult get_operation(OperationContext& ctx);
ApiResult list_operations(OperationContext& ctx);
ApiResult tag_resource(OperationContext& ctx);
ApiResult untag_resource(OperationContext& ctx);
ApiResult list_tags_for_resource(OperationContext& ctx);

}  // namespace ecsemu::api::cloudmap
