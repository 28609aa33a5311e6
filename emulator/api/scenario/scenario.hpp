#pragma once
// A scenario file: the resources of a stack as the AWS APIs' own request bodies (what `aws ...
// --cli-input-json` takes), in the order they are applied, plus ecsemu's own settings (time scale, the
// runtime per image and the simulator's models). Parsing checks everything that can be checked before a call
// is made: the document's layout, each request against its operation's botocore input shape, and that every
// "${label}" reference names an earlier resource. Errors name the file, the resource and the field:
//   scenarios/x.json: resources[3] "ielts-backend-tg" (elbv2:CreateTargetGroup): request.Port: expected an
//   integer
#include <cstddef>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "emulator/core/errors.hpp"

namespace ecsemu::api::scenario {

struct ScenarioResource {
    std::size_t index = 0;  // position in "resources"
    std::string label;      // "name": what references say
    std::string type;       // "elbv2:CreateTargetGroup"
    std::string service;    // "elbv2"
    std::string operation;  // "CreateTargetGroup"
    nlohmann::json request;
};

// Containers whose image matches run as a local process (the --runtime-config "process" entry) or as a stub
// whose ECSEMU_STUB_* settings are these; first match wins, unmatched images are plain stubs.
struct RuntimeRule {
    std::string image_glob;  // fnmatch(3) pattern
    bool process = false;
    std::vector<std::pair<std::string, std::string>> stub_environment;  // stubs: ECSEMU_STUB_* settings
    std::vector<std::string> command;  // processes: argv prefix, may be empty
    std::string working_directory;     // processes
};

struct EcsemuSettings {
    std::optional<double> time_scale;
    std::vector<RuntimeRule> runtimes;
    nlohmann::json simulation = nlohmann::json::object();  // kept as written, for `ecsemu sim`
};

struct Scenario {
    std::string file;  // as given on the command line: the prefix of every error
    std::string region = "ap-southeast-1";
    std::vector<ScenarioResource> resources;
    EcsemuSettings ecsemu;

    // The resource with this label, or null.
    const ScenarioResource* find(const std::string& label) const;
    // "scenarios/x.json: resources[3] "tg" (elbv2:CreateTargetGroup): " + what.
    std::string error_prefix(const ScenarioResource& resource) const;
};

// Errors are AwsError{"InvalidScenario", message}; message is the full text shown to the user.
core::Result<Scenario> parse_scenario(const std::string& text, const std::string& file);
core::Result<Scenario> read_scenario_file(const std::string& path);

// Resource types the applier knows, "service:Operation", sorted.
std::vector<std::string> supported_resource_types();

}  // namespace ecsemu::api::scenario
