#include "emulator/core/alb/alb_controller.hpp"

#include <algorithm>
#include <charconv>
#include <limits>

#include "emulator/core/alb/target_health_machine.hpp"
#include "emulator/core/elbv2/targets.hpp"
#include "emulator/core/region_key.hpp"

namespace ecsemu::core::alb {

namespace {

using elbv2::RegisteredTarget;
using elbv2::TargetGroup;

int health_check_port(const TargetGroup& group, const RegisteredTarget& target) {
    const std::string& port = group.health_check.port;
    if (port.empty() || port == "traffic-port") return target.port;
    int value = 0;
    const auto [end, error] = std::from_chars(port.data(), port.data() + port.size(), value);
    return (error == std::errc() && end == port.data() + port.size()) ? value : target.port;
}

// Whether a probe in flight to the registration made at `registered_at` still concerns `target` (nullptr:
// gone, or its group is not checked): not when it drains or was registered afresh since.
bool flight_current(const RegisteredTarget* target, Instant registered_at) {
    return target != nullptr && !is_draining(*target) && target->registered_at == registered_at;
}

Duration check_interval(const TargetGroup& group) {
    return Duration::seconds(std::max(1, group.health_check.interval_seconds));
}

// Unparks a target: its next check is the first point of its schedule (next_check_at + k x interval) that is
// not before `now`.
void pick_up_schedule(RegisteredTarget& target, Duration interval, Instant now) {
    target.checks_parked = false;
    if (!target.next_check_at) {
        target.next_check_at = now;
        return;
    }
    if (*target.next_check_at >= now) return;
    const std::int64_t behind = (now - *target.next_check_at).ms;
    const std::int64_t steps = (behind + interval.ms - 1) / interval.ms;
    *target.next_check_at = *target.next_check_at + Duration::milliseconds(steps * interval.ms);
}

}  // namespace

AlbController::AlbController(elbv2::Elbv2World& world, Clock& clock, HealthProbe& probe,
                             AlbControllerHooks hooks)
    : world_(world),
      clock_(clock),
      probe_(probe),
      hooks_(std::move(hooks)),
      self_(std::make_shared<AlbController*>(this)),
      snapshot_(std::make_shared<const RoutingSnapshot>()) {
    probe_.watch_answers([this](const std::string& dial_host) { on_answers_changed(dial_host); });
}

AlbController::~AlbController() {
    probe_.watch_answers(nullptr);
    if (timer_) clock_.cancel(*timer_);
}

void AlbController::on_api_mutation(const std::string& /*account_id*/, const std::string& /*region*/) {
    // One snapshot covers every region, and a pass walks them all: the region only says that something
    // changed.
    routing_dirty_ = true;
    walk_all_ = true;
    request_pass_at(clock_.now());
}

void AlbController::on_targets_changed(const std::string& account_id, const std::string& region,
                                       const std::string& target_group_arn) {
    changed_groups_.insert({elbv2::Elbv2World::region_key(account_id, region), target_group_arn});
    routing_dirty_ = true;
    request_pass_at(clock_.now());
}

void AlbController::reconcile_all() {
    routing_dirty_ = true;
    walk_all_ = true;
    request_pass_at(clock_.now());
}

void AlbController::reset() {
    if (timer_) clock_.cancel(*timer_);
    timer_.reset();
    timer_at_.reset();
    in_flight_.clear();
    completed_.clear();
    outgoing_.clear();
    used_groups_.clear();
    health_changed_.clear();
    routing_change_at_.reset();
    routing_dirty_ = false;
    walk_all_ = true;
    in_use_.clear();
    groups_.clear();
    number_of_.clear();
    changed_groups_.clear();
    deadlines_.clear();
    parked_.clear();
    slow_start_groups_ = slow_start_groups(world_);
    publish_snapshot(clock_.now());
}

// ------------------------------------------------------------------------------------------------- pass

void AlbController::request_pass_at(Instant at) {
    if (timer_ && timer_at_ && *timer_at_ <= at) return;
    if (timer_) clock_.cancel(*timer_);
    timer_at_ = at;
    timer_ = clock_.schedule_at(at, [this] { run_pass(); });
}

void AlbController::on_answers_changed(const std::string& dial_host) {
    const auto found = parked_.find(dial_host);
    if (found == parked_.end()) return;
    const std::vector<TargetKey> keys = std::move(found->second);
    parked_.erase(found);
    const Instant now = clock_.now();
    for (const auto& [region_key, group_arn, target_id, port] : keys) {
        const auto region = world_.regions().find(region_key);
        if (region == world_.regions().end()) continue;
        const auto group = region->second.state.target_groups.find(group_arn);
        if (group == region->second.state.target_groups.end()) continue;
        RegisteredTarget* target = elbv2::find_pair(group->second, target_id, port);
        if (target == nullptr || !target->checks_parked) continue;
        pick_up_schedule(*target, check_interval(group->second), now);
        request_pass_at(*target->next_check_at);
        // A full walk is due anyway when the group is not numbered or has changed shape since.
        const auto number = number_of_.find({region_key, group_arn});
        const auto position = static_cast<std::size_t>(target - group->second.targets.data());
        if (walk_all_ || number == number_of_.end() || position >= groups_[number->second].due_at.size()) {
            walk_all_ = true;
            continue;
        }
        track_target(number->second, position, *target, used_groups_.count({region_key, group_arn}) != 0);
    }
}

void AlbController::run_pass() {
    timer_.reset();
    timer_at_.reset();
    const Instant now = clock_.now();
    ++passes_;
    record_results(now);
    // A load balancer turning active or a slow-start step changes routing without an API call.
    if (routing_change_at_ && *routing_change_at_ <= now) walk_all_ = true;
    for (const GroupKey& key : changed_groups_) {
        if (number_of_.count(key) == 0) walk_all_ = true;  // a group the last full walk did not see
    }
    if (walk_all_) {
        changed_groups_.clear();
        walk_groups(now);
        track_all_deadlines();
    } else {
        walk_due_targets(now);
    }
    if (routing_change_at_ && *routing_change_at_ <= now) routing_dirty_ = true;
    if (routing_dirty_) publish_snapshot(now);
    send_probes();
    notify_health_changes();
    schedule_next_pass(now);
}

void AlbController::record_results(Instant now) {
    std::vector<Completed> results = std::move(completed_);
    completed_.clear();
    for (const Completed& done : results) {
        const auto flight = in_flight_.find(done.key);
        if (flight == in_flight_.end() || flight->second.sequence != done.sequence) continue;
        const Instant registered_at = flight->second.registered_at;
        in_flight_.erase(flight);

        const auto& [region_key, group_arn, target_id, port] = done.key;
        const auto region = world_.regions().find(region_key);
        if (region == world_.regions().end()) continue;
        const auto group = region->second.state.target_groups.find(group_arn);
        if (group == region->second.state.target_groups.end()) continue;
        RegisteredTarget* target = elbv2::find_pair(group->second, target_id, port);
        // Deregistered and registered again while the check was out: the result is about the old one.
        if (target == nullptr || target->registered_at != registered_at) continue;
        if (apply_probe_result(*target, group->second.health_check, done.result, now)) {
            health_changed_.insert({region_key, group_arn});
            routing_dirty_ = true;
        }
    }
}

void AlbController::walk_groups(Instant now) {
    parked_.clear();  // every parked target is picked up below, and parked again only by a check
    slow_start_groups_ = slow_start_groups(world_);  // the API may have changed a group's slow start
    std::set<GroupKey> used_now;
    in_use_.clear();
    for (auto& [region_key, region] : world_.regions()) {
        const std::set<std::string>& in_use = in_use_[region_key] = target_groups_in_use(region.state);
        for (auto& [arn, group] : region.state.target_groups) {
            // The API may have changed what a check asks or accepts: parked targets are checked again.
            for (RegisteredTarget& target : group.targets) {
                if (target.checks_parked) pick_up_schedule(target, check_interval(group), now);
            }
            walk_group(region_key, in_use, group, now);
            if (in_use.count(arn) != 0) used_now.insert({region_key, arn});
        }
    }
    // Forget flights of registrations that no longer exist or are no longer checked.
    for (auto it = in_flight_.begin(); it != in_flight_.end();) {
        const auto& [region_key, group_arn, target_id, port] = it->first;
        const RegisteredTarget* target = nullptr;
        if (used_now.count({region_key, group_arn}) != 0) {
            TargetGroup& group = world_.regions().at(region_key).state.target_groups.at(group_arn);
            target = elbv2::find_pair(group, target_id, port);
        }
        it = flight_current(target, it->second.registered_at) ? std::next(it) : in_flight_.erase(it);
    }
    if (used_now != used_groups_) routing_dirty_ = true;
    used_groups_ = std::move(used_now);
}

void AlbController::walk_due_targets(Instant now) {
    // Between API mutations nothing decides a group's usage, registrations or check settings, so only the
    // registrations whose check or drain end is due have anything to do. They are visited as the full walk
    // would visit them: by group in (region, ARN) order, then in registration order.
    std::map<std::size_t, std::vector<std::size_t>> due;  // group number -> positions
    while (!deadlines_.empty() && std::get<0>(*deadlines_.begin()) <= now) {
        const auto [when, number, position] = *deadlines_.begin();
        deadlines_.erase(deadlines_.begin());
        groups_[number].due_at[position].reset();
        due[number].push_back(position);
    }
    // Groups whose registrations the engine changed are walked whole, in their place in the order.
    const std::set<GroupKey> engine_changed = std::move(changed_groups_);
    changed_groups_.clear();
    for (const GroupKey& key : engine_changed) due[number_of_.at(key)];
    for (auto& [number, positions] : due) {
        const GroupKey& key = groups_[number].key;
        const auto region = world_.regions().find(key.first);
        if (region == world_.regions().end()) continue;
        const auto found = region->second.state.target_groups.find(key.second);
        if (found == region->second.state.target_groups.end()) continue;
        TargetGroup& group = found->second;
        const bool used = in_use_[key.first].count(key.second) != 0;
        if (engine_changed.count(key) != 0) {
            walk_group(key.first, in_use_[key.first], group, now);
            forget_stale_flights(key, used, group);
            track_group(number, group);
            continue;
        }
        const bool was_used = used_groups_.count(key) != 0;
        const Duration delay = elbv2::deregistration_delay(group);
        std::sort(positions.begin(), positions.end());
        bool changed = false;
        std::vector<std::size_t> drained;
        for (const std::size_t position : positions) {
            if (position >= group.targets.size()) continue;
            RegisteredTarget& target = group.targets[position];
            if (visit_target(key.first, group, target, used, was_used, delay, now, changed))
                drained.push_back(position);
        }
        // Erased after the visits, last first, so the positions above still named the right targets.
        for (auto it = drained.rbegin(); it != drained.rend(); ++it)
            group.targets.erase(group.targets.begin() + static_cast<std::ptrdiff_t>(*it));
        if (!drained.empty()) {
            track_group(number, group);
        } else {
            for (const std::size_t position : positions) {
                if (position < group.targets.size())
                    track_target(number, position, group.targets[position], used);
            }
        }
        if (changed) {
            health_changed_.insert(key);
            routing_dirty_ = true;
        }
    }
}

void AlbController::forget_stale_flights(const GroupKey& key, bool used, TargetGroup& group) {
    auto it = in_flight_.lower_bound(
        TargetKey{key.first, key.second, std::string(), std::numeric_limits<int>::min()});
    while (it != in_flight_.end() && std::get<0>(it->first) == key.first &&
           std::get<1>(it->first) == key.second) {
        const RegisteredTarget* target =
            used ? elbv2::find_pair(group, std::get<2>(it->first), std::get<3>(it->first)) : nullptr;
        it = flight_current(target, it->second.registered_at) ? std::next(it) : in_flight_.erase(it);
    }
}

void AlbController::track_target(std::size_t number, std::size_t position, const RegisteredTarget& target,
                                 bool used) {
    std::optional<Instant>& due_at = groups_[number].due_at[position];
    if (due_at) deadlines_.erase({*due_at, number, position});
    due_at.reset();
    if (target.drain_until) due_at = target.drain_until;
    if (used && target.next_check_at && !target.checks_parked && !is_draining(target) &&
        (!due_at || *target.next_check_at < *due_at))
        due_at = target.next_check_at;
    if (due_at) deadlines_.emplace(*due_at, number, position);
}

void AlbController::track_group(std::size_t number, const TargetGroup& group) {
    GroupDeadlines& slot = groups_[number];
    for (std::size_t position = 0; position < slot.due_at.size(); ++position) {
        if (slot.due_at[position]) deadlines_.erase({*slot.due_at[position], number, position});
    }
    slot.due_at.assign(group.targets.size(), std::nullopt);
    const bool used = used_groups_.count(slot.key) != 0;
    for (std::size_t position = 0; position < group.targets.size(); ++position)
        track_target(number, position, group.targets[position], used);
}

void AlbController::track_all_deadlines() {
    walk_all_ = false;
    groups_.clear();
    number_of_.clear();
    deadlines_.clear();
    for (const auto& [region_key, region] : world_.regions()) {
        for (const auto& [arn, group] : region.state.target_groups) {
            number_of_[{region_key, arn}] = groups_.size();
            groups_.push_back(GroupDeadlines{{region_key, arn}, {}});
            track_group(groups_.size() - 1, group);
        }
    }
}

void AlbController::walk_group(const std::string& region_key, const std::set<std::string>& in_use,
                               TargetGroup& group, Instant now) {
    const GroupKey key{region_key, group.arn};
    const bool used = in_use.count(group.arn) != 0;
    const bool was_used = used_groups_.count(key) != 0;
    bool changed = false;
    const Duration delay = elbv2::deregistration_delay(group);
    for (auto it = group.targets.begin(); it != group.targets.end();) {
        if (visit_target(region_key, group, *it, used, was_used, delay, now, changed)) {
            it = group.targets.erase(it);
        } else {
            ++it;
        }
    }
    if (changed) {
        health_changed_.insert(key);
        routing_dirty_ = true;
    }
}

bool AlbController::visit_target(const std::string& region_key, const TargetGroup& group,
                                 RegisteredTarget& target, bool used, bool was_used,
                                 Duration deregistration_delay, Instant now, bool& changed) {
    if (is_draining(target)) {
        // The API layer sets drain_until; a draining target without one drains for the group's delay.
        if (!target.drain_until) target.drain_until = now + deregistration_delay;
        if (now >= *target.drain_until) {
            changed = true;
            return true;
        }
        return false;
    }
    if (!used) {
        // AWS shows these as unused (computed by the API layer); when the group receives traffic again
        // its targets start over from the initial checks.
        if (was_used && restart_health(target)) changed = true;
        target.next_check_at.reset();
        return false;
    }
    check_target(region_key, group, target, now, changed);
    return false;
}

void AlbController::check_target(const std::string& region_key, const TargetGroup& group,
                                 RegisteredTarget& target, Instant now, bool& changed) {
    if (target.checks_parked) return;  // only a full walk or the probe picks it up
    if (!group.health_check.enabled) {
        if (target.health.state != elbv2::TargetState::Unavailable) {
            target.health = health_check_disabled_status();
            changed = true;
        }
        target.next_check_at.reset();
        return;
    }
    if (target.health.state == elbv2::TargetState::Unavailable ||
        target.health.state == elbv2::TargetState::Unused ||
        (target.health.state == elbv2::TargetState::Initial && target.health.reason.empty())) {
        if (restart_health(target)) changed = true;
    }
    if (!target.next_check_at) target.next_check_at = now + kFirstCheckDelay;
    if (now < *target.next_check_at) return;

    const Duration interval = check_interval(group);
    target.next_check_at = now + interval;
    const TargetKey key{region_key, group.arn, target.id, target.port};
    const Duration timeout = Duration::seconds(std::max(1, group.health_check.timeout_seconds));
    const auto flight = in_flight_.find(key);
    if (flight != in_flight_.end() && now < flight->second.stale_at)
        return;  // still waiting for the last one

    const int port = health_check_port(group, target);
    const auto [account, region] = core::split_region_key(region_key);
    std::optional<ProbeRequest> request;
    if (const auto dial = resolve_dial(hooks_.resolve_dial, account, region, target.id, port)) {
        request.emplace();
        request->dial_host = dial->first;
        request->dial_port = dial->second;
        request->path = group.health_check.path.empty() ? "/" : group.health_check.path;
        request->host_header = target.id + ":" + std::to_string(port);
        request->timeout = timeout;
        const std::optional<ProbeResult> answer = probe_.steady_answer(*request);
        if (answer && result_is_settled(target, group.health_check, *answer)) {
            // This check and its repeats would change nothing until the probe says the answer changed.
            target.checks_parked = true;
            parked_[request->dial_host].push_back(key);
            in_flight_.erase(key);
            return;
        }
    }

    if (mark_check_sent(target)) changed = true;
    const std::uint64_t sequence = next_sequence_++;
    in_flight_[key] = InFlight{sequence, target.registered_at, now + timeout + interval};
    outgoing_.push_back(Outgoing{key, sequence, std::move(request)});
}

void AlbController::publish_snapshot(Instant now) {
    routing_dirty_ = false;
    routing_change_at_ = next_routing_change(world_, now, slow_start_groups_);
    if (!hooks_.publish) {
        // Compiling walks every target of every group, at each health change: only worth it for a proxy.
        snapshot_stale_since_ = now;
        return;
    }
    auto snapshot = std::make_shared<RoutingSnapshot>(compile_snapshot(world_, now, hooks_.resolve_dial));
    snapshot->version = next_version_++;
    snapshot_ = std::move(snapshot);
    hooks_.publish(snapshot_);
}

RoutingSnapshotPtr AlbController::current_snapshot() const {
    if (snapshot_stale_since_) {
        auto snapshot = std::make_shared<RoutingSnapshot>(
            compile_snapshot(world_, *snapshot_stale_since_, hooks_.resolve_dial));
        snapshot->version = next_version_++;
        snapshot_ = std::move(snapshot);
        snapshot_stale_since_.reset();
    }
    return snapshot_;
}

void AlbController::send_probes() {
    std::vector<Outgoing> outgoing = std::move(outgoing_);
    outgoing_.clear();
    const std::weak_ptr<AlbController*> weak = self_;
    for (Outgoing& probe : outgoing) {
        if (!probe.request) {
            completed_.push_back(
                {probe.key, probe.sequence, ProbeResult{ProbeResult::Outcome::ConnectFailed, 0}});
            request_pass_at(clock_.now());
            continue;
        }
        probe_.probe(*probe.request, [weak, key = probe.key, sequence = probe.sequence](ProbeResult result) {
            const auto self = weak.lock();
            if (!self) return;
            AlbController& controller = **self;
            controller.completed_.push_back({key, sequence, result});
            controller.request_pass_at(controller.clock_.now());
        });
    }
}

void AlbController::notify_health_changes() {
    std::set<GroupKey> changed = std::move(health_changed_);
    health_changed_.clear();
    if (!hooks_.on_target_health_changed) return;
    for (const auto& [region_key, group_arn] : changed) {
        const auto [account, region] = core::split_region_key(region_key);
        hooks_.on_target_health_changed(account, region, group_arn);
    }
}

void AlbController::schedule_next_pass(Instant now) {
    std::optional<Instant> earliest = routing_change_at_;
    if (!deadlines_.empty() && (!earliest || std::get<0>(*deadlines_.begin()) < *earliest))
        earliest = std::get<0>(*deadlines_.begin());
    if (earliest) request_pass_at(std::max(*earliest, now));
}

}  // namespace ecsemu::core::alb
