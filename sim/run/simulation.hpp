#pragma once
// One simulation run: the emulator's control plane — the API services over their stores, the ECS engine,
// the ALB control logic, CloudWatch and Application Auto Scaling (emulator/control) — on a virtual clock,
// with modelled tasks, health checks and traffic in place of processes and sockets. The scenario's
// resources are created through the API exactly as `ecsemu up` creates them, then the clock runs for the
// spec's duration.
#include <cstdint>
#include <functional>
#include <string>

#include "emulator/api/scenario/scenario.hpp"
#include "emulator/core/errors.hpp"
#include "sim/report/sim_result.hpp"
#include "sim/spec/simulation_spec.hpp"

namespace ecsemu::sim {

struct RunStatistics {
    std::uint64_t timers_fired = 0;  // the virtual clock's events
    std::uint64_t traffic_steps = 0;
    std::uint64_t engine_passes = 0;
    std::uint64_t service_reconciles = 0;  // services planned in those passes
    std::uint64_t peak_tasks = 0;          // most modelled tasks alive at once
};

// Called every simulated hour with the fraction of the run done.
using Progress = std::function<void(double fraction)>;

// The run's record, or the error that stopped it before the clock ran (a scenario resource the API
// refused). REQUIRES: `spec` was parsed from `scenario`.
core::Result<SimResult> run_simulation(const api::scenario::Scenario& scenario, const SimulationSpec& spec,
                                       RunStatistics* statistics = nullptr, const Progress& progress = {});

}  // namespace ecsemu::sim
