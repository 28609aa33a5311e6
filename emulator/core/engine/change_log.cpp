#include "emulator/core/engine/change_log.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cstdint>
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

// "<seconds>.<milliseconds>s" in `buffer`. Every task transition is logged, and snprintf was most of a log
// entry's cost; a time before the epoch keeps snprintf's form.
std::string_view time_text(Instant at, std::array<char, 32>& buffer) {
    const std::int64_t ms = at.epoch_ms;
    if (ms < 0) {
        const int length =
            std::snprintf(buffer.data(), buffer.size(), "%lld.%03llds", static_cast<long long>(ms / 1000),
                          static_cast<long long>(ms % 1000));
        return {buffer.data(), static_cast<std::size_t>(std::max(length, 0))};
    }
    char* end = std::to_chars(buffer.data(), buffer.data() + buffer.size() - 5, ms / 1000).ptr;
    const auto fraction = static_cast<int>(ms % 1000);
    *end++ = '.';
    *end++ = static_cast<char>('0' + fraction / 100);
    *end++ = static_cast<char>('0' + fraction / 10 % 10);
    *end++ = static_cast<char>('0' + fraction % 10);
    *end++ = 's';
    return {buffer.data(), static_cast<std::size_t>(end - buffer.data())};
}

// The pieces of an entry's line, in order, handed to `sink` (one definition of the format for both the text
// and the digest, which is fed the pieces without building the line: every task transition is logged).
template <class Sink>
void emit_formatted(const ChangeEntry& entry, Sink&& sink) {
    std::array<char, 32> time{};
    sink(time_text(entry.time, time));
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
    if (keeps_digest_) {
        const auto digest = [this](std::string_view piece) {
            for (const unsigned char c : piece) digest_ = (digest_ ^ c) * 0x100000001b3ULL;
        };
        emit_formatted(entry, digest);
        digest("\n");
    }
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
