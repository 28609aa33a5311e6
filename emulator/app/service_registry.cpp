#include "emulator/app/service_registry.hpp"

#include "emulator/api/ec2/ec2_service.hpp"
#include "emulator/api/ecs/ecs_service.hpp"
#include "emulator/api/sts/sts_service.hpp"
#include "emulator/api/wire/gateway.hpp"

namespace ecsemu::app {

ServiceRegistry::ServiceRegistry(api::Gateway& gateway)
    : ec2_(std::make_unique<api::ec2::Ec2Service>()),
      ecs_(std::make_unique<api::ecs::EcsService>(*ec2_)),
      sts_(std::make_unique<api::sts::StsService>()) {
    gateway.add_service(*ec2_);
    gateway.add_service(*ecs_);
    gateway.add_service(*sts_);
}

ServiceRegistry::~ServiceRegistry() = default;

}  // namespace ecsemu::app
