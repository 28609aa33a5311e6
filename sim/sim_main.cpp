#include "sim/sim_main.hpp"

#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <string>
#include <string_view>

#include "emulator/api/scenario/scenario.hpp"
#include "sim/report/render.hpp"
#include "sim/report/summary.hpp"
#include "sim/run/output_directory.hpp"
#include "sim/run/simulation.hpp"
#include "sim/spec/simulation_parse.hpp"

namespace ecsemu::sim {

namespace {

constexpr const char* kUsage =
    "usage: ecsemu sim SCENARIO.json [--seed N] [--duration D] [--out DIR] [--quiet]\n"
    "  runs the scenario's stack on a virtual clock with modelled traffic and tasks (README \"Simulation\")\n"
    "  --seed N      overrides ecsemu.simulation.seed\n"
    "  --duration D  overrides ecsemu.simulation.duration (90s, 15m, 2h, 7d, 1h30m)\n"
    "  --out DIR     writes timeline-<service>.csv, events.jsonl, summary.json and report.html to DIR\n"
    "  --quiet       no progress on stderr\n";

struct SimArguments {
    std::string scenario_file;
    std::optional<std::uint64_t> seed;
    std::optional<std::string> duration;
    std::string out_dir;
    bool quiet = false;
};

// Returns an error message, or nothing when the arguments are good.
std::optional<std::string> parse_arguments(int argc, char** argv, SimArguments& out) {
    for (int i = 1; i < argc; ++i) {
        const std::string_view arg = argv[i];
        auto value = [&]() -> std::optional<std::string> {
            if (i + 1 >= argc) return std::nullopt;
            return std::string(argv[++i]);
        };
        if (arg == "--seed") {
            auto v = value();
            if (!v || v->empty() || v->find_first_not_of("0123456789") != std::string::npos || v->size() > 19)
                return "--seed takes a non-negative integer";
            out.seed = std::stoull(*v);
        } else if (arg == "--duration") {
            auto v = value();
            if (!v) return "--duration takes a duration (90s, 15m, 2h, 7d)";
            out.duration = *v;
        } else if (arg == "--out") {
            auto v = value();
            if (!v || v->empty()) return "--out takes a directory";
            out.out_dir = *v;
        } else if (arg == "--quiet") {
            out.quiet = true;
        } else if (arg == "-h" || arg == "--help") {
            return std::string();
        } else if (!arg.empty() && arg[0] == '-') {
            return "unknown option " + std::string(arg);
        } else if (out.scenario_file.empty()) {
            out.scenario_file = std::string(arg);
        } else {
            return "one scenario file only";
        }
    }
    if (out.scenario_file.empty()) return "a scenario file is required";
    return std::nullopt;
}

std::string simulated_span(core::Duration d) {
    const std::int64_t minutes = d.ms / 60'000;
    char text[64];
    if (minutes >= 1440)
        std::snprintf(text, sizeof text, "%lld d %lld h", static_cast<long long>(minutes / 1440),
                      static_cast<long long>(minutes % 1440 / 60));
    else
        std::snprintf(text, sizeof text, "%lld h %lld min", static_cast<long long>(minutes / 60),
                      static_cast<long long>(minutes % 60));
    return text;
}

}  // namespace

int sim_main(int argc, char** argv) {
    SimArguments args;
    if (auto error = parse_arguments(argc, argv, args)) {
        if (error->empty()) {
            std::fputs(kUsage, stdout);
            return 0;
        }
        std::fprintf(stderr, "ecsemu sim: %s\n%s", error->c_str(), kUsage);
        return 2;
    }
    auto scenario = api::scenario::read_scenario_file(args.scenario_file);
    if (!scenario) {
        std::fprintf(stderr, "ecsemu sim: %s\n", scenario.error().message.c_str());
        return 1;
    }
    auto spec = parse_simulation(scenario.value());
    if (!spec) {
        std::fprintf(stderr, "ecsemu sim: %s\n", spec.error().message.c_str());
        return 1;
    }
    if (args.seed) spec->seed = *args.seed;
    if (args.duration) {
        auto duration = parse_duration_text(*args.duration);
        if (!duration || duration->ms <= 0) {
            std::fprintf(stderr,
                         "ecsemu sim: --duration %s: expected a positive duration (90s, 15m, 2h, 7d)\n",
                         args.duration->c_str());
            return 2;
        }
        spec->duration = *duration;
    }
    if (!args.out_dir.empty()) {
        if (auto problem = check_output_directory(args.out_dir)) {
            std::fprintf(stderr, "ecsemu sim: %s\n", problem->c_str());
            return 1;
        }
    }

    const auto wall_start = std::chrono::steady_clock::now();
    const bool tty = ::isatty(STDERR_FILENO) != 0;
    bool progress_shown = false;
    Progress progress = [&](double fraction) {
        if (args.quiet) return;
        const double wall =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - wall_start).count();
        // Short runs stay quiet; long ones say how far they are.
        if (wall < 1.0 || fraction >= 1.0) return;
        std::fprintf(stderr, tty ? "\r  simulated %3.0f %%  (%.1f s)" : "  simulated %3.0f %%  (%.1f s)\n",
                     fraction * 100.0, wall);
        std::fflush(stderr);
        progress_shown = true;
    };
    RunStatistics statistics;
    auto result = run_simulation(scenario.value(), spec.value(), &statistics, progress);
    if (progress_shown && tty) std::fputs("\n", stderr);
    if (!result) {
        std::fprintf(stderr, "ecsemu sim: %s\n", result.error().message.c_str());
        return 1;
    }
    const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - wall_start).count();
    const SimSummary summary = summarize(result.value());
    std::fputs(render_summary_text(summary, result.value()).c_str(), stdout);
    if (!args.out_dir.empty()) {
        if (auto problem = write_output_directory(args.out_dir, render_outputs(result.value()))) {
            std::fprintf(stderr, "ecsemu sim: %s\n", problem->c_str());
            return 1;
        }
        std::printf("wrote %s/report.html (timelines, events.jsonl, summary.json)\n", args.out_dir.c_str());
    }
    std::fflush(stdout);
    if (!args.quiet) {
        const double simulated = static_cast<double>(spec->duration.ms) / 1000.0;
        std::fprintf(stderr,
                     "simulated %s in %.3f s wall: %.0f simulated s per wall s, %llu clock events (%.0f/s), "
                     "%llu engine passes, %llu service reconciles, peak %llu tasks\n",
                     simulated_span(spec->duration).c_str(), wall, wall > 0 ? simulated / wall : 0.0,
                     static_cast<unsigned long long>(statistics.timers_fired),
                     wall > 0 ? static_cast<double>(statistics.timers_fired) / wall : 0.0,
                     static_cast<unsigned long long>(statistics.engine_passes),
                     static_cast<unsigned long long>(statistics.service_reconciles),
                     static_cast<unsigned long long>(statistics.peak_tasks));
    }
    return 0;
}

}  // namespace ecsemu::sim
