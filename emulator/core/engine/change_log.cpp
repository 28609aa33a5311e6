#include "emulator/core/engine/change_log.hpp"

#include <algorithm>
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

namespace {

// The pieces of an entry's line, in order, handed to `sink` (one definition of the format for both the text
// and the digest, which is fed the pieces without building the line: every task transition is logged).
template <class Sink>
void emit_formatted(const ChangeEntry& entry, Sink&& sink) {
    std::array<char, 32> time{};
    const int length = std::snprintf(time.data(), time.size(), "%lld.%03llds",
                                     static_cast<long long>(entry.time.epoch_ms / 1000),
                                     static_cast<long long>(entry.time.epoch_ms % 1000));
    sink(std::string_view(time.data(), static_cast<std::size_t>(std::max(length, 0))));
    sink(" ");
    sink(entry.service.empty() ? std::string_view("-") : std::string_view(entry.service));
    sink(" ");
    sink(to_string(entry.kind));
    sink(" [");
    sink(entry.cause);
    sink("]");
    if (!entry.task_id.empty()) {
        sink(" task=");
        sink(entry.task_id);
    }
    if (!entry.detail.empty()) {
        sink(" ");
        sink(entry.detail);
    }
}

}  // namespace

std::string ChangeLog::format(const ChangeEntry& entry) {
    std::string out;
    emit_formatted(entry, [&out](std::string_view piece) { out += piece; });
    return out;
}

void ChangeLog::append(ChangeEntry entry) {
    const auto digest = [this](std::string_view piece) {
        for (const unsigned char c : piece) digest_ = (digest_ ^ c) * 0x100000001b3ULL;
    };
    emit_formatted(entry, digest);
    digest("\n");
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
