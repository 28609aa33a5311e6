#pragma once
// A small scenario for the simulation parser's tests: a VPC and two services, "web" listed before "api" so
// resource order and the JSON object's alphabetical order differ.
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>

#include "emulator/api/scenario/scenario.hpp"
#include "sim/spec/simulation_parse.hpp"

namespace ecsemu::test::simspec {

inline api::scenario::Scenario scenario_with(const nlohmann::json& simulation,
                                             const std::string& file = "scenarios/x.json") {
    using nlohmann::json;
    const json service_web = {
        {"name", "web"}, {"type", "ecs:CreateService"}, {"request", {{"serviceName", "web"}}}};
    const json service_api = {
        {"name", "api"}, {"type", "ecs:CreateService"}, {"request", {{"serviceName", "api"}}}};
    const json vpc = {
        {"name", "vpc"}, {"type", "ec2:CreateVpc"}, {"request", {{"CidrBlock", "10.0.0.0/16"}}}};
    const json document = {{"resources", json::array({vpc, service_web, service_api})},
                           {"ecsemu", {{"simulation", simulation}}}};
    auto parsed = api::scenario::parse_scenario(document.dump(), file);
    INFO((parsed.ok() ? std::string() : parsed.error().message));
    REQUIRE(parsed.ok());
    return std::move(parsed).value();
}

inline std::string simulation_error(const nlohmann::json& simulation,
                                    const std::string& file = "scenarios/x.json") {
    auto parsed = sim::parse_simulation(scenario_with(simulation, file));
    REQUIRE_FALSE(parsed.ok());
    CHECK(parsed.error().code == "InvalidScenario");
    return parsed.error().message;
}

// A fresh directory under the system's temporary directory, removed with the object.
class TempDirectory {
public:
    explicit TempDirectory(const std::string& name)
        : path_(std::filesystem::temp_directory_path() / ("ecsemu-simspec-" + name)) {
        std::filesystem::remove_all(path_);
        std::filesystem::create_directories(path_ / "traces");
    }
    ~TempDirectory() {
        std::error_code ignored;
        std::filesystem::remove_all(path_, ignored);
    }
    TempDirectory(const TempDirectory&) = delete;
    TempDirectory& operator=(const TempDirectory&) = delete;

    std::string path() const { return path_.generic_string(); }
    void write(const std::string& relative, const std::string& text) const {
        std::ofstream(path_ / relative, std::ios::binary) << text;
    }

private:
    std::filesystem::path path_;
};

}  // namespace ecsemu::test::simspec
