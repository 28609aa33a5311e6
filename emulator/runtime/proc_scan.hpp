#pragma once
// Reads /proc for the processes of given process groups (a container is one process group:
// process_table.hpp). A process that ends while the scan reads it is simply not listed.
#include <cstdint>
#include <set>
#include <vector>

#include "emulator/runtime/proc_stat.hpp"

namespace ecsemu::runtime {

// Every live (or not yet reaped) process whose process group is one of `groups`.
std::vector<ProcStat> scan_process_groups(const std::set<int>& groups);

// The units /proc counts in: clock ticks per second and bytes per page.
double clock_ticks_per_second();
std::int64_t page_size_bytes();

}  // namespace ecsemu::runtime
