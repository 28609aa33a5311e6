#pragma once
// Reading one line of /proc/<pid>/stat (proc(5)): the fields the process runtime's usage meter needs. Pure,
// so it is tested on sample text; proc_scan.hpp does the reading.
#include <cstdint>
#include <optional>
#include <string_view>

namespace ecsemu::runtime {

struct ProcStat {
    int pid = 0;
    int ppid = 0;
    int pgrp = 0;
    std::uint64_t cpu_ticks = 0;        // utime + stime, in clock ticks (sysconf(_SC_CLK_TCK))
    std::uint64_t child_cpu_ticks = 0;  // cutime + cstime: children it has waited for
    std::uint64_t start_ticks = 0;      // starttime: tells a reused pid from the process seen before
    std::int64_t rss_pages = 0;         // resident set size, the same figure as statm's second field
};

// Nothing when the text is not a stat line. The command name (field 2) may hold spaces and parentheses,
// so the fields after it are found from the last ')'.
std::optional<ProcStat> parse_proc_stat(std::string_view text);

}  // namespace ecsemu::runtime
