#pragma once
// The task metadata endpoint (v4, reference §8), served by the emulator under its own URL because a local
// process cannot reach 169.254.170.2. Each container is told its URL through ECS_CONTAINER_METADATA_URI_V4
// (core/engine/runtime_launch.hpp): <api base>/_ecsemu/metadata/v4/<task id>-<container index>.
//
// Paths below /_ecsemu/metadata/ (v3 answers the same as v4; v3's shapes are a subset):
//   v4/<id>             the container's own JSON
//   v4/<id>/task        the task's JSON with every container
//   v4/<id>/stats       Docker-stats-shaped JSON for the container
//   v4/<id>/task/stats  {"<DockerId>": <stats>} for every container of the task
// The emulator does not measure containers: stats carry the shape Docker's stats API has with zero usage
// (and the task's limits), so clients that parse them work; numbers are not to be relied on.
#include <string>
#include <string_view>

#include "emulator/core/ecs/ecs_world.hpp"
#include "emulator/core/model/ec2.hpp"
#include "emulator/core/time.hpp"

namespace ecsemu::api::ecs {

struct TaskMetadataAnswer {
    int status = 200;
    std::string body;  // JSON; {"message": "..."} with a status other than 200
};

// path: what follows "/_ecsemu/metadata/", without a query. An unknown task or container is a 404.
TaskMetadataAnswer answer_task_metadata(const core::ecs::EcsWorld& world, const core::Ec2Directory& ec2,
                                        std::string_view path, core::Instant now);

}  // namespace ecsemu::api::ecs
