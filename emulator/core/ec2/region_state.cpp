// RegionState: construction with the default VPC, VPCs and subnets. Security groups and tags live in
// security_group_ops.cpp and tag_ops.cpp.
#include "region_state.hpp"

#include <algorithm>

#include "emulator/core/ec2/cidr.hpp"
#include "emulator/core/ec2/ec2_errors.hpp"

namespace ecsemu::core::ec2 {

namespace {

constexpr int kVpcPrefixMin = 16;
constexpr int kVpcPrefixMax = 28;
constexpr int kSubnetPrefixMin = 16;
constexpr int kSubnetPrefixMax = 28;
constexpr std::uint32_t kDefaultVpcNetwork = (172u << 24) | (31u << 16);  // 172.31.0.0
constexpr int kDefaultVpcPrefix = 16;
constexpr int kDefaultSubnetPrefix = 20;

AwsError invalid_range(std::string code, std::string_view cidr) {
    return AwsError::client(std::move(code), "The CIDR '" + std::string(cidr) + "' is invalid.");
}

AwsError vpc_has_dependencies(const std::string& vpc_id) {
    return AwsError::client("DependencyViolation",
                            "The vpc '" + vpc_id + "' has dependencies and cannot be deleted.");
}

std::string zone_names(const std::vector<AvailabilityZone>& zones) {
    std::string out;
    for (const auto& zone : zones) out += (out.empty() ? "" : ", ") + zone.name;
    return out;
}

// The zone named by name and/or id; without either, zones in turn by the VPC's subnet count: AWS picks one
// for the caller, and picking by count keeps replays identical.
Result<const AvailabilityZone*> resolve_zone(const std::vector<AvailabilityZone>& zones,
                                             const CreateSubnetRequest& request, std::size_t subnets_in_vpc) {
    if (request.availability_zone.empty() && request.availability_zone_id.empty()) {
        return &zones[subnets_in_vpc % zones.size()];
    }
    for (const auto& zone : zones) {
        const bool name_ok = request.availability_zone.empty() || zone.name == request.availability_zone;
        const bool id_ok = request.availability_zone_id.empty() || zone.id == request.availability_zone_id;
        if (name_ok && id_ok) return &zone;
    }
    const bool by_name = !request.availability_zone.empty();
    return invalid_parameter_value(
        "Value (" + (by_name ? request.availability_zone : request.availability_zone_id) +
        ") for parameter " + (by_name ? "availabilityZone" : "availabilityZoneId") +
        " is invalid. Subnets can currently only be created in the following availability zones: " +
        zone_names(zones) + ".");
}

}  // namespace

std::string new_resource_id(IdSource& ids, std::string_view prefix) {
    return std::string(prefix) + ids.hex(17);
}

std::uint64_t seed_for_name(std::string_view name) {
    std::uint64_t hash = 0xcbf29ce484222325ULL;
    for (unsigned char c : name) {
        hash ^= c;
        hash *= 0x100000001b3ULL;
    }
    return hash;
}

RegionState::RegionState(std::string region)
    : region_(std::move(region)), zones_(availability_zones(region_)), ids_(seed_for_name(region_)) {
    IdSource default_ids(seed_for_name("default-vpc:" + region_));
    dhcp_options_id_ = new_resource_id(default_ids, "dopt-");
    const Vpc& vpc =
        insert_vpc(Ipv4Cidr{kDefaultVpcNetwork, kDefaultVpcPrefix}.to_string(), true, Tags{}, default_ids);
    for (std::size_t i = 0; i < zones_.size(); ++i) {
        // 172.31.0.0/20, 172.31.16.0/20, 172.31.32.0/20, ... as AWS lays out default subnets.
        const Ipv4Cidr cidr{kDefaultVpcNetwork + (static_cast<std::uint32_t>(i) << 12), kDefaultSubnetPrefix};
        Subnet subnet;
        subnet.id = new_resource_id(default_ids, "subnet-");
        subnet.vpc_id = vpc.id;
        subnet.cidr_block = cidr.to_string();
        subnet.availability_zone = zones_[i].name;
        subnet.availability_zone_id = zones_[i].id;
        subnet.available_ip_address_count = available_ip_address_count(cidr);
        subnet.default_for_az = true;
        subnet.map_public_ip_on_launch = true;
        subnets_.insert(std::move(subnet));
    }
}

const Vpc* RegionState::default_vpc() const {
    for (const auto& vpc : vpcs_)
        if (vpc.is_default) return &vpc;
    return nullptr;
}

Vpc& RegionState::insert_vpc(const std::string& cidr_block, bool is_default, Tags tags, IdSource& ids) {
    Vpc vpc;
    vpc.id = new_resource_id(ids, "vpc-");
    vpc.cidr_block = cidr_block;
    vpc.cidr_block_association_id = new_resource_id(ids, "vpc-cidr-assoc-");
    vpc.dhcp_options_id = dhcp_options_id_;
    vpc.is_default = is_default;
    vpc.tags = std::move(tags);
    Vpc& stored = vpcs_.insert(std::move(vpc));

    // As in AWS: members of the default group reach each other on every protocol.
    SecurityGroup& group =
        insert_security_group(stored.id, "default", "default VPC security group", Tags{}, ids);
    SecurityGroupRule from_members;
    from_members.id = new_resource_id(ids, "sgr-");
    from_members.ip_protocol = "-1";
    from_members.referenced_group_id = group.id;
    group.ingress.push_back(std::move(from_members));
    return stored;
}

Result<const Vpc*> RegionState::create_vpc(const CreateVpcRequest& request) {
    if (request.cidr_block.empty()) return missing_parameter("cidrBlock");
    const auto cidr = Ipv4Cidr::parse(request.cidr_block);
    if (!cidr || !cidr->is_canonical()) return invalid_cidr_block(request.cidr_block);
    if (cidr->prefix_length < kVpcPrefixMin || cidr->prefix_length > kVpcPrefixMax) {
        return invalid_range("InvalidVpc.Range", request.cidr_block);
    }
    if (auto valid = validate_tags(request.tags); !valid) return valid.error();
    return &insert_vpc(cidr->to_string(), false, request.tags, ids_);
}

Status RegionState::delete_vpc(const std::string& vpc_id) {
    if (!vpcs_.find(vpc_id)) return vpc_not_found(vpc_id);
    for (const auto& subnet : subnets_)
        if (subnet.vpc_id == vpc_id) return vpc_has_dependencies(vpc_id);
    std::vector<std::string> default_groups;
    for (const auto& group : groups_) {
        if (group.vpc_id != vpc_id) continue;
        if (!group.is_vpc_default()) return vpc_has_dependencies(vpc_id);
        default_groups.push_back(group.id);
    }
    for (const auto& group_id : default_groups) groups_.erase(group_id);
    vpcs_.erase(vpc_id);
    return Ok{};
}

Result<const Subnet*> RegionState::create_subnet(const CreateSubnetRequest& request) {
    if (request.vpc_id.empty()) return missing_parameter("vpcId");
    if (request.cidr_block.empty()) return missing_parameter("cidrBlock");
    const Vpc* vpc = vpcs_.find(request.vpc_id);
    if (!vpc) return vpc_not_found(request.vpc_id);

    const auto cidr = Ipv4Cidr::parse(request.cidr_block);
    if (!cidr || !cidr->is_canonical()) return invalid_cidr_block(request.cidr_block);
    const auto vpc_cidr = Ipv4Cidr::parse(vpc->cidr_block);
    if (cidr->prefix_length < kSubnetPrefixMin || cidr->prefix_length > kSubnetPrefixMax || !vpc_cidr ||
        !vpc_cidr->contains(*cidr)) {
        return invalid_range("InvalidSubnet.Range", request.cidr_block);
    }
    std::size_t subnets_in_vpc = 0;
    for (const auto& other : subnets_) {
        if (other.vpc_id != vpc->id) continue;
        ++subnets_in_vpc;
        const auto other_cidr = Ipv4Cidr::parse(other.cidr_block);
        if (other_cidr && other_cidr->overlaps(*cidr)) {
            return AwsError::client("InvalidSubnet.Conflict",
                                    "The CIDR '" + request.cidr_block + "' conflicts with another subnet");
        }
    }

    auto zone = resolve_zone(zones_, request, subnets_in_vpc);
    if (!zone) return zone.error();
    if (auto valid = validate_tags(request.tags); !valid) return valid.error();

    Subnet subnet;
    subnet.id = new_resource_id(ids_, "subnet-");
    subnet.vpc_id = vpc->id;
    subnet.cidr_block = cidr->to_string();
    subnet.availability_zone = zone.value()->name;
    subnet.availability_zone_id = zone.value()->id;
    subnet.available_ip_address_count = available_ip_address_count(*cidr);
    subnet.tags = request.tags;
    return &subnets_.insert(std::move(subnet));
}

Status RegionState::delete_subnet(const std::string& subnet_id) {
    if (!subnets_.erase(subnet_id)) return subnet_not_found(subnet_id);
    return Ok{};
}

}  // namespace ecsemu::core::ec2
