#include <algorithm>

#include "emulator/core/model/ecs_service.hpp"
#include "emulator/core/model/ecs_task_definition.hpp"

namespace ecsemu::core::ecs {

const PortMapping* ContainerDefinition::find_port_mapping_by_name(std::string_view port_name) const {
    for (const auto& mapping : port_mappings) {
        if (!mapping.name.empty() && mapping.name == port_name) return &mapping;
    }
    return nullptr;
}

bool ContainerDefinition::exposes_container_port(int port) const {
    return std::any_of(port_mappings.begin(), port_mappings.end(),
                       [port](const PortMapping& m) { return m.container_port == port; });
}

bool TaskDefinition::supports(LaunchType launch_type) const {
    return std::find(compatibilities.begin(), compatibilities.end(), launch_type) != compatibilities.end();
}

const ContainerDefinition* TaskDefinition::find_container(std::string_view container_name) const {
    for (const auto& container : container_definitions) {
        if (container.name == container_name) return &container;
    }
    return nullptr;
}

Deployment* Service::primary_deployment() {
    for (auto& deployment : deployments) {
        if (deployment.status == DeploymentStatus::Primary) return &deployment;
    }
    return nullptr;
}

const Deployment* Service::primary_deployment() const {
    return const_cast<Service*>(this)->primary_deployment();
}

const Deployment* Service::find_deployment(const std::string& deployment_id) const {
    for (const auto& deployment : deployments) {
        if (deployment.id == deployment_id) return &deployment;
    }
    return nullptr;
}

void Service::add_event(ServiceEvent event) {
    events.insert(events.begin(), std::move(event));
    if (events.size() > kMaxServiceEvents) events.resize(kMaxServiceEvents);
}

}  // namespace ecsemu::core::ecs
