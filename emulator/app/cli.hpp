#pragma once
// Command-line grammar of the ecsemu executable: which subcommand, and the options of `serve`.
// Parsing is pure (argv in, value out) so main() only dispatches and prints.
#include <cstdint>
#include <cstdio>
#include <string>
#include <vector>

namespace ecsemu::app {

enum class Command { Serve, Sim, Up, Apply, Status, Down, Exec, Help, Version };

struct ServeOptions {
    std::string host = "127.0.0.1";
    std::uint16_t port = 4566;  // 0: an ephemeral port, reported on the ready line
    std::string data_dir;       // empty: state lives in memory only
    std::string region = "ap-southeast-1";
    std::string account_id = "000000000000";
    // Emulated time runs this many times faster than real time (timestamps, task lifecycle delays, health
    // delays, back-off): 10 makes ECS's 40 s "healthy after RUNNING" take 4 s.
    double time_scale = 1.0;
    // "GLOB" or "GLOB=[argv JSON]": containers whose image matches GLOB run as local processes (the task
    // definition's entryPoint + command, or argv followed by the command); every other image runs as an
    // in-process stub HTTP server.
    std::vector<std::string> process_images;
    // A JSON file mapping images to processes: {"process": [{"image": GLOB, "command": [argv...],
    // "workingDirectory": DIR}]}. Consulted after the --process-image patterns.
    std::string runtime_config;
    std::string task_log_dir;  // process output; empty: <data-dir>/task-logs, or a directory under $TMPDIR
};

// `apply`, `status`, `down`: a client of a running server.
struct ClientOptions {
    std::string endpoint = "http://127.0.0.1:4566";
    std::string region = "ap-southeast-1";  // status: whose clusters (apply uses the scenario's region)
    std::string scenario_file;              // apply
    bool json = false;                      // status --json
};

// `up FILE`: serve's options plus the scenario; flags given on the command line win over the scenario's.
struct UpOptions {
    std::string scenario_file;
    bool time_scale_given = false;
};

struct CommandLine {
    Command command = Command::Help;
    ServeOptions serve;  // serve and up
    ClientOptions client;
    UpOptions up;
    std::string usage_error;  // non-empty: print it and the usage on stderr, exit 2
};

// argv[0] is the program name. `sim` and `exec` take their arguments unparsed.
CommandLine parse_command_line(int argc, const char* const* argv);

// Name as typed on the command line ("serve", "up", ...).
const char* command_name(Command command);

void print_usage(std::FILE* out);

}  // namespace ecsemu::app
