#pragma once
// Fargate task sizes and the spellings ECS accepts for task-level cpu and memory.
#include <optional>
#include <string_view>
#include <vector>

namespace ecsemu::core::ecs {

// "256" -> 256, "1 vCPU" -> 1024, "0.25 vcpu" -> 256. nullopt when not a whole number of CPU units.
std::optional<int> parse_task_cpu_units(std::string_view text);
// "512" -> 512, "2GB" -> 2048, "0.5 GB" -> 512. nullopt when not a whole number of MiB.
std::optional<int> parse_task_memory_mib(std::string_view text);

// Memory sizes Fargate offers for a CPU size, ascending; empty when Fargate has no such CPU size.
//   256 -> 512, 1024, 2048          512 -> 1024..4096 step 1024      1024 -> 2048..8192 step 1024
//   2048 -> 4096..16384 step 1024   4096 -> 8192..30720 step 1024    8192 -> 16384..61440 step 4096
//   16384 -> 32768..122880 step 8192
std::vector<int> fargate_memory_options_mib(int cpu_units);
bool is_valid_fargate_size(int cpu_units, int memory_mib);

}  // namespace ecsemu::core::ecs
