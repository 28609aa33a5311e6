#pragma once
// How a container of a task definition becomes a local process: which mapping runs it, with which argv
// and which environment. Pure functions of the launch and the mappings, tested directly.
//
// argv: a mapping's command takes the place of the image's entryPoint, and the container's `command` is
// appended as its arguments (mapping ["python3", "app.py"] + command ["--workers", "2"] runs
// `python3 app.py --workers 2`). A mapping with no command runs the container's entryPoint followed by
// its command, for images whose commands exist on the host as they are.
//
// Environment: PATH and the other inherited host variables, then AWS_EXECUTION_ENV=AWS_ECS_FARGATE and
// AWS_REGION / AWS_DEFAULT_REGION from the cluster ARN, then the launch's environment (task definition
// variables and the ECS_CONTAINER_METADATA_URI* values the engine puts there), then
// ECSEMU_TASK_IP=<the task's private IP>. Later entries win. No PORT is set: a process listens on its
// container ports at ECSEMU_TASK_IP, as its task definition says.
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "emulator/core/task_runtime.hpp"

namespace ecsemu::runtime {

struct ProcessMapping {
    std::string image_glob;            // fnmatch(3) pattern against the image, e.g. "*/orders-api:*"
    std::vector<std::string> command;  // replaces the entryPoint; empty: run entryPoint + command
    std::string working_directory;     // empty: the emulator's working directory
};

using EnvironmentList = std::vector<std::pair<std::string, std::string>>;

// The first mapping whose glob matches the image, or nullptr.
const ProcessMapping* find_process_mapping(const std::vector<ProcessMapping>& mappings,
                                           std::string_view image);

std::vector<std::string> process_argv(const ProcessMapping& mapping, const core::ContainerLaunch& container);

// inherited: host variables to pass on, already read (name, value). Sorted by name, one entry per name.
EnvironmentList process_environment(const core::TaskLaunch& task, const core::ContainerLaunch& container,
                                    const EnvironmentList& inherited);

// "us-east-1" from "arn:aws:ecs:us-east-1:000000000000:cluster/default"; empty when not an ARN.
std::string region_of_arn(std::string_view arn);

// A container name made safe as one path component: anything but [A-Za-z0-9._-] becomes '_'.
std::string file_name_component(std::string_view name);

}  // namespace ecsemu::runtime
