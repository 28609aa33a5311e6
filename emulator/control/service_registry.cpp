#include "emulator/control/service_registry.hpp"

#include "emulator/api/autoscaling/autoscaling_service.hpp"
#include "emulator/api/cloudmap/cloudmap_service.hpp"
#include "emulator/api/cloudwatch/cloudwatch_service.hpp"
#include "emulator/api/ec2/ec2_service.hpp"
#include "emulator/api/ecs/ecs_service.hpp"
#include "emulator/api/elbv2/elbv2_service.hpp"
#include "emulator/api/sts/sts_service.hpp"
#include "emulator/api/wire/gateway.hpp"
#include "emulator/core/autoscaling/autoscaling_state.hpp"
#include "emulator/core/cloudmap/cloudmap_state.hpp"
#include "emulator/core/cloudwatch/cloudwatch_state.hpp"
#include "emulator/core/ecs/ecs_world.hpp"
#include "emulator/core/elbv2/elbv2_state.hpp"
#include "emulator/core/engine/ecs_scalable_resources.hpp"

namespace ecsemu::control {

ServiceRegistry::ServiceRegistry(api::Gateway& gateway)
    : ec2_(std::make_unique<api::ec2::Ec2Service>()),
      ecs_world_(std::make_unique<core::ecs::EcsWorld>()),
      ecs_(std::make_unique<api::ecs::EcsService>(*ecs_world_, *ec2_)),
      elbv2_world_(std::make_unique<core::elbv2::Elbv2World>()),
      elbv2_(std::make_unique<api::elbv2::Elbv2Service>(*elbv2_world_, *ec2_)),
      cloudmap_world_(std::make_unique<core::cloudmap::CloudMapWorld>()),
      cloudmap_(std::make_unique<api::cloudmap::CloudMapService>(*cloudmap_world_)),
      cloudwatch_world_(std::make_unique<core::cloudwatch::CloudWatchWorld>()),
      cloudwatch_(std::make_unique<api::cloudwatch::CloudWatchService>(*cloudwatch_world_)),
      autoscaling_world_(std::make_unique<core::autoscaling::AutoScalingWorld>()),
      scalable_resources_(std::make_unique<core::engine::EcsScalableResources>(*ecs_world_)),
      autoscaling_(std::make_unique<api::autoscaling::AutoScalingService>(
          *autoscaling_world_, *cloudwatch_world_, *scalable_resources_, *elbv2_world_)),
      sts_(std::make_unique<api::sts::StsService>()) {
    gateway.add_service(*ec2_);
    gateway.add_service(*ecs_);
    gateway.add_service(*elbv2_);
    gateway.add_service(*cloudmap_);
    gateway.add_service(*cloudwatch_);
    gateway.add_service(*autoscaling_);
    gateway.add_service(*sts_);
}

ServiceRegistry::~ServiceRegistry() = default;

const core::Ec2Directory& ServiceRegistry::ec2_directory() const {
    return *ec2_;
}

}  // namespace ecsemu::control
