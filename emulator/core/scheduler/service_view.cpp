#include "emulator/core/scheduler/service_view.hpp"

namespace ecsemu::core::scheduler {

const DeploymentView* ServiceView::primary_deployment() const {
    for (const auto& deployment : deployments) {
        if (deployment.status == DeploymentStatus::Primary) return &deployment;
    }
    return nullptr;
}

const DeploymentView* ServiceView::find_deployment(const std::string& id) const {
    for (const auto& deployment : deployments) {
        if (deployment.id == id) return &deployment;
    }
    return nullptr;
}

}  // namespace ecsemu::core::scheduler
