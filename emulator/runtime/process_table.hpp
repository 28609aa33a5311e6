#pragma once
// Creates, signals and reaps the emulator's child processes. Each child leads its own process group, so a
// signal reaches whatever it spawned too (a shell and its children, say), and stdout/stderr go to a log
// file. Exits are noticed at once through SIGCHLD and reported as exit codes: the code the process
// returned, or 128 + the signal that ended it (143 for SIGTERM, 137 for SIGKILL), as Docker reports them.
// When a group leader exits, what is left of its group is killed, as a container's processes die with
// its PID 1.
//
// Only the children this table spawned are reaped (waitid per pid, never wait(-1)), so other code in the
// process may run children of its own; code that reaps with wait(-1) would steal ours.
//
// Threading: all methods and the exit handler run on the io_context's thread.
#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace boost::asio {
class io_context;
}

namespace ecsemu::runtime {

struct SpawnRequest {
    std::vector<std::string> argv;         // argv[0] without a '/' is looked up on the emulator's PATH
    std::vector<std::string> environment;  // "NAME=value", the whole environment of the child
    std::string working_directory;         // empty: the emulator's; relative argv[0] resolves from here
    std::string log_path;                  // stdout and stderr, appended; created if missing
};

struct SpawnOutcome {
    int pid = -1;
    std::string error;  // set when pid is -1, e.g. "/usr/bin/nope: No such file or directory"
};

class ProcessTable {
public:
    using ExitHandler = std::function<void(int pid, int exit_code)>;

    ProcessTable(boost::asio::io_context& io, ExitHandler on_exit);
    // Kills every live process group with SIGKILL and reaps the leaders: no orphans and no zombies. The exit
    // handler is not called.
    ~ProcessTable();
    ProcessTable(const ProcessTable&) = delete;
    ProcessTable& operator=(const ProcessTable&) = delete;

    // REQUIRES: argv is not empty.
    SpawnOutcome spawn(const SpawnRequest& request);
    // Sends signal to the process group of a live child; does nothing for a pid that has been reported.
    void signal_group(int pid, int signal);
    std::size_t live_count() const;

    struct Impl;  // defined in process_table.cpp

private:
    std::unique_ptr<Impl> impl_;
};

}  // namespace ecsemu::runtime
