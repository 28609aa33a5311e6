#include <catch2/catch.hpp>

#include "emulator/core/ec2/ec2_store.hpp"

namespace ecsemu::test::elbv2 {

TEST_CASE("Ec2Store finds the subnet holding an address and a VPC's default group", "[elbv2][ec2]") {
    core::ec2::Ec2Store store;
    const auto& region = store.region("ap-southeast-1");
    const core::Vpc* vpc = region.default_vpc();
    REQUIRE(vpc != nullptr);
    const core::Subnet* first = &*region.subnets().begin();
    // Default subnets are /20s of 172.31.0.0/16; the first holds its own network address + 5.
    const std::string base = first->cidr_block.substr(0, first->cidr_block.find('/'));
    const std::string address = base.substr(0, base.rfind('.')) + ".5";
    const core::Subnet* found = store.find_subnet_containing("ap-southeast-1", vpc->id, address);
    REQUIRE(found != nullptr);
    CHECK(found->id == first->id);
    CHECK(store.find_subnet_containing("ap-southeast-1", vpc->id, "10.9.9.9") == nullptr);
    CHECK(store.find_subnet_containing("ap-southeast-1", "vpc-other", address) == nullptr);
    CHECK(store.find_subnet_containing("ap-southeast-1", vpc->id, "not-an-ip") == nullptr);
    const core::SecurityGroup* group = store.find_default_security_group("ap-southeast-1", vpc->id);
    REQUIRE(group != nullptr);
    CHECK(group->name == "default");
    CHECK(group->vpc_id == vpc->id);
}

}  // namespace ecsemu::test::elbv2
