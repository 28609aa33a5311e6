#include "emulator/app/task_runtimes.hpp"

#include <algorithm>
#include <fstream>
#include <nlohmann/json.hpp>
#include <utility>

namespace ecsemu::app {

std::vector<runtime::ProcessMapping> parse_process_images(const std::vector<std::string>& specs,
                                                          std::string& error) {
    std::vector<runtime::ProcessMapping> mappings;
    for (const auto& spec : specs) {
        runtime::ProcessMapping mapping;
        const auto equals = spec.find('=');
        mapping.image_glob = spec.substr(0, equals);
        if (equals != std::string::npos) {
            const auto argv = nlohmann::json::parse(spec.substr(equals + 1), nullptr, false);
            const bool strings =
                argv.is_array() && !argv.empty() &&
                std::all_of(argv.begin(), argv.end(), [](const auto& a) { return a.is_string(); });
            if (!strings) {
                error = "--process-image " + spec + ": after '=' give the command as a JSON array of strings";
                return {};
            }
            for (const auto& arg : argv) mapping.command.push_back(arg.get<std::string>());
        }
        mappings.push_back(std::move(mapping));
    }
    return mappings;
}

namespace {

bool is_string_array(const nlohmann::json& value) {
    return value.is_array() &&
           std::all_of(value.begin(), value.end(), [](const auto& a) { return a.is_string(); });
}

// One entry of "process"; returns an error text naming the field, empty when it is well-formed.
std::string read_process_entry(const nlohmann::json& entry, const std::string& where,
                               runtime::ProcessMapping& mapping) {
    if (!entry.is_object()) return where + ": must be an object";
    for (const auto& [key, value] : entry.items()) {
        if (key == "image" && value.is_string() && !value.get<std::string>().empty()) {
            mapping.image_glob = value.get<std::string>();
        } else if (key == "command" && is_string_array(value) && !value.empty()) {
            for (const auto& arg : value) mapping.command.push_back(arg.get<std::string>());
        } else if (key == "workingDirectory" && value.is_string()) {
            mapping.working_directory = value.get<std::string>();
        } else if (key == "image" || key == "command" || key == "workingDirectory") {
            return where + "." + key + ": " +
                   (key == "command" ? "must be a non-empty array of strings" : "must be a non-empty string");
        } else {
            return where + "." + key + ": unknown field (expected image, command, workingDirectory)";
        }
    }
    if (mapping.image_glob.empty()) return where + ".image: missing";
    return {};
}

}  // namespace

std::vector<runtime::ProcessMapping> read_runtime_config(const std::string& path, std::string& error) {
    std::ifstream in(path);
    if (!in) {
        error = path + ": cannot be read";
        return {};
    }
    const auto config = nlohmann::json::parse(in, nullptr, false);
    if (config.is_discarded() || !config.is_object()) {
        error = path + ": not a JSON object";
        return {};
    }
    std::vector<runtime::ProcessMapping> mappings;
    for (const auto& [key, value] : config.items()) {
        if (key != "process") {
            error = path + ": " + key + ": unknown field (expected process)";
            return {};
        }
        if (!value.is_array()) {
            error = path + ": process: must be an array";
            return {};
        }
        for (std::size_t i = 0; i < value.size(); ++i) {
            runtime::ProcessMapping mapping;
            error = read_process_entry(value[i], path + ": process[" + std::to_string(i) + "]", mapping);
            if (!error.empty()) return {};
            mappings.push_back(std::move(mapping));
        }
    }
    return mappings;
}

RuntimeRouter::RuntimeRouter(std::vector<runtime::ProcessMapping> process_mappings)
    : process_mappings_(std::move(process_mappings)) {}

void RuntimeRouter::attach(core::TaskRuntime& stub_runtime, core::TaskRuntime& process_runtime) {
    stub_ = &stub_runtime;
    process_ = &process_runtime;
}

void RuntimeRouter::start(const core::TaskLaunch& launch) {
    core::TaskLaunch stub_part = launch;
    core::TaskLaunch process_part = launch;
    stub_part.containers.clear();
    process_part.containers.clear();
    for (const auto& container : launch.containers) {
        const bool as_process = runtime::find_process_mapping(process_mappings_, container.image) != nullptr;
        (as_process ? process_part : stub_part).containers.push_back(container);
    }
    auto& runtimes = runtimes_by_task_[launch.task_id];
    if (!process_part.containers.empty()) {
        runtimes.push_back(process_);
        process_->start(process_part);
    }
    if (!stub_part.containers.empty()) {
        runtimes.push_back(stub_);
        stub_->start(stub_part);
    }
}

void RuntimeRouter::stop(const std::string& task_id) {
    const auto it = runtimes_by_task_.find(task_id);
    if (it == runtimes_by_task_.end()) return;
    const std::vector<core::TaskRuntime*> runtimes = std::move(it->second);
    runtimes_by_task_.erase(it);
    for (core::TaskRuntime* runtime : runtimes) runtime->stop(task_id);
}

void RuntimeRouter::attach_usage(core::TaskUsageSource& stub_usage, core::TaskUsageSource& process_usage) {
    stub_usage_ = &stub_usage;
    process_usage_ = &process_usage;
}

std::vector<core::TaskUsage> RuntimeRouter::take_usage() {
    if (!stub_usage_ || !process_usage_) return {};
    return combine_task_usage({stub_usage_->take_usage(), process_usage_->take_usage()});
}

std::vector<core::TaskUsage> combine_task_usage(const std::vector<std::vector<core::TaskUsage>>& reports) {
    std::map<std::string, core::TaskUsage> by_task;
    for (const auto& report : reports) {
        for (const auto& usage : report) {
            auto& total = by_task[usage.task_id];
            total.task_id = usage.task_id;
            total.cpu_units += usage.cpu_units;
            total.memory_mib += usage.memory_mib;
        }
    }
    std::vector<core::TaskUsage> combined;
    combined.reserve(by_task.size());
    for (auto& [task_id, usage] : by_task) combined.push_back(std::move(usage));
    return combined;
}

}  // namespace ecsemu::app
