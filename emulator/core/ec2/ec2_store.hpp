#pragma once
// Every region's EC2 state. Regions appear, with their default VPC, on first use.
#include <functional>
#include <map>
#include <string>

#include "emulator/core/ec2/region_state.hpp"
#include "emulator/core/model/ec2.hpp"

namespace ecsemu::core::ec2 {

class Ec2Store final : public Ec2Directory {
public:
    RegionState& region(const std::string& name);
    // Materialises too, although const: a region's initial state is a pure function of its name, so
    // creating it early is unobservable. Other services' lookups (journal replay of ECS CreateService
    // included) must resolve default subnet ids of regions no EC2 call has touched yet.
    const RegionState& region(const std::string& name) const;

    void reset() { regions_.clear(); }

    const Subnet* find_subnet(const std::string& region_name, const std::string& subnet_id) const override;
    const SecurityGroup* find_security_group(const std::string& region_name,
                                             const std::string& group_id) const override;
    const Vpc* find_vpc(const std::string& region_name, const std::string& vpc_id) const override;
    const Subnet* find_subnet_containing(const std::string& region_name, const std::string& vpc_id,
                                         const std::string& ipv4) const override;
    const SecurityGroup* find_default_security_group(const std::string& region_name,
                                                     const std::string& vpc_id) const override;

private:
    mutable std::map<std::string, RegionState, std::less<>> regions_;
};

}  // namespace ecsemu::core::ec2
