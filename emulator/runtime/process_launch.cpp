#include "emulator/runtime/process_launch.hpp"

#include <fnmatch.h>

#include <map>

namespace ecsemu::runtime {

const ProcessMapping* find_process_mapping(const std::vector<ProcessMapping>& mappings,
                                           std::string_view image) {
    const std::string image_text(image);
    for (const auto& mapping : mappings) {
        if (::fnmatch(mapping.image_glob.c_str(), image_text.c_str(), 0) == 0) return &mapping;
    }
    return nullptr;
}

std::vector<std::string> process_argv(const ProcessMapping& mapping, const core::ContainerLaunch& container) {
    std::vector<std::string> argv = mapping.command.empty() ? container.entry_point : mapping.command;
    argv.insert(argv.end(), container.command.begin(), container.command.end());
    return argv;
}

EnvironmentList process_environment(const core::TaskLaunch& task, const core::ContainerLaunch& container,
                                    const EnvironmentList& inherited) {
    std::map<std::string, std::string> variables(inherited.begin(), inherited.end());
    variables["AWS_EXECUTION_ENV"] = "AWS_ECS_FARGATE";
    if (auto region = region_of_arn(task.cluster_arn); !region.empty()) {
        variables["AWS_REGION"] = region;
        variables["AWS_DEFAULT_REGION"] = region;
    }
    for (const auto& [name, value] : container.environment) variables[name] = value;
    variables["ECSEMU_TASK_IP"] = task.private_ip;
    return EnvironmentList(variables.begin(), variables.end());
}

std::string region_of_arn(std::string_view arn) {
    // arn:partition:service:region:account:resource
    if (arn.substr(0, 4) != "arn:") return {};
    std::size_t start = 0;
    for (int field = 0; field < 3; ++field) {
        start = arn.find(':', start);
        if (start == std::string_view::npos) return {};
        ++start;
    }
    std::size_t end = arn.find(':', start);
    if (end == std::string_view::npos) return {};
    return std::string(arn.substr(start, end - start));
}

std::string file_name_component(std::string_view name) {
    std::string out;
    for (char c : name) {
        bool safe = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
                    c == '_' || c == '-';
        out += safe ? c : '_';
    }
    if (out.empty() || out == "." || out == "..") out = "_" + out;
    return out;
}

}  // namespace ecsemu::runtime
