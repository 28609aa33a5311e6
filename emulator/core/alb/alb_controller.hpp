#pragma once
// The control loop of every application load balancer in an Elbv2World: it health-checks the targets of
// target groups that receive traffic, moves their health through target_health_machine.hpp, drops draining
// registrations when their deregistration delay ends, and publishes a new RoutingSnapshot whenever what the
// proxy may route to changes.
//
// Level-triggered, like the ECS engine. API mutations and probe results only queue work and ask for a pass;
// a pass
//   1. reads clock.now() once;
//   2. records the probe results that arrived (a result whose registration is gone, was re-registered or
//      stopped being checked is dropped);
//   3. walks the target groups: every one after an API mutation or a routing change in time; otherwise the
//      groups whose registrations the ECS engine changed, and elsewhere only the registrations with a check
//      or drain end due (visiting the others would change nothing). It removes registrations whose
//      drain_until has passed; for groups in use (a listener's default action or a rule forwards to them)
//      sends the checks that are due; for groups that stopped being in use, forgets their targets' health
//      (they start over as initial when used again);
//   4. recompiles the snapshot if anything routing-relevant changed, and publishes it;
//   5. sends the probes, tells the hooks which groups' target health changed, and schedules one timer at
//      the earliest due check, drain end, load balancer activation or slow-start step.
//
// Check timing: the first check of a registration goes out kFirstCheckDelay after the pass that first sees
// it in a used group (AWS's first check comes within seconds), then one every interval_seconds. A check is
// not sent while the previous one to the same registration is still in flight (the prober owns the
// timeout; one unanswered after timeout + interval is given up on and its late result ignored). A target
// whose address cannot be resolved fails its checks as a refused connection.
//
// Skipped checks: when the probe vouches for a steady answer (health_probe.hpp) and recording it would change
// nothing (target_health_machine.hpp, result_is_settled), the check is not sent and the target is parked: no
// deadline is kept for it until the probe says that dial host's answers changed, or a full walk (the API may
// have changed the check's settings) picks it up again. Either way its next check is the first point of its
// old schedule that is not in the past, so health moves when checking every interval would have moved it (a
// change at the very instant a check is due is seen by that check; with every check sent, the order of the
// two same-instant events would decide). The emulator's HTTP probe never vouches, so there every check is
// sent.
//
// Threading: single writer; every method, the timer callback and the probe callbacks run on the control
// thread. Probe callbacks may run inside HealthProbe::probe(): results are queued, never applied
// re-entrantly. Hooks run at the end of a pass and may call back into the controller.
#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <tuple>
#include <unordered_map>
#include <utility>
#include <vector>

#include "emulator/core/alb/health_probe.hpp"
#include "emulator/core/alb/routing_snapshot.hpp"
#include "emulator/core/alb/snapshot_compiler.hpp"
#include "emulator/core/elbv2/elbv2_state.hpp"
#include "emulator/core/ports.hpp"

namespace ecsemu::core::alb {

struct AlbControllerHooks {
    // A new snapshot, every time the compiled routing may have changed.
    std::function<void(RoutingSnapshotPtr)> publish;
    // Where a registered target can be reached (see snapshot_compiler.hpp); unset or nullopt falls back to
    // the id itself for 127.0.0.0/8 addresses.
    DialResolver resolve_dial;
    // The health of some target of the group changed, or a draining registration was removed.
    std::function<void(const std::string& account_id, const std::string& region,
                       const std::string& target_group_arn)>
        on_target_health_changed;
};

inline constexpr Duration kFirstCheckDelay = Duration::seconds(1);

class AlbController {
public:
    // `world`, `clock` and `probe` must outlive the controller.
    AlbController(elbv2::Elbv2World& world, Clock& clock, HealthProbe& probe, AlbControllerHooks hooks);
    ~AlbController();
    AlbController(const AlbController&) = delete;
    AlbController& operator=(const AlbController&) = delete;

    // An API call changed (account, region): the next pass recompiles and starts or stops checking targets.
    // The pass runs as soon as the control thread is free.
    void on_api_mutation(const std::string& account_id, const std::string& region);
    // The ECS engine registered or deregistered targets of this group, and nothing else changed: the next
    // pass walks this group in full and only the due registrations of the others, which is what a walk of
    // every group would amount to.
    void on_targets_changed(const std::string& account_id, const std::string& region,
                            const std::string& target_group_arn);
    // Everything, e.g. after the journal was replayed.
    void reconcile_all();
    // The world was just emptied: forgets probes in flight and pending work, publishes an empty snapshot.
    void reset();

    // The last published snapshot (an empty one before the first pass). Without a publish hook nobody routes
    // with it (the simulator reads the ELBv2 store), so it is compiled only when asked for here.
    RoutingSnapshotPtr current_snapshot() const;
    // When the controller's timer is due next (for tests and diagnostics).
    std::optional<Instant> next_pass_at() const { return timer_at_; }
    std::size_t passes() const { return passes_; }
    std::size_t probes_in_flight() const { return in_flight_.size(); }

private:
    // (region key, target group ARN, target id, port)
    using TargetKey = std::tuple<std::string, std::string, std::string, int>;
    using GroupKey = std::pair<std::string, std::string>;  // (region key, target group ARN)

    struct InFlight {
        std::uint64_t sequence = 0;
        Instant registered_at;
        // Past this, a probe that never answered is given up on and a new check may go out.
        Instant stale_at;
    };
    struct Completed {
        TargetKey key;
        std::uint64_t sequence = 0;
        ProbeResult result;
    };
    struct Outgoing {
        TargetKey key;
        std::uint64_t sequence = 0;
        std::optional<ProbeRequest> request;  // nullopt: unreachable, fails as a refused connection
    };

    void request_pass_at(Instant at);
    // The probe says answers from this dial host may have changed: its parked targets are checked again.
    void on_answers_changed(const std::string& dial_host);
    void run_pass();
    void record_results(Instant now);
    void walk_groups(Instant now);
    void walk_due_targets(Instant now);
    // Forgets the group's probes in flight whose registration is gone, draining or no longer checked.
    void forget_stale_flights(const GroupKey& key, bool used, elbv2::TargetGroup& group);
    // What one registration does in a pass; true when its drain ended and it is to be removed.
    bool visit_target(const std::string& region_key, const elbv2::TargetGroup& group,
                      elbv2::RegisteredTarget& target, bool used, bool was_used,
                      Duration deregistration_delay, Instant now, bool& changed);
    // A registration's next check or drain end, kept in deadlines_ for the due walk and schedule_next_pass.
    void track_target(std::size_t number, std::size_t position, const elbv2::RegisteredTarget& target,
                      bool used);
    void track_group(std::size_t number, const elbv2::TargetGroup& group);
    void track_all_deadlines();
    void walk_group(const std::string& region_key, const std::set<std::string>& in_use,
                    elbv2::TargetGroup& group, Instant now);
    void check_target(const std::string& region_key, const elbv2::TargetGroup& group,
                      elbv2::RegisteredTarget& target, Instant now, bool& changed);
    void publish_snapshot(Instant now);
    void send_probes();
    void notify_health_changes();
    void schedule_next_pass(Instant now);

    elbv2::Elbv2World& world_;
    Clock& clock_;
    HealthProbe& probe_;
    AlbControllerHooks hooks_;
    // Probe callbacks hold a weak reference: a result arriving after destruction is dropped.
    std::shared_ptr<AlbController*> self_;

    std::map<TargetKey, InFlight> in_flight_;
    std::vector<Completed> completed_;  // in arrival order
    std::vector<Outgoing> outgoing_;    // decided in this pass, sent at its end
    std::set<GroupKey> used_groups_;    // groups that were in use at the last pass
    std::set<GroupKey> health_changed_;
    bool routing_dirty_ = true;
    bool walk_all_ = true;  // an API mutation or routing change since the last full walk
    // Each region's groups that a listener or rule forwards to, as of the last full walk (only the API
    // changes them).
    std::map<std::string, std::set<std::string>> in_use_;
    // Each group numbered at the last full walk, in walk order, with each registration's next deadline by
    // its position (which only a drain end in a pass, or the API, changes).
    struct GroupDeadlines {
        GroupKey key;
        std::vector<std::optional<Instant>> due_at;
    };
    std::vector<GroupDeadlines> groups_;
    std::map<GroupKey, std::size_t> number_of_;
    std::set<GroupKey> changed_groups_;  // by on_targets_changed since the last pass
    // Parked targets by the dial host whose answer parked them (entries may be stale: the target's
    // checks_parked flag is what counts).
    std::unordered_map<std::string, std::vector<TargetKey>> parked_;
    std::set<std::tuple<Instant, std::size_t, std::size_t>> deadlines_;  // (when, group number, position)
    std::optional<Instant> routing_change_at_;
    // The groups with a slow start, as the last full walk found them (every API mutation walks them all).
    std::vector<SlowStartGroup> slow_start_groups_;
    std::uint64_t next_sequence_ = 1;
    mutable std::uint64_t next_version_ = 1;
    mutable RoutingSnapshotPtr snapshot_;
    mutable std::optional<Instant> snapshot_stale_since_;  // no publish hook: compile on demand, as of then
    std::optional<TimerId> timer_;
    std::optional<Instant> timer_at_;
    std::size_t passes_ = 0;
};

}  // namespace ecsemu::core::alb
