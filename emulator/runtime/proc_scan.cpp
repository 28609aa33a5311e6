// One pass over /proc's numeric entries per scan: the stat line is the only file read per process, and it
// already carries the process group, so there is no need to know a group's members beforehand (a shell's
// children join its group without telling anyone).
#include "emulator/runtime/proc_scan.hpp"

#include <dirent.h>
#include <fcntl.h>
#include <unistd.h>

#include <array>
#include <cctype>
#include <memory>
#include <optional>
#include <string>

namespace ecsemu::runtime {

namespace {

struct DirCloser {
    void operator()(DIR* dir) const { ::closedir(dir); }
};

bool is_pid(const char* name) {
    if (*name == '\0') return false;
    for (const char* c = name; *c != '\0'; ++c) {
        if (!std::isdigit(static_cast<unsigned char>(*c))) return false;
    }
    return true;
}

// A stat line is well under a page; nothing when the process has gone.
std::optional<std::string> read_small_file(const std::string& path) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return std::nullopt;
    std::array<char, 4096> buffer{};
    const ssize_t length = ::read(fd, buffer.data(), buffer.size());
    ::close(fd);
    if (length <= 0) return std::nullopt;
    return std::string(buffer.data(), static_cast<std::size_t>(length));
}

}  // namespace

std::vector<ProcStat> scan_process_groups(const std::set<int>& groups) {
    std::vector<ProcStat> found;
    if (groups.empty()) return found;
    std::unique_ptr<DIR, DirCloser> proc(::opendir("/proc"));
    if (!proc) return found;
    while (const dirent* entry = ::readdir(proc.get())) {
        if (!is_pid(entry->d_name)) continue;
        auto text = read_small_file(std::string("/proc/") + entry->d_name + "/stat");
        if (!text) continue;
        auto stat = parse_proc_stat(*text);
        if (stat && groups.count(stat->pgrp) != 0) found.push_back(*stat);
    }
    return found;
}

double clock_ticks_per_second() {
    const long ticks = ::sysconf(_SC_CLK_TCK);
    return ticks > 0 ? static_cast<double>(ticks) : 100.0;  // 100: what Linux has used on every platform
}

std::int64_t page_size_bytes() {
    const long size = ::sysconf(_SC_PAGESIZE);
    return size > 0 ? size : 4096;
}

}  // namespace ecsemu::runtime
