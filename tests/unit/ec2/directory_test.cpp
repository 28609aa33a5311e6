#include <set>

#include "ec2_fixture.hpp"

using ecsemu::test::Ec2Fixture;
using ecsemu::test::kRegion;
using nlohmann::json;

TEST_CASE("Ec2Directory finds what the API created, per region", "[ec2][directory]") {
    Ec2Fixture ec2;
    const std::string vpc_id = ec2.create_vpc("10.0.0.0/16");
    const std::string subnet_id = ec2.create_subnet(vpc_id, "10.0.11.0/24", "ap-southeast-1b");
    const std::string group_id = ec2.create_group(vpc_id, "backend");
    const ecsemu::core::Ec2Directory& directory = ec2.service;

    const auto* subnet = directory.find_subnet(kRegion, subnet_id);
    REQUIRE(subnet);
    CHECK(subnet->availability_zone == "ap-southeast-1b");
    CHECK(subnet->availability_zone_id == "apse1-az2");
    CHECK(subnet->vpc_id == vpc_id);
    const auto* group = directory.find_security_group(kRegion, group_id);
    REQUIRE(group);
    CHECK(group->vpc_id == vpc_id);
    CHECK(group->name == "backend");
    const auto* vpc = directory.find_vpc(kRegion, vpc_id);
    REQUIRE(vpc);
    CHECK(vpc->cidr_block == "10.0.0.0/16");

    CHECK(directory.find_subnet("us-east-1", subnet_id) == nullptr);
    CHECK(directory.find_subnet(kRegion, "subnet-00000000000000000") == nullptr);
    CHECK(directory.find_security_group(kRegion, "sg-00000000000000000") == nullptr);

    ec2.ok("DeleteSubnet", {{"SubnetId", subnet_id}});
    CHECK(directory.find_subnet(kRegion, subnet_id) == nullptr);
}

TEST_CASE("Default subnets resolve before any EC2 call touches the region", "[ec2][directory][default]") {
    // The ids a client learnt before a restart must resolve when ECS calls are replayed from the journal,
    // although reads (DescribeSubnets) are not journaled.
    Ec2Fixture before;
    const json listed =
        before.ok("DescribeSubnets", {{"Filter", Ec2Fixture::filter("default-for-az", {"true"})}});
    REQUIRE(listed["subnetSet"].size() == 3);
    const std::string default_subnet = listed["subnetSet"][1]["subnetId"];

    Ec2Fixture after_restart;
    const auto* subnet = after_restart.service.find_subnet(kRegion, default_subnet);
    REQUIRE(subnet);
    CHECK(subnet->availability_zone == "ap-southeast-1b");
    CHECK(subnet->default_for_az);
}

TEST_CASE("Ids are deterministic: the same calls give the same ids, failures draw none", "[ec2][ids]") {
    const auto run = [](bool with_failures) {
        Ec2Fixture ec2;
        std::vector<std::string> ids;
        ids.push_back(ec2.create_vpc("10.0.0.0/16"));
        if (with_failures) {
            ec2.error("CreateVpc", {{"CidrBlock", "10.0.0.0/8"}});
            ec2.error("CreateSubnet", {{"VpcId", ids[0]}, {"CidrBlock", "10.9.0.0/24"}});
            ec2.ok("DescribeSubnets");
            ec2.ok("DescribeVpcs", {}, "eu-west-1");
        }
        ids.push_back(ec2.create_subnet(ids[0], "10.0.1.0/24"));
        ids.push_back(ec2.create_group(ids[0], "a"));
        if (with_failures)
            ec2.error("CreateSecurityGroup",
                      {{"GroupName", "a"}, {"GroupDescription", "d"}, {"VpcId", ids[0]}});
        ids.push_back(ec2.ok("AuthorizeSecurityGroupIngress",
                             {{"GroupId", ids[2]},
                              {"IpProtocol", "tcp"},
                              {"FromPort", "80"},
                              {"ToPort", "80"},
                              {"CidrIp", "0.0.0.0/0"}})["securityGroupRuleSet"][0]["securityGroupRuleId"]);
        return ids;
    };
    const auto first = run(false);
    CHECK(first == run(false));
    CHECK(first == run(true));
    CHECK(std::set<std::string>(first.begin(), first.end()).size() == first.size());
}

TEST_CASE("Regions have their own ids and default VPCs; reset restores the initial state", "[ec2][ids]") {
    Ec2Fixture ec2;
    const json singapore = ec2.ok("DescribeVpcs");
    const json virginia = ec2.ok("DescribeVpcs", {}, "us-east-1");
    CHECK(singapore["vpcSet"][0]["vpcId"] != virginia["vpcSet"][0]["vpcId"]);
    CHECK(ec2.ok("DescribeSubnets", {}, "us-east-1")["subnetSet"][0]["availabilityZone"] == "us-east-1a");
    CHECK(ec2.create_vpc("10.0.0.0/16") != [] {
        Ec2Fixture other;
        return other.ok("CreateVpc", {{"CidrBlock", "10.0.0.0/16"}}, "us-east-1")["vpc"]["vpcId"]
            .get<std::string>();
    }());

    const std::string first_vpc = ec2.ok("DescribeVpcs")["vpcSet"][1]["vpcId"];
    ec2.service.reset();
    CHECK(ec2.ok("DescribeVpcs") == singapore);
    CHECK(ec2.create_vpc("10.0.0.0/16") == first_vpc);
}
