#pragma once
// The ALB's health checks in the simulator: answered at once from the modelled task the check dials. A task
// that is up answers 200 (500 when its revision fails health checks); an address with no task up refuses the
// connection, as a real one does. Those answers only change when a task comes up or goes away, so the probe
// vouches for them (steady_answer) and the ALB controller skips the checks that would change nothing.
#include <optional>
#include <string>
#include <utility>

#include "emulator/core/alb/health_probe.hpp"
#include "sim/model/modelled_tasks.hpp"

namespace ecsemu::sim {

class ModelledHealthProbe final : public core::alb::HealthProbe {
public:
    explicit ModelledHealthProbe(ModelledTasks& tasks) : tasks_(tasks) {}

    void probe(const core::alb::ProbeRequest& request,
               std::function<void(core::alb::ProbeResult)> done) override {
        done(answer(request));
    }
    // A modelled task's answer changes only when it comes up or goes away, which the tasks report.
    std::optional<core::alb::ProbeResult> steady_answer(
        const core::alb::ProbeRequest& request) const override {
        return answer(request);
    }
    void watch_answers(const std::function<void(const std::string& dial_host)>& changed) override {
        tasks_.watch_answers(changed);
    }

private:
    core::alb::ProbeResult answer(const core::alb::ProbeRequest& request) const {
        core::alb::ProbeResult result;
        const ModelledTask* task = tasks_.find_by_address(request.dial_host);
        if (task == nullptr || !task->running) {
            result.outcome = core::alb::ProbeResult::Outcome::ConnectFailed;
        } else {
            result.outcome = core::alb::ProbeResult::Outcome::Response;
            result.status_code = tasks_.answers(*task) ? 200 : 500;
        }
        return result;
    }

    ModelledTasks& tasks_;
};

}  // namespace ecsemu::sim
