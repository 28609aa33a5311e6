#pragma once
// The ALB's health checks in the simulator: answered at once from the modelled task the check dials. A task
// that is up answers 200 (500 when its revision fails health checks); an address with no task up refuses the
// connection, as a real one does.
#include "emulator/core/alb/health_probe.hpp"
#include "sim/model/modelled_tasks.hpp"

namespace ecsemu::sim {

class ModelledHealthProbe final : public core::alb::HealthProbe {
public:
    explicit ModelledHealthProbe(const ModelledTasks& tasks) : tasks_(tasks) {}

    void probe(const core::alb::ProbeRequest& request,
               std::function<void(core::alb::ProbeResult)> done) override {
        core::alb::ProbeResult result;
        const ModelledTask* task = tasks_.find_by_address(request.dial_host);
        if (task == nullptr || !task->running) {
            result.outcome = core::alb::ProbeResult::Outcome::ConnectFailed;
        } else {
            result.outcome = core::alb::ProbeResult::Outcome::Response;
            result.status_code = tasks_.answers(*task) ? 200 : 500;
        }
        done(result);
    }

private:
    const ModelledTasks& tasks_;
};

}  // namespace ecsemu::sim
