#pragma once
// The EC2 subset ecsemu serves (VPCs, subnets, security groups, tags, availability zones), EC2 protocol.
// It is also the Ec2Directory other services (ECS, ELBv2) use to validate subnets and security groups.
//
// State is per region; each region starts with a default VPC (172.31.0.0/16, a default subnet per zone, a
// default security group). Ids are deterministic per region, so replaying journaled calls reproduces them.
#include <string>
#include <string_view>

#include "emulator/api/service.hpp"
#include "emulator/core/ec2/ec2_store.hpp"
#include "emulator/core/model/ec2.hpp"

namespace ecsemu::api::ec2 {

class Ec2Service final : public Service, public core::Ec2Directory {
public:
    Ec2Service() = default;

    std::string_view signing_name() const override { return "ec2"; }
    ApiResult call(const ApiCall& call) override;
    // Create*, Delete*, Authorize*, Revoke*, Modify*.
    bool mutates(std::string_view operation) const override;
    void reset() override { store_.reset(); }

    const core::Subnet* find_subnet(const std::string& region, const std::string& subnet_id) const override {
        return store_.find_subnet(region, subnet_id);
    }
    const core::SecurityGroup* find_security_group(const std::string& region,
                                                   const std::string& group_id) const override {
        return store_.find_security_group(region, group_id);
    }
    const core::Vpc* find_vpc(const std::string& region, const std::string& vpc_id) const override {
        return store_.find_vpc(region, vpc_id);
    }
    const core::Subnet* find_subnet_containing(const std::string& region, const std::string& vpc_id,
                                               const std::string& ipv4) const override {
        return store_.find_subnet_containing(region, vpc_id, ipv4);
    }
    const core::SecurityGroup* find_default_security_group(const std::string& region,
                                                           const std::string& vpc_id) const override {
        return store_.find_default_security_group(region, vpc_id);
    }

    const core::ec2::Ec2Store& store() const { return store_; }

private:
    core::ec2::Ec2Store store_;
};

}  // namespace ecsemu::api::ec2
