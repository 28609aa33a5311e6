#pragma once
// What the runtime is told when a task reaches PENDING: its containers as the task definition and the
// task's overrides describe them, the environment ECS injects into Fargate containers (reference §8), and the
// loopback address the runtime serves the task's ports on.
#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <unordered_set>

#include "emulator/core/ecs/ecs_state.hpp"
#include "emulator/core/task_runtime.hpp"

namespace ecsemu::core::engine {

// The id the task metadata endpoint knows a container by: "<task id>-<index in the task definition>".
std::string container_metadata_id(const std::string& task_id, std::size_t container_index);

// api_base_url: see EngineKnobs::api_base_url. REQUIRES: task.local_address is set.
TaskLaunch make_runtime_launch(const ecs::EcsState& state, const ecs::Task& task,
                               const ecs::TaskDefinition& task_definition, const std::string& api_base_url);

// Hands out a distinct 127.0.0.0/8 address per live task, so every task can listen on its container ports
// (two tasks of one service both serve :8080). Addresses go round 127.1.0.1 .. 127.254.255.254 from a
// cursor, skipping those in use, so a stopped task's address is not handed out again at once.
class LocalAddressPool {
public:
    // REQUIRES: fewer than ~16 million addresses in use.
    std::string allocate(const std::unordered_set<std::string>& in_use);

    // The address carved from the task's subnet: each subnet (subnet_key names it uniquely across accounts
    // and regions) gets a block 127.B.0.0/16, B = 1..254 in the order subnets are first used, and the task
    // takes the low 16 bits of its ENI address in that block: 10.0.11.37 in the first subnet used serves on
    // 127.1.11.37. Falls back to allocate() when that address is taken (a subnet larger than /16) or the
    // blocks ran out (more than 254 subnets), or when eni_ipv4 is not a dotted IPv4 address.
    std::string allocate_for_eni(const std::string& subnet_key, const std::string& eni_ipv4,
                                 const std::unordered_set<std::string>& in_use);

private:
    std::uint32_t cursor_ = 0;
    std::map<std::string, std::uint32_t> subnet_blocks_;
};

}  // namespace ecsemu::core::engine
