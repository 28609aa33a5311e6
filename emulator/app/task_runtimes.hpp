#pragma once
// The task runtimes `serve` offers and how a task's containers are shared out between them: containers
// whose image matches a --process-image pattern run as local processes (emulator/runtime), every other
// container as an in-process stub HTTP server (net/stub). A task may have containers in both; the engine
// sees one TaskRuntime either way.
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "emulator/core/task_runtime.hpp"
#include "emulator/core/task_usage.hpp"
#include "emulator/runtime/process_launch.hpp"

namespace ecsemu::app {

// "GLOB" or "GLOB=[\"argv0\", ...]" (see ServeOptions::process_images). Returns an error message in
// `error` and nothing when the text is malformed.
std::vector<runtime::ProcessMapping> parse_process_images(const std::vector<std::string>& specs,
                                                          std::string& error);

// Reads a --runtime-config file: {"process": [{"image": GLOB, "command": [argv...] (optional),
// "workingDirectory": DIR (optional)}]}. Unknown members are refused so a misspelt one is not ignored.
// Returns nothing and an error naming the file and the field when the file is unreadable or malformed.
std::vector<runtime::ProcessMapping> read_runtime_config(const std::string& path, std::string& error);

// Adds up what several sources report for the same task: a task with containers in both runtimes shows up
// in each. One entry per task, in task id order.
std::vector<core::TaskUsage> combine_task_usage(const std::vector<std::vector<core::TaskUsage>>& reports);

class RuntimeRouter final : public core::TaskRuntime, public core::TaskUsageSource {
public:
    explicit RuntimeRouter(std::vector<runtime::ProcessMapping> process_mappings);

    // REQUIRES: called once, before the first start(); both outlive the router's use.
    void attach(core::TaskRuntime& stub_runtime, core::TaskRuntime& process_runtime);
    // REQUIRES: both outlive the router's use. Without it take_usage() reports nothing.
    void attach_usage(core::TaskUsageSource& stub_usage, core::TaskUsageSource& process_usage);

    void start(const core::TaskLaunch& launch) override;
    void stop(const std::string& task_id) override;
    // Both runtimes' usage, combined per task. Runs on the runtimes' (io_context) thread.
    std::vector<core::TaskUsage> take_usage() override;

private:
    std::vector<runtime::ProcessMapping> process_mappings_;
    core::TaskRuntime* stub_ = nullptr;
    core::TaskRuntime* process_ = nullptr;
    core::TaskUsageSource* stub_usage_ = nullptr;
    core::TaskUsageSource* process_usage_ = nullptr;
    std::map<std::string, std::vector<core::TaskRuntime*>> runtimes_by_task_;
};

}  // namespace ecsemu::app
