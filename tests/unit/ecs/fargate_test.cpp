#include <catch2/catch.hpp>

#include "emulator/core/ecs/fargate.hpp"

using namespace ecsemu::core::ecs;

TEST_CASE("Fargate accepts exactly the documented cpu/memory combinations", "[ecs][fargate]") {
    const auto [cpu, memory, valid] = GENERATE(table<int, int, bool>({
        {256, 512, true},      {256, 1024, true},      {256, 2048, true},    {256, 1536, false},
        {256, 3072, false},    {512, 512, false},      {512, 1024, true},    {512, 4096, true},
        {512, 5120, false},    {512, 1536, false},     {1024, 1024, false},  {1024, 2048, true},
        {1024, 8192, true},    {1024, 9216, false},    {2048, 4096, true},   {2048, 16384, true},
        {2048, 3072, false},   {4096, 8192, true},     {4096, 30720, true},  {4096, 31744, false},
        {8192, 16384, true},   {8192, 20480, true},    {8192, 17408, false}, {8192, 61440, true},
        {8192, 65536, false},  {16384, 32768, true},   {16384, 40960, true}, {16384, 36864, false},
        {16384, 122880, true}, {16384, 131072, false}, {128, 512, false},    {3072, 8192, false},
    }));
    INFO(cpu << " CPU, " << memory << " MiB");
    CHECK(is_valid_fargate_size(cpu, memory) == valid);
}

TEST_CASE("Fargate memory options per CPU size", "[ecs][fargate]") {
    CHECK(fargate_memory_options_mib(256) == std::vector<int>{512, 1024, 2048});
    CHECK(fargate_memory_options_mib(512) == std::vector<int>{1024, 2048, 3072, 4096});
    CHECK(fargate_memory_options_mib(1024).size() == 7);
    CHECK(fargate_memory_options_mib(2048).size() == 13);
    CHECK(fargate_memory_options_mib(4096).size() == 23);
    CHECK(fargate_memory_options_mib(8192).size() == 12);
    CHECK(fargate_memory_options_mib(16384).size() == 12);
    CHECK(fargate_memory_options_mib(300).empty());
}

TEST_CASE("Task cpu and memory spellings normalise to units and MiB", "[ecs][fargate]") {
    const auto [text, cpu] = GENERATE(table<std::string, std::optional<int>>({
        {"256", 256},
        {"1024", 1024},
        {"1 vCPU", 1024},
        {"1vcpu", 1024},
        {" 2 VCPU ", 2048},
        {"0.25 vCPU", 256},
        {"0.5 vcpu", 512},
        {"0.3 vCPU", std::nullopt},
        {"1.5", std::nullopt},
        {"abc", std::nullopt},
        {"", std::nullopt},
        {"1 GB", std::nullopt},
    }));
    INFO(text);
    CHECK(parse_task_cpu_units(text) == cpu);

    CHECK(parse_task_memory_mib("1GB") == 1024);
    CHECK(parse_task_memory_mib("0.5 GB") == 512);
    CHECK(parse_task_memory_mib("2 gb") == 2048);
    CHECK(parse_task_memory_mib("3072") == 3072);
    CHECK(parse_task_memory_mib("1 vCPU") == std::nullopt);
    CHECK(parse_task_memory_mib("1.0001GB") == std::nullopt);
}
