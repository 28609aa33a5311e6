#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "emulator/api/scenario/references.hpp"
#include "emulator/api/scenario/request_check.hpp"
#include "emulator/api/scenario/resource_kinds.hpp"
#include "emulator/api/scenario/scenario.hpp"

namespace ecsemu::api::scenario {
namespace {

using nlohmann::json;

core::AwsError invalid(const std::string& message) {
    return core::AwsError::client("InvalidScenario", message);
}

std::string quoted_list(const std::vector<std::string>& names) {
    std::string text;
    for (const auto& name : names) text += (text.empty() ? "" : ", ") + name;
    return text;
}

class Parser {
public:
    explicit Parser(std::string file) { scenario_.file = std::move(file); }

    core::Result<Scenario> parse(const std::string& text) {
        json document;
        try {
            document = json::parse(text);
        } catch (const json::parse_error& e) {
            return fail("not valid JSON: " + std::string(e.what()));  // says the line and column
        }
        if (!document.is_object()) return fail("expected a JSON object at the top");
        for (const auto& [key, value] : document.items()) {
            if (key == "extends")
                return fail("extends: only a scenario file read from disk may extend another");
            if (key != "region" && key != "resources" && key != "ecsemu" && key != "description")
                return fail(key +
                            ": unknown member (expected region, resources, ecsemu, description, extends)");
        }
        if (auto it = document.find("region"); it != document.end()) {
            if (!it->is_string() || it->get<std::string>().empty())
                return fail("region: expected a region name");
            scenario_.region = it->get<std::string>();
        }
        if (auto it = document.find("description"); it != document.end() && !it->is_string())
            return fail("description: expected a string");
        const auto resources = document.find("resources");
        if (resources == document.end()) return fail("resources: missing (a list of resources to apply)");
        if (!resources->is_array()) return fail("resources: expected a list");
        for (std::size_t i = 0; i < resources->size(); ++i) {
            if (auto error = read_resource((*resources)[i], i)) return invalid(*error);
        }
        for (const auto& resource : scenario_.resources) {
            if (auto error = check_references(resource)) return invalid(*error);
        }
        if (auto it = document.find("ecsemu"); it != document.end()) {
            if (auto error = read_ecsemu(*it)) return fail(*error);
        }
        return std::move(scenario_);
    }

private:
    core::AwsError fail(const std::string& what) const { return invalid(scenario_.file + ": " + what); }

    std::optional<std::string> read_resource(const json& entry, std::size_t index) {
        const std::string where = scenario_.file + ": resources[" + std::to_string(index) + "]";
        if (!entry.is_object()) return where + ": expected an object with name, type and request";
        for (const auto& [key, value] : entry.items()) {
            if (key != "name" && key != "type" && key != "request" && key != "description")
                return where + ": " + key + ": unknown member (expected name, type, request, description)";
        }
        ScenarioResource resource;
        resource.index = index;
        const auto name = entry.find("name");
        if (name == entry.end() || !name->is_string() || name->get<std::string>().empty())
            return where + ": name: expected a non-empty string (the label references use)";
        resource.label = name->get<std::string>();
        if (resource.label.find_first_of("${}.") != std::string::npos)
            return where + ": name: \"" + resource.label + "\" may not contain '$', '{', '}' or '.'";
        const std::string labelled = where + " \"" + resource.label + "\"";
        if (auto seen = labels_.find(resource.label); seen != labels_.end()) {
            return labelled + ": name: already used by resources[" + std::to_string(seen->second) + "]";
        }
        const auto type = entry.find("type");
        if (type == entry.end() || !type->is_string())
            return labelled + ": type: expected \"service:Operation\", e.g. \"ec2:CreateVpc\"";
        resource.type = type->get<std::string>();
        const auto colon = resource.type.find(':');
        if (colon == std::string::npos || find_resource_kind(resource.type) == nullptr) {
            return labelled + ": type: unsupported type \"" + resource.type +
                   "\" (supported: " + quoted_list(supported_resource_types()) + ")";
        }
        resource.service = resource.type.substr(0, colon);
        resource.operation = resource.type.substr(colon + 1);
        const auto request = entry.find("request");
        if (request == entry.end()) return labelled + " (" + resource.type + "): request: missing";
        resource.request = *request;
        if (auto error = check_request(resource.service, resource.operation, resource.request, "request"))
            return labelled + " (" + resource.type + "): " + *error;
        labels_.emplace(resource.label, index);
        scenario_.resources.push_back(std::move(resource));
        return std::nullopt;
    }

    std::optional<std::string> check_references(const ScenarioResource& resource) const {
        return for_each_reference(
            resource.request, "request",
            [&](const std::string& path, const Reference& reference) -> std::optional<std::string> {
                const auto target = labels_.find(reference.label);
                std::string problem;
                if (target == labels_.end()) {
                    problem = "no resource is named \"" + reference.label + "\"";
                } else if (target->second == resource.index) {
                    problem = "a resource cannot refer to itself";
                } else if (target->second > resource.index) {
                    problem = "refers to resources[" + std::to_string(target->second) +
                              "], which comes later (a resource may only refer to earlier ones)";
                }
                if (problem.empty()) return std::nullopt;
                return scenario_.error_prefix(resource) + path + ": ${" + reference.label +
                       (reference.field.empty() ? "" : "." + reference.field) + "}: " + problem;
            });
    }

    std::optional<std::string> read_ecsemu(const json& section) {
        if (!section.is_object()) return "ecsemu: expected an object";
        for (const auto& [key, value] : section.items()) {
            if (key == "timeScale") {
                if (!value.is_number() || value.get<double>() < 0.001 || value.get<double>() > 10000)
                    return "ecsemu.timeScale: expected a number from 0.001 to 10000";
                scenario_.ecsemu.time_scale = value.get<double>();
            } else if (key == "runtimes") {
                if (!value.is_array()) return "ecsemu.runtimes: expected a list";
                for (std::size_t i = 0; i < value.size(); ++i) {
                    if (auto error = read_runtime(value[i], "ecsemu.runtimes[" + std::to_string(i) + "]"))
                        return error;
                }
            } else if (key == "simulation") {
                if (!value.is_object()) return "ecsemu.simulation: expected an object";
                scenario_.ecsemu.simulation = value;
            } else {
                return "ecsemu." + key + ": unknown member (expected timeScale, runtimes, simulation)";
            }
        }
        return std::nullopt;
    }

    std::optional<std::string> read_runtime(const json& entry, const std::string& where) {
        if (!entry.is_object()) return where + ": expected an object with image and stub or process";
        RuntimeRule rule;
        for (const auto& [key, value] : entry.items()) {
            if (key == "image") {
                if (!value.is_string() || value.get<std::string>().empty())
                    return where + ".image: expected an image pattern such as \"*/ielts-backend:*\"";
                rule.image_glob = value.get<std::string>();
            } else if (key == "stub") {
                if (auto error = read_stub(value, where + ".stub", rule)) return error;
            } else if (key == "process") {
                if (auto error = read_process(value, where + ".process", rule)) return error;
            } else {
                return where + "." + key + ": unknown member (expected image, stub, process)";
            }
        }
        if (rule.image_glob.empty()) return where + ".image: missing";
        if (entry.contains("stub") == entry.contains("process"))
            return where + ": give exactly one of stub and process";
        scenario_.ecsemu.runtimes.push_back(std::move(rule));
        return std::nullopt;
    }

    static std::optional<std::string> read_stub(const json& value, const std::string& where,
                                                RuntimeRule& rule) {
        if (!value.is_object()) return where + ": expected an object of ECSEMU_STUB_* settings";
        for (const auto& [name, setting] : value.items()) {
            if (name.rfind("ECSEMU_STUB_", 0) != 0)
                return where + "." + name + ": stub settings are ECSEMU_STUB_* variables";
            if (setting.is_string()) {
                rule.stub_environment.emplace_back(name, setting.get<std::string>());
            } else if (setting.is_number()) {
                rule.stub_environment.emplace_back(name, setting.dump());
            } else {
                return where + "." + name + ": expected a string or a number";
            }
        }
        return std::nullopt;
    }

    static std::optional<std::string> read_process(const json& value, const std::string& where,
                                                   RuntimeRule& rule) {
        rule.process = true;
        if (!value.is_object()) return where + ": expected an object with command and workingDirectory";
        for (const auto& [key, setting] : value.items()) {
            if (key == "command") {
                if (!setting.is_array() || setting.empty())
                    return where + ".command: expected a list of strings";
                for (const auto& arg : setting) {
                    if (!arg.is_string()) return where + ".command: expected a list of strings";
                    rule.command.push_back(arg.get<std::string>());
                }
            } else if (key == "workingDirectory") {
                if (!setting.is_string()) return where + ".workingDirectory: expected a string";
                rule.working_directory = setting.get<std::string>();
            } else {
                return where + "." + key + ": unknown member (expected command, workingDirectory)";
            }
        }
        return std::nullopt;
    }

    Scenario scenario_;
    std::map<std::string, std::size_t> labels_;
};

}  // namespace

const ScenarioResource* Scenario::find(const std::string& label) const {
    for (const auto& resource : resources) {
        if (resource.label == label) return &resource;
    }
    return nullptr;
}

std::string Scenario::error_prefix(const ScenarioResource& resource) const {
    return file + ": resources[" + std::to_string(resource.index) + "] \"" + resource.label + "\" (" +
           resource.type + "): ";
}

core::Result<Scenario> parse_scenario(const std::string& text, const std::string& file) {
    return Parser(file).parse(text);
}

namespace {

// Files a scenario may extend in a chain (a -> b -> c); more is a cycle or a mistake.
constexpr int kExtendsDepthMax = 4;

core::Result<json> read_json_file(const std::string& path) {
    std::ifstream in(path);
    if (!in) return invalid(path + ": cannot be read");
    std::ostringstream text;
    text << in.rdbuf();
    try {
        return json::parse(text.str());
    } catch (const json::parse_error& e) {
        return invalid(path + ": not valid JSON: " + std::string(e.what()));
    }
}

// A scenario with "extends": "<file>" is that file's scenario with its own members on top: its resources
// after the base's, its region and description instead of the base's, and each member of its "ecsemu"
// object replacing the base's member of the same name. The path is relative to the extending file.
core::Result<json> resolve_extends(const std::string& path, int depth) {
    auto document = read_json_file(path);
    if (!document) return document;
    if (!document->is_object() || !document->contains("extends")) return document;
    const json& extends = document->at("extends");
    if (!extends.is_string() || extends.get<std::string>().empty())
        return invalid(path + ": extends: expected the path of a scenario file");
    if (depth >= kExtendsDepthMax)
        return invalid(path + ": extends: more than " + std::to_string(kExtendsDepthMax) +
                       " files deep (a cycle?)");
    const std::filesystem::path base_path =
        std::filesystem::path(path).parent_path() / extends.get<std::string>();
    auto base = resolve_extends(base_path.string(), depth + 1);
    if (!base) return base;
    if (!base->is_object()) return invalid(base_path.string() + ": expected a JSON object at the top");
    json merged = std::move(base.value());
    for (const auto& [key, value] : document->items()) {
        if (key == "extends") continue;
        if (key == "resources" && value.is_array() && merged.contains("resources") &&
            merged["resources"].is_array()) {
            for (const auto& resource : value) merged["resources"].push_back(resource);
        } else if (key == "ecsemu" && value.is_object() && merged.contains("ecsemu") &&
                   merged["ecsemu"].is_object()) {
            for (const auto& [member, setting] : value.items()) merged["ecsemu"][member] = setting;
        } else {
            merged[key] = value;
        }
    }
    return merged;
}

}  // namespace

core::Result<Scenario> read_scenario_file(const std::string& path) {
    auto document = resolve_extends(path, 0);
    if (!document) return document.error();
    return parse_scenario(document->dump(), path);
}

}  // namespace ecsemu::api::scenario
