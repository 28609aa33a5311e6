#pragma once
// Every emulated AWS service the executable serves, built once and registered with the gateway.
// Adding a service: one member here, its construction and one add_service line in service_registry.cpp.
#include <memory>

namespace ecsemu::core {
class Ec2Directory;
namespace autoscaling {
class AutoScalingWorld;
}
namespace cloudmap {
class CloudMapWorld;
}
namespace cloudwatch {
class CloudWatchWorld;
}
namespace ecs {
class EcsWorld;
}
namespace elbv2 {
class Elbv2World;
}
namespace engine {
class EcsScalableResources;
}
}  // namespace ecsemu::core

namespace ecsemu::api {
class Gateway;
namespace autoscaling {
class AutoScalingService;
}
namespace cloudmap {
class CloudMapService;
}
namespace cloudwatch {
class CloudWatchService;
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

namespace ecsemu::control {

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
    // CloudWatch's per-region metric store and alarms (the data planes record metrics into it; Application
    // Auto Scaling installs target-tracking alarms in it; the alarm evaluator moves their states).
    core::cloudwatch::CloudWatchWorld& cloudwatch_world() { return *cloudwatch_world_; }
    api::cloudwatch::CloudWatchService& cloudwatch() { return *cloudwatch_; }
    // Application Auto Scaling's per-region scalable targets, policies, scheduled actions and activities (the
    // scaling controller works on them alongside the API), and the ECS services it resizes.
    core::autoscaling::AutoScalingWorld& autoscaling_world() { return *autoscaling_world_; }
    core::engine::EcsScalableResources& scalable_resources() { return *scalable_resources_; }
    api::autoscaling::AutoScalingService& autoscaling() { return *autoscaling_; }

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
    std::unique_ptr<core::cloudwatch::CloudWatchWorld> cloudwatch_world_;
    std::unique_ptr<api::cloudwatch::CloudWatchService> cloudwatch_;
    // After the ECS, ELBv2 and CloudWatch worlds it reads and changes.
    std::unique_ptr<core::autoscaling::AutoScalingWorld> autoscaling_world_;
    std::unique_ptr<core::engine::EcsScalableResources> scalable_resources_;
    std::unique_ptr<api::autoscaling::AutoScalingService> autoscaling_;
    std::unique_ptr<api::sts::StsService> sts_;
};

}  // namespace ecsemu::control
