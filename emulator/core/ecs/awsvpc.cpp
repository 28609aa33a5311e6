#include "emulator/core/ecs/awsvpc.hpp"

#include <utility>
#include <vector>

#include "emulator/core/ec2/cidr.hpp"
#include "emulator/core/ecs/ecs_errors.hpp"
#include "emulator/core/ecs/tasks.hpp"

namespace ecsemu::core::ecs {

namespace {

// "<prefix>-" followed by 8 or 17 lowercase hex digits, as EC2 ids are.
bool is_well_formed_ec2_id(const std::string& id, std::string_view prefix) {
    if (id.size() <= prefix.size() + 1 || id.compare(0, prefix.size(), prefix) != 0 ||
        id[prefix.size()] != '-') {
        return false;
    }
    const auto digits = id.size() - prefix.size() - 1;
    if (digits != 8 && digits != 17) return false;
    for (std::size_t i = prefix.size() + 1; i < id.size(); ++i) {
        const char c = id[i];
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
    }
    return true;
}

Status validate_subnets(const Ec2Directory& ec2, const std::string& region, const AwsVpcConfiguration& config,
                        std::string& vpc_id) {
    if (config.subnets.empty()) return invalid_parameter("subnets can not be empty.");
    if (config.subnets.size() > 16) return invalid_parameter("subnets can have at most 16 items.");
    for (const auto& subnet_id : config.subnets) {
        if (!is_well_formed_ec2_id(subnet_id, "subnet")) {
            return invalid_parameter("Error retrieving subnet information for [" + subnet_id +
                                     "]: The subnet ID '" + subnet_id +
                                     "' is malformed (ErrorCode: InvalidSubnetID.Malformed)");
        }
        const Subnet* subnet = ec2.find_subnet(region, subnet_id);
        if (subnet == nullptr) continue;
        if (subnet->state != "available") {
            return invalid_parameter("The subnet " + subnet_id + " is not available.");
        }
        if (vpc_id.empty()) {
            vpc_id = subnet->vpc_id;
        } else if (subnet->vpc_id != vpc_id) {
            return invalid_parameter("The subnets of an awsvpcConfiguration must belong to the same VPC; " +
                                     subnet_id + " is in " + subnet->vpc_id + ", not " + vpc_id + ".");
        }
    }
    return Ok{};
}

Status validate_security_groups(const Ec2Directory& ec2, const std::string& region,
                                const AwsVpcConfiguration& config, const std::string& vpc_id) {
    if (config.security_groups.size() > 5)
        return invalid_parameter("securityGroups can have at most 5 items.");
    for (const auto& group_id : config.security_groups) {
        if (!is_well_formed_ec2_id(group_id, "sg")) {
            return invalid_parameter("Error retrieving security group information for [" + group_id +
                                     "]: The security group ID '" + group_id +
                                     "' is malformed (ErrorCode: InvalidGroupId.Malformed)");
        }
        const SecurityGroup* group = ec2.find_security_group(region, group_id);
        if (group != nullptr && !vpc_id.empty() && group->vpc_id != vpc_id) {
            return invalid_parameter("Security group " + group_id + " belongs to " + group->vpc_id +
                                     ", but the subnets belong to " + vpc_id +
                                     ". Security groups and subnets must be in the same VPC.");
        }
    }
    return Ok{};
}

// A /24 in 10.0.0.0/8 picked from the subnet id, for subnets EC2 does not know.
std::string stand_in_cidr(const std::string& subnet_id) {
    unsigned hash = 2166136261u;
    for (const unsigned char c : subnet_id) hash = (hash ^ c) * 16777619u;
    return "10." + std::to_string((hash >> 8) & 0xff) + "." + std::to_string(hash & 0xff) + ".0/24";
}

std::string dotted(std::uint32_t address) {
    return std::to_string(address >> 24) + "." + std::to_string((address >> 16) & 0xff) + "." +
           std::to_string((address >> 8) & 0xff) + "." + std::to_string(address & 0xff);
}

std::string private_dns_name(const std::string& region, const std::string& ip) {
    std::string host = "ip-" + ip;
    for (auto& c : host) {
        if (c == '.') c = '-';
    }
    // us-east-1 keeps EC2's original domain.
    return host + (region == "us-east-1" ? ".ec2.internal" : "." + region + ".compute.internal");
}

}  // namespace

Status validate_network_configuration(const Ec2Directory& ec2, const std::string& region,
                                      const TaskDefinition& task_definition,
                                      const std::optional<NetworkConfiguration>& network_configuration) {
    const bool has_awsvpc = network_configuration && network_configuration->awsvpc_configuration;
    if (task_definition.effective_network_mode() != NetworkMode::Awsvpc) {
        if (has_awsvpc) {
            return invalid_parameter(
                "Network Configuration is not valid for the given networkMode of this task definition.");
        }
        return Ok{};
    }
    if (!has_awsvpc) {
        return invalid_parameter(
            "Network Configuration must be provided when networkMode 'awsvpc' is specified.");
    }
    const AwsVpcConfiguration& config = *network_configuration->awsvpc_configuration;
    std::string vpc_id;
    if (auto status = validate_subnets(ec2, region, config, vpc_id); !status) return status;
    return validate_security_groups(ec2, region, config, vpc_id);
}

SubnetInfo describe_subnet(const Ec2Directory& ec2, const std::string& region, const std::string& subnet_id) {
    const Subnet* subnet = ec2.find_subnet(region, subnet_id);
    const bool with_cidr = subnet != nullptr && !subnet->cidr_block.empty();
    return {subnet_id, subnet_availability_zone(ec2, region, subnet_id),
            with_cidr ? subnet->cidr_block : stand_in_cidr(subnet_id)};
}

std::string subnet_availability_zone(const Ec2Directory& ec2, const std::string& region,
                                     const std::string& subnet_id) {
    if (const Subnet* subnet = ec2.find_subnet(region, subnet_id); subnet != nullptr)
        return subnet->availability_zone;
    return availability_zone_for_unknown_subnet(region, subnet_id);
}

SubnetInfo choose_subnet(const EcsState& state, const Ec2Directory& ec2, const std::string& cluster_name,
                         const std::string& group, const AwsVpcConfiguration& config) {
    // The subnets' zones first, so each live task of the group is checked against a handful of zones rather
    // than added to a map of zone names: every launch asks, and a group has hundreds of tasks.
    std::vector<SubnetInfo> subnets;
    subnets.reserve(config.subnets.size());
    for (const auto& subnet_id : config.subnets)
        subnets.push_back(describe_subnet(ec2, state.scope.region, subnet_id));
    std::vector<int> live_in_zone(subnets.size(), 0);  // by subnet: its zone's live tasks of the group
    for (const Task* task : tasks_in_group(state, cluster_name, group)) {
        if (!task->is_live()) continue;
        // No early exit: subnets sharing a zone each count the zone's tasks.
        for (std::size_t i = 0; i < subnets.size(); ++i)
            live_in_zone[i] += subnets[i].availability_zone == task->availability_zone ? 1 : 0;
    }
    std::size_t best = 0;
    for (std::size_t i = 1; i < subnets.size(); ++i) {
        if (live_in_zone[i] < live_in_zone[best]) best = i;
    }
    return std::move(subnets.at(best));
}

std::optional<TaskEni> allocate_task_eni(const EcsState& state, const SubnetInfo& subnet, IdSource& ids) {
    auto cidr = ec2::Ipv4Cidr::parse(subnet.cidr_block);
    if (!cidr) cidr = ec2::Ipv4Cidr::parse(stand_in_cidr(subnet.subnet_id));
    const std::uint64_t size = cidr->address_count();
    if (size <= 5) return std::nullopt;
    const std::uint32_t base = cidr->network & cidr->mask();
    const std::uint64_t usable = size - 5;  // offsets 4 .. size-2
    const std::uint64_t start = ids.next_u64() % usable;
    for (std::uint64_t i = 0; i < usable; ++i) {
        const auto offset = 4 + (start + i) % usable;
        const std::string ip = dotted(base + static_cast<std::uint32_t>(offset));
        if (address_taken(state, subnet.subnet_id, ip)) continue;
        TaskEni eni;
        eni.attachment_id = ids.uuid();
        eni.status = AttachmentStatus::Precreated;
        eni.subnet_id = subnet.subnet_id;
        eni.network_interface_id = "eni-" + ids.hex(17);
        const std::string mac = ids.hex(10);
        eni.mac_address = "0e";
        for (std::size_t b = 0; b < mac.size(); b += 2) eni.mac_address += ":" + mac.substr(b, 2);
        eni.private_ipv4_address = ip;
        eni.private_dns_name = private_dns_name(state.scope.region, ip);
        return eni;
    }
    return std::nullopt;
}

}  // namespace ecsemu::core::ecs
