#pragma once
// awsvpc networking for services and tasks: checking a networkConfiguration against EC2, picking a subnet
// for a new task, and allocating its ENI (address, MAC, DNS name).
#include <optional>
#include <string>

#include "emulator/core/ecs/ecs_state.hpp"
#include "emulator/core/ids.hpp"
#include "emulator/core/model/ec2.hpp"

namespace ecsemu::core::ecs {

// awsvpc definitions need an awsvpcConfiguration; other modes must not have one. Subnets and security
// groups EC2 knows must exist together in one VPC; well-formed ids EC2 does not know are accepted (their
// zone comes from availability_zone_for_unknown_subnet), so scripts with ids from elsewhere still work.
Status validate_network_configuration(const Ec2Directory& ec2, const std::string& region,
                                      const TaskDefinition& task_definition,
                                      const std::optional<NetworkConfiguration>& network_configuration);

struct SubnetInfo {
    std::string subnet_id;
    std::string availability_zone;
    std::string cidr_block;  // a stand-in /24 for subnets EC2 does not know
};

SubnetInfo describe_subnet(const Ec2Directory& ec2, const std::string& region, const std::string& subnet_id);
// describe_subnet's availability zone alone (every service view asks it of each of the service's subnets).
std::string subnet_availability_zone(const Ec2Directory& ec2, const std::string& region,
                                     const std::string& subnet_id);

// Fargate spreads a group's tasks over zones: the subnet in the zone with the fewest live tasks of `group`
// in the cluster wins, ties going to the earlier subnet. REQUIRES: config.subnets is not empty.
SubnetInfo choose_subnet(const EcsState& state, const Ec2Directory& ec2, const std::string& cluster_name,
                         const std::string& group, const AwsVpcConfiguration& config);

// A PRECREATED ENI with a free private address of the subnet (AWS reserves the first four and the last
// address of every subnet). nullopt when the subnet has no free address.
std::optional<TaskEni> allocate_task_eni(const EcsState& state, const SubnetInfo& subnet, IdSource& ids);

}  // namespace ecsemu::core::ecs
