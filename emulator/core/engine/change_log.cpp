#include "emulator/core/engine/change_log.hpp"

#include <array>
#include <cstdio>
#include <utility>

namespace ecsemu::core::engine {

namespace {

using namespace std::string_view_literals;
constexpr std::array kChangeKindNames{
    "StartTask"sv,
    "StopTask"sv,
    "DeploymentStateChange"sv,
    "DeploymentStatusChange"sv,
    "CreateRollbackDeployment"sv,
    "EmitEvent"sv,
    "RecordStartFailure"sv,
    "SetDeploymentCounters"sv,
    "SetLaunchBackoff"sv,
    "TaskLaunchFailed"sv,
    "TaskStatusChange"sv,
    "TaskStopDecided"sv,
    "ContainerReport"sv,
    "ServiceInactive"sv,
    "TaskStoppedByRestart"sv,
    "StoppedTasksForgotten"sv,
    "PassLimitReached"sv,
    "TargetRegistered"sv,
    "TargetDeregistered"sv,
};
static_assert(kChangeKindNames.size() == static_cast<std::size_t>(ChangeKind::TargetDeregistered) + 1);

}  // namespace

std::string_view to_string(ChangeKind kind) {
    return kChangeKindNames[static_cast<std::size_t>(kind)];
}

std::string ChangeLog::format(const ChangeEntry& entry) {
    char time[32];
    std::snprintf(time, sizeof time, "%lld.%03llds", static_cast<long long>(entry.time.epoch_ms / 1000),
                  static_cast<long long>(entry.time.epoch_ms % 1000));
    std::string out = time;
    out += ' ';
    out += entry.service.empty() ? "-" : entry.service;
    out += ' ';
    out += to_string(entry.kind);
    out += " [" + entry.cause + "]";
    if (!entry.task_id.empty()) out += " task=" + entry.task_id;
    if (!entry.detail.empty()) out += " " + entry.detail;
    return out;
}

void ChangeLog::append(ChangeEntry entry) {
    for (const unsigned char c : format(entry)) digest_ = (digest_ ^ c) * 0x100000001b3ULL;
    digest_ = (digest_ ^ '\n') * 0x100000001b3ULL;
    entries_.push_back(std::move(entry));
    while (entries_.size() > capacity_) {
        entries_.pop_front();
        ++dropped_;
    }
}

void ChangeLog::clear() {
    entries_.clear();
    dropped_ = 0;
    digest_ = 0xcbf29ce484222325ULL;
}

std::vector<ChangeEntry> ChangeLog::of_kind(ChangeKind kind) const {
    std::vector<ChangeEntry> out;
    for (const auto& entry : entries_) {
        if (entry.kind == kind) out.push_back(entry);
    }
    return out;
}

}  // namespace ecsemu::core::engine
