#pragma once
// Every emulated AWS service the executable serves, built once and registered with the gateway.
// Adding a service: one member here, its construction and one add_service line in service_registry.cpp.
#include <memory>

namespace ecsemu::core {
class Ec2Directory;
namespace cloudmap {
class CloudMapWorld;
}
namespace ecs {
class EcsWorld;
}
namespace elbv2 {
class Elbv2World;
}
}  // namespace ecsemu::core

namespace ecsemu::api {
class Gateway;
namespace cloudmap {
class CloudMapService;
}
namespace ec2 {
class Ec2Service;
}
namespace ecs {
class EcsService;
}
namespace elbv2 {
class Elbv2Service;
}
namespace sts {
class StsService;
}
}  // namespace ecsemu::api

namespace ecsemu::app {

class ServiceRegistry {
public:
    // Builds the services and registers each with gateway, which keeps non-owning pointers.
    // REQUIRES: the registry outlives every later use of gateway.
    explicit ServiceRegistry(api::Gateway& gateway);
    ~ServiceRegistry();
    ServiceRegistry(const ServiceRegistry&) = delete;
    ServiceRegistry& operator=(const ServiceRegistry&) = delete;

    // What the engine works on alongside the API: ECS's per-region states and EC2's subnets.
    core::ecs::EcsWorld& ecs_world() { return *ecs_world_; }
    const core::Ec2Directory& ec2_directory() const;
    api::ecs::EcsService& ecs() { return *ecs_; }
    // ELBv2's per-region load balancers, listeners, rules and target groups (the ALB control logic and the
    // engine work on them alongside the API).
    core::elbv2::Elbv2World& elbv2_world() { return *elbv2_world_; }
    api::elbv2::Elbv2Service& elbv2() { return *elbv2_; }
    // Cloud Map's per-region namespaces, services and instances (ECS registers Service Connect tasks in them;
    // the DNS and Service Connect compilers read them).
    core::cloudmap::CloudMapWorld& cloudmap_world() { return *cloudmap_world_; }
    api::cloudmap::CloudMapService& cloudmap() { return *cloudmap_; }

private:
    // Declaration order is construction order: ECS validates subnets and security groups through EC2's
    // directory, so EC2 is built first and destroyed last; the ECS world outlives the ECS service (and the
    // ELBv2 world the ELBv2 service).
    std::unique_ptr<api::ec2::Ec2Service> ec2_;
    std::unique_ptr<core::ecs::EcsWorld> ecs_world_;
    std::unique_ptr<api::ecs::EcsService> ecs_;
    std::unique_ptr<core::elbv2::Elbv2World> elbv2_world_;
    std::unique_ptr<api::elbv2::Elbv2Service> elbv2_;
    std::unique_ptr<core::cloudmap::CloudMapWorld> cloudmap_world_;
    std::unique_ptr<api::cloudmap::CloudMapService> cloudmap_;
    std::unique_ptr<api::sts::StsService> sts_;
};

}  // namespace ecsemu::app
