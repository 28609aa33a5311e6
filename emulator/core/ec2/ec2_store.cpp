#include "ec2_store.hpp"

#include "emulator/core/ec2/cidr.hpp"

namespace ecsemu::core::ec2 {

RegionState& Ec2Store::region(const std::string& name) {
    auto it = regions_.find(name);
    if (it == regions_.end()) it = regions_.try_emplace(name, name).first;
    return it->second;
}

const RegionState& Ec2Store::region(const std::string& name) const {
    auto it = regions_.find(name);
    if (it == regions_.end()) it = regions_.try_emplace(name, name).first;
    return it->second;
}

const Subnet* Ec2Store::find_subnet(const std::string& region_name, const std::string& subnet_id) const {
    return region(region_name).find_subnet(subnet_id);
}

const SecurityGroup* Ec2Store::find_security_group(const std::string& region_name,
                                                   const std::string& group_id) const {
    return region(region_name).find_security_group(group_id);
}

const Vpc* Ec2Store::find_vpc(const std::string& region_name, const std::string& vpc_id) const {
    return region(region_name).find_vpc(vpc_id);
}

const Subnet* Ec2Store::find_subnet_containing(const std::string& region_name, const std::string& vpc_id,
                                               const std::string& ipv4) const {
    const auto address = Ipv4Cidr::parse(ipv4 + "/32");
    if (!address) return nullptr;
    for (const auto& subnet : region(region_name).subnets()) {
        if (subnet.vpc_id != vpc_id) continue;
        const auto block = Ipv4Cidr::parse(subnet.cidr_block);
        if (block && block->contains(*address)) return &subnet;
    }
    return nullptr;
}

const SecurityGroup* Ec2Store::find_default_security_group(const std::string& region_name,
                                                           const std::string& vpc_id) const {
    return region(region_name).find_security_group_by_name(vpc_id, "default");
}

}  // namespace ecsemu::core::ec2
