#include "emulator/runtime/proc_stat.hpp"

#include <charconv>
#include <string_view>
#include <vector>

namespace ecsemu::runtime {

namespace {

// Field numbers as proc(5) gives them (1-based, the pid being 1 and the command 2).
constexpr std::size_t kPpid = 4;
constexpr std::size_t kPgrp = 5;
constexpr std::size_t kUtime = 14;
constexpr std::size_t kStime = 15;
constexpr std::size_t kCutime = 16;
constexpr std::size_t kCstime = 17;
constexpr std::size_t kStartTime = 22;
constexpr std::size_t kRss = 24;

template <typename Number>
bool parse_number(std::string_view text, Number& out) {
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
    return ec == std::errc() && end == text.data() + text.size();
}

// The fields from the state (field 3) onwards, split on spaces.
std::vector<std::string_view> fields_after_command(std::string_view rest) {
    std::vector<std::string_view> fields;
    std::size_t at = 0;
    while (at < rest.size()) {
        while (at < rest.size() && (rest[at] == ' ' || rest[at] == '\n')) ++at;
        std::size_t end = at;
        while (end < rest.size() && rest[end] != ' ' && rest[end] != '\n') ++end;
        if (end > at) fields.push_back(rest.substr(at, end - at));
        at = end;
    }
    return fields;
}

}  // namespace

std::optional<ProcStat> parse_proc_stat(std::string_view text) {
    const auto open = text.find(" (");
    const auto close = text.rfind(')');
    if (open == std::string_view::npos || close == std::string_view::npos || close < open)
        return std::nullopt;
    ProcStat stat;
    if (!parse_number(text.substr(0, open), stat.pid)) return std::nullopt;
    const auto fields = fields_after_command(text.substr(close + 1));
    if (fields.size() < kRss - 2) return std::nullopt;
    auto field = [&](std::size_t number) { return fields[number - 3]; };  // fields[0] is field 3, the state
    // cutime and cstime are signed in the kernel's format; they are never negative in practice.
    std::int64_t cutime = 0;
    std::int64_t cstime = 0;
    std::uint64_t utime = 0;
    std::uint64_t stime = 0;
    const bool ok = parse_number(field(kPpid), stat.ppid) && parse_number(field(kPgrp), stat.pgrp) &&
                    parse_number(field(kUtime), utime) && parse_number(field(kStime), stime) &&
                    parse_number(field(kCutime), cutime) && parse_number(field(kCstime), cstime) &&
                    parse_number(field(kStartTime), stat.start_ticks) &&
                    parse_number(field(kRss), stat.rss_pages);
    if (!ok || cutime < 0 || cstime < 0) return std::nullopt;
    stat.cpu_ticks = utime + stime;
    stat.child_cpu_ticks = static_cast<std::uint64_t>(cutime + cstime);
    return stat;
}

}  // namespace ecsemu::runtime
