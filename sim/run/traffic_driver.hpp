#pragma once
// The simulator's data plane. Every traffic step (SimulationSpec::step) each modelled service's offered
// load is split over the targets its load balancer would route to now — healthy targets of its target
// groups, all unhealthy ones when none is healthy (the ALB fails open), none while targets are only initial
// or draining — or over its RUNNING tasks when it has no load balancer. Each task serves its share through
// the capacity model (load_model.hpp) and is charged the CPU; requests to a task that does not answer fail.
// What the ALB saw is handed to TrafficMetrics once a minute, as the proxy's counters are in the emulator.
//
// A step is decided at its start from the state then, so a minute boundary's datapoints cover exactly the
// steps inside the minute.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "emulator/core/alb/traffic_sample.hpp"
#include "emulator/core/ecs/ecs_world.hpp"
#include "emulator/core/elbv2/elbv2_state.hpp"
#include "emulator/core/ports.hpp"
#include "sim/model/modelled_tasks.hpp"
#include "sim/model/random_source.hpp"
#include "sim/run/service_binding.hpp"
#include "sim/spec/simulation_spec.hpp"

namespace ecsemu::sim {

class TrafficDriver {
public:
    // Everything passed must outlive the driver.
    TrafficDriver(core::Clock& clock, const core::ecs::EcsWorld& ecs, const core::elbv2::Elbv2World& elbv2,
                  ModelledTasks& tasks, RandomSource& random, const SimulationSpec& spec,
                  std::vector<ServiceBinding>& bindings);
    ~TrafficDriver();
    TrafficDriver(const TrafficDriver&) = delete;
    TrafficDriver& operator=(const TrafficDriver&) = delete;

    // Runs the first step now and schedules the rest.
    void start();
    // What the load balancers saw since the previous take.
    core::alb::TrafficSample take_sample();
    std::uint64_t steps() const { return steps_; }

private:
    struct Accumulated {
        double requests = 0, elb_5xx = 0, elb_502 = 0, elb_503 = 0;
        double target_2xx = 0, target_5xx = 0, response_time_us = 0, responses = 0;
    };

    struct Share {
        ModelledTask* task = nullptr;  // the modelled task behind the target; nullptr: nothing answers
    };
    // The step's view of one region, built as the step first needs it and dropped when it ends (neither the
    // stores nor the modelled tasks change during a step, so the pointers into them hold).
    struct RegionIndex {
        std::optional<std::map<std::string, std::vector<std::string>>> balancers;  // by target group
    };

    void step();
    RegionIndex& index_of(const std::string& account_id, const std::string& region);
    void drive(ServiceBinding& binding, const core::ecs::Service& service, double rps, double seconds);
    // Serves `rps` over `targets`, counting at the target group and load balancer when there are ones.
    void serve(ServiceBinding& binding, const std::vector<Share>& targets, double rps, double seconds,
               Accumulated* group, Accumulated* balancer);
    // `tasks`: the region's ECS store, whose tasks' ENI addresses are what target ids name; may be null. The
    // list is the driver's own, valid until the next call.
    const std::vector<Share>& routable_targets(const core::ecs::EcsState* tasks,
                                               const core::elbv2::TargetGroup& group);
    // The binding's RUNNING tasks this step (worked out at its first use in the step).
    const std::vector<Share>& running_tasks(const ServiceBinding& binding);

    core::Clock& clock_;
    const core::ecs::EcsWorld& ecs_;
    const core::elbv2::Elbv2World& elbv2_;
    ModelledTasks& tasks_;
    RandomSource& random_;
    const SimulationSpec& spec_;
    std::vector<ServiceBinding>& bindings_;
    std::map<std::string, Accumulated> by_load_balancer_;
    std::map<std::string, Accumulated> by_target_group_;
    std::map<std::string, RegionIndex> indexes_;  // by "account/region", for the current step only
    // A binding's RUNNING tasks and the step they were worked out in (steps count from 1).
    struct RunningTasks {
        std::vector<Share> shares;
        std::uint64_t step = 0;
    };
    // By the binding's place in bindings_ (fixed before the driver is made): kept between steps so the
    // lists' storage is reused rather than every service's list made anew each step.
    std::vector<RunningTasks> running_;
    // The modelled task each registration of a group was found to be, by its place in the group: while that
    // task lives and the place holds the same target id, the store's address index is not asked again (every
    // step asks for every target). A task that lives was the live one with its address when found, and no
    // other can take the address in the group's VPC while it lives. By group, until unused for an hour.
    struct ResolvedTarget {
        std::string id;
        std::uint64_t launch = 0;  // 0: resolved to nothing, or to an unnumbered launch
    };
    struct ResolvedGroup {
        std::vector<ResolvedTarget> targets;
        std::uint64_t step = 0;  // the last step that used it
    };
    std::unordered_map<const core::elbv2::TargetGroup*, ResolvedGroup> resolved_;
    // routable_targets' lists, kept so that every group of every step does not allocate its own.
    std::vector<Share> healthy_targets_;
    std::vector<Share> unhealthy_targets_;
    std::optional<core::TimerId> timer_;
    std::uint64_t steps_ = 0;
};

}  // namespace ecsemu::sim
