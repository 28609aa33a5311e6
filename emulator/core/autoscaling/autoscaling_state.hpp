#pragma once
// Application Auto Scaling's objects for one (account, region), and the world of all regions. The API
// (api/autoscaling) changes targets, policies and scheduled actions; the scaling controller
// (scaling_controller.hpp) appends activities and remembers cooldowns. Ordered containers throughout.
#include <deque>
#include <map>
#include <optional>
#include <string>

#include "emulator/core/autoscaling/autoscaling_model.hpp"
#include "emulator/core/ids.hpp"
#include "emulator/core/region_key.hpp"

namespace ecsemu::core::autoscaling {

// "<namespace>|<resource id>|<dimension>": a scalable target's identity.
std::string target_key(const std::string& service_namespace, const std::string& resource_id,
                       const std::string& scalable_dimension);

// What the scaling controller remembers of a target between evaluations.
struct ScalingMemory {
    // When the last scale-out was fulfilled (ECS runs what it asked for; until then, when it was made): the
    // scale-out cooldown counts from here.
    std::optional<Instant> last_scale_out;
    bool scale_out_fulfilled = true;
    int capacity_before_scale_out = 0;  // the desired count the metric was measured on
    std::optional<Instant> last_scale_in;
    std::optional<Duration> scale_out_cooldown;  // of the policy that scaled out last
    std::optional<Duration> scale_in_cooldown;
    // The alarm a not-scaled activity was last recorded for, so one stretch in ALARM records it once.
    std::string not_scaled_alarm;
};

struct AutoScalingState {
    std::map<std::string, ScalableTarget> targets;     // by target_key
    std::map<std::string, ScalingPolicy> policies;     // by "<target key>|<policy name>"
    std::map<std::string, ScheduledAction> scheduled;  // by "<target key>|<action name>"
    std::deque<ScalingActivity> activities;            // oldest first, bounded (kMaxActivities)
    std::map<std::string, ScalingMemory> memory;       // by target_key
    // No activity that started before this is still InProgress, so the controller's periodic check walks only
    // the newer ones, not the whole history; nullopt (as after a restore): not known, walk them all. Kept by
    // the scaling controller; activities are appended in start order.
    std::optional<Instant> in_progress_from;

    static constexpr std::size_t kMaxActivities = 10000;
};

struct AutoScalingRegion {
    AutoScalingState state;
    IdSource ids;
};

class AutoScalingWorld {
public:
    // The region, created empty on first use; its IdSource is seeded from "autoscaling/<account>/<region>".
    AutoScalingRegion& region(const std::string& account_id, const std::string& region);
    AutoScalingRegion* find_region(const std::string& account_id, const std::string& region);

    RegionMap<AutoScalingRegion>& regions() { return regions_; }
    const RegionMap<AutoScalingRegion>& regions() const { return regions_; }

    void reset() { regions_.clear(); }

    static std::string region_key(const std::string& account_id, const std::string& region);

private:
    RegionMap<AutoScalingRegion> regions_;
};

}  // namespace ecsemu::core::autoscaling
