// Choosing a mapping and building argv and environment for a process container: pure functions.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "emulator/runtime/process_launch.hpp"

using ecsemu::core::ContainerLaunch;
using ecsemu::core::TaskLaunch;
using namespace ecsemu::runtime;

TEST_CASE("the first mapping whose glob matches the image wins", "[runtime][process]") {
    std::vector<ProcessMapping> mappings = {
        {"*/orders-api:*", {"python3", "orders.py"}, "/srv/orders"},
        {"nginx*", {"nginx", "-g", "daemon off;"}, ""},
        {"*", {"/bin/true"}, ""},
    };
    CHECK(find_process_mapping(mappings, "123.dkr.ecr.us-east-1.amazonaws.com/orders-api:v7") ==
          &mappings[0]);
    CHECK(find_process_mapping(mappings, "nginx:1.25") == &mappings[1]);
    CHECK(find_process_mapping(mappings, "busybox") == &mappings[2]);
    mappings.pop_back();
    CHECK(find_process_mapping(mappings, "busybox") == nullptr);
}

TEST_CASE("argv: the mapping replaces entryPoint and the container command is appended",
          "[runtime][process]") {
    ContainerLaunch container;
    container.entry_point = {"/docker-entrypoint.sh"};
    container.command = {"--workers", "2"};
    CHECK(process_argv(ProcessMapping{"*", {"python3", "app.py"}, ""}, container) ==
          std::vector<std::string>{"python3", "app.py", "--workers", "2"});
    CHECK(process_argv(ProcessMapping{"*", {}, ""}, container) ==
          std::vector<std::string>{"/docker-entrypoint.sh", "--workers", "2"});
    CHECK(process_argv(ProcessMapping{"*", {}, ""}, ContainerLaunch{}).empty());
}

TEST_CASE("environment: host basics, ECS variables, task env, then the task IP", "[runtime][process]") {
    TaskLaunch task;
    task.cluster_arn = "arn:aws:ecs:eu-west-2:000000000000:cluster/default";
    task.private_ip = "127.10.0.7";
    ContainerLaunch container;
    container.environment = {{"GREETING", "hi"},
                             {"PATH", "/opt/app/bin"},
                             {"ECS_CONTAINER_METADATA_URI_V4", "http://127.0.0.1:4566/v4/abc"},
                             {"ECSEMU_TASK_IP", "spoofed"}};
    auto environment = process_environment(task, container, {{"PATH", "/usr/bin"}, {"HOME", "/root"}});
    CHECK(environment == EnvironmentList{{"AWS_DEFAULT_REGION", "eu-west-2"},
                                         {"AWS_EXECUTION_ENV", "AWS_ECS_FARGATE"},
                                         {"AWS_REGION", "eu-west-2"},
                                         {"ECSEMU_TASK_IP", "127.10.0.7"},
                                         {"ECS_CONTAINER_METADATA_URI_V4", "http://127.0.0.1:4566/v4/abc"},
                                         {"GREETING", "hi"},
                                         {"HOME", "/root"},
                                         {"PATH", "/opt/app/bin"}});

    container.environment = {{"AWS_REGION", "us-west-2"}};
    auto overridden = process_environment(task, container, {});
    CHECK(overridden[2] == std::pair<std::string, std::string>{"AWS_REGION", "us-west-2"});
}

TEST_CASE("region_of_arn and file_name_component", "[runtime][process]") {
    CHECK(region_of_arn("arn:aws:ecs:us-east-1:000000000000:cluster/default") == "us-east-1");
    CHECK(region_of_arn("default").empty());
    CHECK(region_of_arn("arn:aws:ecs").empty());
    CHECK(file_name_component("web-app_1.v2") == "web-app_1.v2");
    CHECK(file_name_component("../etc/passwd") == ".._etc_passwd");
    CHECK(file_name_component("..") == "_..");
    CHECK(file_name_component("") == "_");
}
