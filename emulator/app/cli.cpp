#include "emulator/app/cli.hpp"

#include <array>
#include <charconv>
#include <cstdlib>
#include <string>
#include <string_view>
#include <utility>

namespace ecsemu::app {
namespace {

struct CommandSpelling {
    std::string_view name;
    Command command;
};

constexpr std::array<CommandSpelling, 12> kCommands{{
    {"serve", Command::Serve},
    {"sim", Command::Sim},
    {"up", Command::Up},
    {"apply", Command::Apply},
    {"status", Command::Status},
    {"down", Command::Down},
    {"exec", Command::Exec},
    {"help", Command::Help},
    {"--help", Command::Help},
    {"-h", Command::Help},
    {"--version", Command::Version},
    {"version", Command::Version},
}};

CommandLine usage_error(std::string message) {
    CommandLine line;
    line.command = Command::Help;
    line.usage_error = std::move(message);
    return line;
}

bool parse_port(std::string_view text, std::uint16_t& port) {
    unsigned value = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || end != text.data() + text.size() || value > 65535) return false;
    port = static_cast<std::uint16_t>(value);
    return true;
}

bool parse_time_scale(std::string_view text, double& scale) {
    if (text.empty()) return false;
    std::string copy(text);
    char* end = nullptr;
    const double value = std::strtod(copy.c_str(), &end);
    if (end != copy.c_str() + copy.size() || !(value >= 0.001 && value <= 10000.0)) return false;
    scale = value;
    return true;
}

bool is_account_id(std::string_view text) {
    if (text.size() != 12) return false;
    for (char c : text) {
        if (c < '0' || c > '9') return false;
    }
    return true;
}

bool is_region_name(std::string_view text) {
    if (text.empty()) return false;
    for (char c : text) {
        bool allowed = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
        if (!allowed) return false;
    }
    return true;
}

// Applies one `--name value` option to options; returns an error message, empty when accepted.
std::string apply_serve_option(std::string_view name, std::string_view value, ServeOptions& options) {
    if (name == "--host") {
        if (value.empty()) return "--host needs an address";
        options.host = value;
    } else if (name == "--port") {
        if (!parse_port(value, options.port)) return "--port needs a number from 0 to 65535";
    } else if (name == "--data-dir") {
        if (value.empty()) return "--data-dir needs a directory";
        options.data_dir = value;
    } else if (name == "--region") {
        if (!is_region_name(value)) return "--region needs a region name such as ap-southeast-1";
        options.region = value;
    } else if (name == "--account-id") {
        if (!is_account_id(value)) return "--account-id needs 12 digits";
        options.account_id = value;
    } else if (name == "--time-scale") {
        if (!parse_time_scale(value, options.time_scale))
            return "--time-scale needs a number from 0.001 to 10000";
    } else if (name == "--process-image") {
        if (value.empty() || value.front() == '=') return "--process-image needs an image pattern";
        options.process_images.emplace_back(value);
    } else if (name == "--runtime-config") {
        if (value.empty()) return "--runtime-config needs a file";
        options.runtime_config = value;
    } else if (name == "--task-log-dir") {
        if (value.empty()) return "--task-log-dir needs a directory";
        options.task_log_dir = value;
    } else {
        return {"?"};  // unknown: the caller names the command
    }
    return {};
}

// Options of the client commands; returns an error message, empty when accepted.
std::string apply_client_option(Command command, std::string_view name, std::string_view value,
                                ClientOptions& options) {
    if (name == "--endpoint") {
        if (value.substr(0, 7) != "http://") return "--endpoint needs an http:// URL";
        options.endpoint = value;
        return {};
    }
    if (name == "--region" && command == Command::Status) {
        if (!is_region_name(value)) return "--region needs a region name such as ap-southeast-1";
        options.region = value;
        return {};
    }
    return std::string("unknown option for ") + command_name(command) + ": " + std::string(name);
}

// serve, up, apply, status and down share one grammar: `--name value` or `--name=value` options, flags
// (status --json) and, for up and apply, one positional scenario file.
CommandLine parse_options(Command command, int argc, const char* const* argv) {
    CommandLine line;
    line.command = command;
    const bool takes_file = command == Command::Up || command == Command::Apply;
    std::string* file = command == Command::Up ? &line.up.scenario_file : &line.client.scenario_file;
    for (int i = 2; i < argc; ++i) {
        std::string_view arg = argv[i];
        if (arg == "--help" || arg == "-h") {
            line.command = Command::Help;
            return line;
        }
        if (command == Command::Status && arg == "--json") {
            line.client.json = true;
            continue;
        }
        if (arg.substr(0, 2) != "--") {
            if (takes_file && file->empty()) {
                *file = arg;
                continue;
            }
            return usage_error(std::string("unexpected argument for ") + command_name(command) + ": " +
                               std::string(arg));
        }
        std::string_view name = arg;
        std::string_view value;
        if (auto equals = arg.find('='); equals != std::string_view::npos) {
            name = arg.substr(0, equals);
            value = arg.substr(equals + 1);
        } else if (i + 1 < argc) {
            value = argv[++i];
        } else {
            return usage_error(std::string(arg) + " needs a value");
        }
        std::string error;
        if (command == Command::Serve || command == Command::Up) {
            error = apply_serve_option(name, value, line.serve);
            if (error == "?")
                error = std::string("unknown option for ") + command_name(command) + ": " + std::string(name);
            if (name == "--time-scale") line.up.time_scale_given = true;
        } else {
            error = apply_client_option(command, name, value, line.client);
        }
        if (!error.empty()) return usage_error(error);
    }
    if (takes_file && file->empty())
        return usage_error(std::string(command_name(command)) + " needs a scenario file");
    return line;
}

}  // namespace

CommandLine parse_command_line(int argc, const char* const* argv) {
    if (argc < 2) return usage_error("missing command");
    std::string_view first = argv[1];
    for (const auto& spelling : kCommands) {
        if (spelling.name != first) continue;
        switch (spelling.command) {
            case Command::Serve:
            case Command::Up:
            case Command::Apply:
            case Command::Status:
            case Command::Down:
                return parse_options(spelling.command, argc, argv);
            default:
                break;
        }
        CommandLine line;
        line.command = spelling.command;
        return line;
    }
    return usage_error("unknown command: " + std::string(first));
}

const char* command_name(Command command) {
    for (const auto& spelling : kCommands) {
        if (spelling.command == command) return spelling.name.data();
    }
    return "?";
}

void print_usage(std::FILE* out) {
    std::fputs(
        "usage: ecsemu <command> [options]\n"
        "\n"
        "commands:\n"
        "  serve     run the AWS API endpoint (ECS, EC2, STS) on one port\n"
        "  sim       run a scaling scenario in the simulator\n"
        "  dns NAME  resolve NAME through ecsemu's DNS server (ecsemu dns --help)\n"
        "  up FILE   serve, apply the scenario FILE, wait until it is steady, print its URLs\n"
        "            (serve's options; --time-scale overrides the scenario's)\n"
        "  apply FILE [--endpoint URL]\n"
        "            apply the scenario FILE to a running server (default http://127.0.0.1:4566)\n"
        "  status [--endpoint URL] [--region REGION] [--json]\n"
        "            clusters, services, deployments, tasks and target health\n"
        "  down [--endpoint URL]\n"
        "            stop a running server\n"
        "  exec      reserved: not available in this version\n"
        "  help      show this text\n"
        "  --version print the version\n"
        "\n"
        "serve options:\n"
        "  --host ADDRESS        address to listen on (default 127.0.0.1)\n"
        "  --port PORT           port to listen on, 0 for any free port (default 4566)\n"
        "  --data-dir DIR        keep state in DIR/journal.jsonl across restarts (default: memory only)\n"
        "  --region REGION       region of unsigned requests (default ap-southeast-1)\n"
        "  --account-id ID       12-digit account id in ARNs (default 000000000000)\n"
        "  --time-scale X        run emulated time X times faster than real time (default 1)\n"
        "  --process-image GLOB[=ARGV]\n"
        "                        run containers whose image matches GLOB as local processes: the\n"
        "                        task definition's entryPoint and command, or ARGV (a JSON array)\n"
        "                        followed by the command; repeatable, first match wins; other images\n"
        "                        run as stub HTTP servers\n"
        "  --runtime-config FILE JSON image-to-process mapping: {\"process\": [{\"image\": GLOB,\n"
        "                        \"command\": [ARGV], \"workingDirectory\": DIR}]}; after --process-image\n"
        "  --task-log-dir DIR    where process containers write their output (default DATA-DIR/task-logs)\n"
        "\n"
        "When ready, serve prints one line: ecsemu listening on http://HOST:PORT\n",
        out);
}

}  // namespace ecsemu::app
