#pragma once
// One region's EC2 networking state and the deterministic operations on it.
//
// Determinism: every id a call creates comes from this region's IdSource, seeded from the region name, and
// each operation validates completely before it draws an id. A failed call therefore leaves the id sequence
// untouched, which journal replay relies on (only successful mutations are journaled).
// The default VPC, its subnets and default security group come from a second source, also seeded from the
// region name, so they are identical whenever the region is first touched, by a read or a write.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "emulator/core/ec2/filters.hpp"
#include "emulator/core/ec2/resource_table.hpp"
#include "emulator/core/ec2/security_group_rules.hpp"
#include "emulator/core/ec2/zones.hpp"
#include "emulator/core/errors.hpp"
#include "emulator/core/ids.hpp"
#include "emulator/core/model/ec2.hpp"

namespace ecsemu::core::ec2 {

struct CreateVpcRequest {
    std::string cidr_block;
    Tags tags;
};

// Zone by name or by id; neither picks one in turn (a, b, c by the VPC's subnet count).
struct CreateSubnetRequest {
    std::string vpc_id;
    std::string cidr_block;
    std::string availability_zone;
    std::string availability_zone_id;
    Tags tags;
};

// An empty vpc_id means the region's default VPC.
struct CreateSecurityGroupRequest {
    std::string group_name;
    std::string description;
    std::string vpc_id;
    Tags tags;
};

// DeleteTags: without a value the key goes whatever its value; with one, only when the value matches.
struct TagKeyRequest {
    std::string key;
    std::optional<std::string> value;
};

class RegionState {
public:
    // Creates the default VPC 172.31.0.0/16 with one default /20 subnet per zone and its default group.
    explicit RegionState(std::string region);

    const std::string& region() const { return region_; }
    const std::vector<AvailabilityZone>& zones() const { return zones_; }

    const ResourceTable<Vpc>& vpcs() const { return vpcs_; }
    const ResourceTable<Subnet>& subnets() const { return subnets_; }
    const ResourceTable<SecurityGroup>& security_groups() const { return groups_; }

    const Vpc* find_vpc(const std::string& vpc_id) const { return vpcs_.find(vpc_id); }
    const Subnet* find_subnet(const std::string& subnet_id) const { return subnets_.find(subnet_id); }
    const SecurityGroup* find_security_group(const std::string& group_id) const {
        return groups_.find(group_id);
    }
    // nullptr once the user has deleted it.
    const Vpc* default_vpc() const;
    const SecurityGroup* find_security_group_by_name(const std::string& vpc_id,
                                                     const std::string& name) const;

    Result<const Vpc*> create_vpc(const CreateVpcRequest& request);
    // DependencyViolation while subnets or groups other than the VPC's default group remain.
    Status delete_vpc(const std::string& vpc_id);

    Result<const Subnet*> create_subnet(const CreateSubnetRequest& request);
    Status delete_subnet(const std::string& subnet_id);

    Result<const SecurityGroup*> create_security_group(const CreateSecurityGroupRequest& request);
    // The VPC's default group cannot go; nor can a group another group's rules refer to.
    Status delete_security_group(const std::string& group_id);

    // Adds one rule per peer, all or none. Returns the added rules in request order.
    Result<std::vector<SecurityGroupRule>> authorize(const std::string& group_id, RuleDirection direction,
                                                     const std::vector<IpPermissionRequest>& permissions);
    // Removes the rules matching each requested peer, all or none.
    Status revoke(const std::string& group_id, RuleDirection direction,
                  const std::vector<IpPermissionRequest>& permissions);

    // Resources are vpc-, subnet- and sg- ids of this region.
    Status create_tags(const std::vector<std::string>& resource_ids, const Tags& tags);
    // An empty key list removes every tag of the resources.
    Status delete_tags(const std::vector<std::string>& resource_ids, const std::vector<TagKeyRequest>& keys);
    // VPCs, then subnets, then groups, each in creation order; keys in order within a resource.
    std::vector<TagDescription> tag_descriptions() const;

private:
    Vpc& insert_vpc(const std::string& cidr_block, bool is_default, Tags tags, IdSource& ids);
    SecurityGroup& insert_security_group(const std::string& vpc_id, const std::string& name,
                                         const std::string& description, Tags tags, IdSource& ids);
    Result<std::vector<SecurityGroupRule>> plan_rules(
        const SecurityGroup& group, const std::vector<IpPermissionRequest>& permissions) const;
    Result<std::string> resolve_peer_group(const SecurityGroup& target, const GroupPeerRequest& peer) const;
    // What authorize and revoke work on: the group's rules in `direction`, and the rules `permissions` plan.
    struct PlannedRuleChange {
        std::vector<SecurityGroupRule>* existing;
        std::vector<SecurityGroupRule> planned;
    };
    Result<PlannedRuleChange> plan_rule_change(const std::string& group_id, RuleDirection direction,
                                               const std::vector<IpPermissionRequest>& permissions);
    Tags* find_tags(const std::string& resource_id);
    Status check_taggable(const std::vector<std::string>& resource_ids);

    std::string region_;
    std::vector<AvailabilityZone> zones_;
    std::string dhcp_options_id_;
    IdSource ids_;
    ResourceTable<Vpc> vpcs_;
    ResourceTable<Subnet> subnets_;
    ResourceTable<SecurityGroup> groups_;
};

// EC2 resource ids: prefix plus 17 lowercase hex digits, e.g. vpc-0a1b2c3d4e5f60718.
std::string new_resource_id(IdSource& ids, std::string_view prefix);

// Tag keys 1-128 characters, not starting with "aws:"; values up to 256 characters.
Status validate_tags(const Tags& tags);

// Stable 64-bit seed for a name (FNV-1a); the same region always yields the same ids.
std::uint64_t seed_for_name(std::string_view name);

}  // namespace ecsemu::core::ec2
