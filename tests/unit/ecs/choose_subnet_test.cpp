// Fargate's spread of a group's tasks over zones at launch (choose_subnet): the subnet whose zone has the
// fewest live tasks of the group, the first listed on a tie.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "emulator/core/ecs/awsvpc.hpp"
#include "emulator/core/ecs/tasks.hpp"
#include "support/guide_ec2_directory.hpp"

namespace ecsemu::test {
namespace {

using core::ecs::AwsVpcConfiguration;
using core::ecs::EcsState;
using core::ecs::Task;
using core::ecs::TaskStatus;

constexpr const char* kCluster = "prod";
constexpr const char* kGroup = "service:api";
constexpr const char* kSubnetC = "subnet-0c1d2e3f4a5b60730";  // a second subnet in 1a

struct Fixture {
    Fixture() : state(core::ecs::ArnScope{kRegion, kAccount}) {
        core::Subnet c = ec2.subnets.at(kSubnetA);
        c.id = kSubnetC;
        c.cidr_block = "10.0.30.0/24";
        ec2.subnets[kSubnetC] = c;
    }
    void add_task(const std::string& zone, TaskStatus status, const std::string& group = kGroup) {
        Task task;
        task.id = "t" + std::to_string(++tasks);
        task.cluster_name = kCluster;
        task.group = group;
        task.availability_zone = zone;
        task.last_status = status;
        core::ecs::store_task(state, task);
    }
    std::string chosen(std::vector<std::string> subnets) {
        AwsVpcConfiguration config;
        config.subnets = std::move(subnets);
        return core::ecs::choose_subnet(state, ec2, kCluster, kGroup, config).subnet_id;
    }

    GuideEc2Directory ec2;
    EcsState state;
    int tasks = 0;
};

constexpr const char* kZoneA = "ap-southeast-1a";
constexpr const char* kZoneB = "ap-southeast-1b";

TEST_CASE("choose_subnet takes the zone with the fewest live tasks of the group", "[ecs][awsvpc]") {
    Fixture f;
    CHECK(f.chosen({kSubnetA, kSubnetB}) == kSubnetA);  // a tie: the first listed
    CHECK(f.chosen({kSubnetB, kSubnetA}) == kSubnetB);
    f.add_task(kZoneA, TaskStatus::Running);
    CHECK(f.chosen({kSubnetA, kSubnetB}) == kSubnetB);
    f.add_task(kZoneB, TaskStatus::Provisioning);  // starting tasks count
    f.add_task(kZoneB, TaskStatus::Pending);
    CHECK(f.chosen({kSubnetA, kSubnetB}) == kSubnetA);
}

TEST_CASE("choose_subnet counts neither stopped tasks nor other groups'", "[ecs][awsvpc]") {
    Fixture f;
    f.add_task(kZoneA, TaskStatus::Stopped);
    f.add_task(kZoneA, TaskStatus::Stopped);
    f.add_task(kZoneA, TaskStatus::Running, "service:web");
    f.add_task(kZoneB, TaskStatus::Running);
    CHECK(f.chosen({kSubnetB, kSubnetA}) == kSubnetA);
}

TEST_CASE("subnets in one zone each count all of the zone's tasks", "[ecs][awsvpc]") {
    Fixture f;
    f.add_task(kZoneA, TaskStatus::Running);
    f.add_task(kZoneB, TaskStatus::Running);
    f.add_task(kZoneB, TaskStatus::Running);
    // 1a holds one task, whichever of its subnets is asked about: C (listed after B) still wins over B.
    CHECK(f.chosen({kSubnetB, kSubnetC}) == kSubnetC);
    CHECK(f.chosen({kSubnetB, kSubnetA, kSubnetC}) == kSubnetA);
    f.add_task(kZoneA, TaskStatus::Running);
    f.add_task(kZoneA, TaskStatus::Running);
    // Now 1a holds three: had C counted only its own subnet's tasks it would look empty.
    CHECK(f.chosen({kSubnetC, kSubnetB}) == kSubnetB);
}

}  // namespace
}  // namespace ecsemu::test
