#pragma once
// Every decision the engine applies, recorded with its cause as data (LevelDB's VersionEdit log in spirit):
// planner actions, task lifecycle transitions, runtime reports and the engine's own housekeeping. Tests read
// it; the simulator will print it as a timeline; its digest compares two runs of the same scenario.
#include <cstddef>
#include <cstdint>
#include <deque>
#include <string>
#include <string_view>
#include <vector>

#include "emulator/core/time.hpp"

namespace ecsemu::core::engine {

enum class ChangeKind {
    // Planner actions, applied to the store.
    StartTask,
    StopTask,
    DeploymentStateChange,
    DeploymentStatusChange,
    CreateRollbackDeployment,
    EmitEvent,
    RecordStartFailure,
    SetDeploymentCounters,
    SetLaunchBackoff,
    // The engine's own decisions and what it heard.
    TaskLaunchFailed,  // a StartTask that could not be placed (no free address)
    TaskStatusChange,  // lastStatus moved (detail: "FROM -> TO")
    TaskStopDecided,   // the engine set desiredStatus STOPPED (essential exit, start timeout)
    ContainerReport,   // the runtime reported a container running, exited or changed health
    ServiceInactive,   // a DRAINING service has no tasks left
    TaskStoppedByRestart,
    StoppedTasksForgotten,  // STOPPED longer than EngineKnobs::stopped_task_retention (detail: how many)
    PassLimitReached,       // a pass stopped early; see EngineKnobs
    TargetRegistered,       // a task's (IP, port) was registered in a target group (detail: "tg ip:port")
    TargetDeregistered,     // ... deregistered; the task drains for the group's deregistration delay
};

std::string_view to_string(ChangeKind kind);

struct ChangeEntry {
    Instant time;
    std::string service;  // "<cluster>/<service>"; empty for standalone tasks
    ChangeKind kind = ChangeKind::EmitEvent;
    std::string cause;    // ActionCause of a planner action, or the lifecycle/runtime reason
    std::string task_id;  // empty when the change is not about one task
    std::string detail;   // human-readable specifics (event text, "PENDING -> ACTIVATING", ...)
};

// Whether a log keeps its digest: hashing every byte of every entry is a tenth of logging one, and a log that
// is drained and cleared as it goes (the simulator's, every minute) has no run-long digest to keep.
enum class LogDigest { Kept, None };

class ChangeLog {
public:
    explicit ChangeLog(std::size_t capacity = 100'000, LogDigest digest = LogDigest::Kept)
        : capacity_(capacity), keeps_digest_(digest == LogDigest::Kept) {}

    void append(ChangeEntry entry);
    const std::deque<ChangeEntry>& entries() const { return entries_; }
    std::size_t dropped() const { return dropped_; }
    void clear();

    // Entries of one kind, oldest first (for tests).
    std::vector<ChangeEntry> of_kind(ChangeKind kind) const;
    // FNV-1a over every entry appended since the last clear (dropped ones included): equal for two runs of
    // one scenario. Stays at FNV-1a's offset basis (the digest of nothing) when the log keeps no digest.
    std::uint64_t digest() const { return digest_; }

    // "12.500s ielts/web StartTask [Rollout] task=abc... detail", one entry per line.
    static std::string format(const ChangeEntry& entry);

private:
    std::size_t capacity_;
    bool keeps_digest_;
    std::deque<ChangeEntry> entries_;
    std::size_t dropped_ = 0;
    std::uint64_t digest_ = 0xcbf29ce484222325ULL;
};

}  // namespace ecsemu::core::engine
