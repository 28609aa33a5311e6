// The environment a launched task's containers get: Fargate's injected variables (reference §8) with the
// metadata endpoint under the emulator's own URL, and the task definition's variables on top.
#include <catch2/catch.hpp>
#include <map>

#include "engine_world.hpp"

namespace ecsemu::test {

using core::Duration;
using nlohmann::json;

namespace {

std::map<std::string, std::string> environment_map(const core::ContainerLaunch& container) {
    std::map<std::string, std::string> out;
    for (const auto& [name, value] : container.environment) out[name] = value;
    return out;
}

}  // namespace

TEST_CASE("a launched container carries ECS's variables and the metadata URLs", "[engine][environment]") {
    core::engine::EngineKnobs knobs;
    knobs.api_base_url = "http://127.0.0.1:4566";
    EngineWorld w(knobs);
    const std::string id = w.run_task();
    w.run_for(Duration::milliseconds(2100));
    REQUIRE(w.runtime.starts.size() == 1);
    const core::TaskLaunch& launch = w.runtime.starts[0];
    REQUIRE(launch.containers.size() == 1);
    const auto env = environment_map(launch.containers[0]);

    CHECK(env.at("AWS_EXECUTION_ENV") == "AWS_ECS_FARGATE");
    CHECK(env.at("AWS_REGION") == kRegion);
    CHECK(env.at("AWS_DEFAULT_REGION") == kRegion);
    CHECK(env.at("ECS_CONTAINER_METADATA_URI_V4") ==
          "http://127.0.0.1:4566/_ecsemu/metadata/v4/" + id + "-0");
    CHECK(env.at("ECS_CONTAINER_METADATA_URI") == "http://127.0.0.1:4566/_ecsemu/metadata/v3/" + id + "-0");
    CHECK(!launch.private_ip.empty());
    CHECK(env.at("ECSEMU_TASK_IP") == launch.private_ip);
    CHECK(env.at("PORT") == "8080");  // the task definition's own variable is still there
}

TEST_CASE("without an API URL no metadata URL is injected", "[engine][environment]") {
    EngineWorld w;
    w.run_task();
    w.run_for(Duration::milliseconds(2100));
    REQUIRE(w.runtime.starts.size() == 1);
    const auto env = environment_map(w.runtime.starts[0].containers[0]);
    CHECK(env.count("ECS_CONTAINER_METADATA_URI_V4") == 0);
    CHECK(env.count("ECS_CONTAINER_METADATA_URI") == 0);
    CHECK(env.at("AWS_EXECUTION_ENV") == "AWS_ECS_FARGATE");
    CHECK(env.at("ECSEMU_TASK_IP") == w.runtime.starts[0].private_ip);
}

TEST_CASE("the task definition's variables win over injected ones", "[engine][environment]") {
    core::engine::EngineKnobs knobs;
    knobs.api_base_url = "http://127.0.0.1:4566";
    EngineWorld w(knobs);
    w.call("RegisterTaskDefinition",
           {{"family", "regional"},
            {"networkMode", "awsvpc"},
            {"requiresCompatibilities", {"FARGATE"}},
            {"cpu", "256"},
            {"memory", "512"},
            {"containerDefinitions",
             {{{"name", "app"},
               {"image", "regional/app:1"},
               {"environment", {{{"name", "AWS_REGION"}, {"value", "eu-west-1"}}}}},
              {{"name", "sidecar"}, {"image", "regional/sidecar:1"}, {"essential", false}}}}});
    const std::string id = w.run_task("regional");
    w.run_for(Duration::milliseconds(2100));
    REQUIRE(w.runtime.starts.size() == 1);
    REQUIRE(w.runtime.starts[0].containers.size() == 2);
    const auto app = environment_map(w.runtime.starts[0].containers[0]);
    const auto sidecar = environment_map(w.runtime.starts[0].containers[1]);
    CHECK(app.at("AWS_REGION") == "eu-west-1");
    CHECK(app.at("AWS_DEFAULT_REGION") == kRegion);
    CHECK(sidecar.at("ECS_CONTAINER_METADATA_URI_V4") ==
          "http://127.0.0.1:4566/_ecsemu/metadata/v4/" + id + "-1");
}

}  // namespace ecsemu::test
