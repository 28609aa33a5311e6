#include "ec2_fixture.hpp"

using ecsemu::test::Ec2Fixture;
using nlohmann::json;

TEST_CASE("CreateSubnet places the subnet and DescribeSubnets filters by tag, VPC and zone",
          "[ec2][subnet]") {
    Ec2Fixture ec2;
    const std::string vpc_id = ec2.create_vpc("10.0.0.0/16", "ielts-prod-vpc");
    const json created = ec2.ok(
        "CreateSubnet", {{"VpcId", vpc_id},
                         {"CidrBlock", "10.0.11.0/24"},
                         {"AvailabilityZone", "ap-southeast-1a"},
                         {"TagSpecification", Ec2Fixture::name_tag_spec("subnet", "ielts-prod-private-a")}});
    const json& subnet = created["subnet"];
    const std::string subnet_id = subnet["subnetId"];
    CHECK(subnet_id.rfind("subnet-", 0) == 0);
    CHECK(subnet["vpcId"] == vpc_id);
    CHECK(subnet["cidrBlock"] == "10.0.11.0/24");
    CHECK(subnet["availabilityZone"] == "ap-southeast-1a");
    CHECK(subnet["availabilityZoneId"] == "apse1-az1");
    CHECK(subnet["availableIpAddressCount"] == 251);
    CHECK(subnet["defaultForAz"] == false);
    CHECK(subnet["state"] == "available");
    CHECK(subnet["subnetArn"] == "arn:aws:ec2:ap-southeast-1:123456789012:subnet/" + subnet_id);
    const std::string other_id =
        ec2.create_subnet(vpc_id, "10.0.12.0/24", "ap-southeast-1b", "ielts-prod-private-b");

    const json by_name =
        ec2.ok("DescribeSubnets", {{"Filter", Ec2Fixture::filter("tag:Name", {"ielts-prod-private-a"})}});
    REQUIRE(by_name["subnetSet"].size() == 1);
    CHECK(by_name["subnetSet"][0]["subnetId"] == subnet_id);
    CHECK(by_name["subnetSet"][0]["tagSet"] ==
          json::array({{{"key", "Name"}, {"value", "ielts-prod-private-a"}}}));

    const json wildcard =
        ec2.ok("DescribeSubnets", {{"Filter", Ec2Fixture::filter("tag:Name", {"ielts-prod-*"})}});
    CHECK(wildcard["subnetSet"].size() == 2);

    const json in_vpc_zone_b =
        ec2.ok("DescribeSubnets", {{"Filter",
                                    {{{"Name", "vpc-id"}, {"Value", {vpc_id}}},
                                     {{"Name", "availability-zone"}, {"Value", {"ap-southeast-1b"}}}}}});
    REQUIRE(in_vpc_zone_b["subnetSet"].size() == 1);
    CHECK(in_vpc_zone_b["subnetSet"][0]["subnetId"] == other_id);

    const json by_ids = ec2.ok("DescribeSubnets", {{"SubnetId", {other_id, subnet_id}}});
    REQUIRE(by_ids["subnetSet"].size() == 2);
    CHECK(by_ids["subnetSet"][0]["subnetId"] == subnet_id);  // creation order, not request order

    // 3 default subnets + 2.
    CHECK(ec2.ok("DescribeSubnets")["subnetSet"].size() == 5);
    CHECK(
        ec2.ok("DescribeSubnets", {{"Filter", Ec2Fixture::filter("default-for-az", {"false"})}})["subnetSet"]
            .size() == 2);
    CHECK(ec2.ok("DescribeSubnets",
                 {{"Filter", Ec2Fixture::filter("cidr-block", {"10.0.12.0/24"})}})["subnetSet"]
              .size() == 1);
}

TEST_CASE("CreateSubnet keeps subnets inside the VPC and apart from each other", "[ec2][subnet]") {
    Ec2Fixture ec2;
    const std::string vpc_id = ec2.create_vpc("10.0.0.0/16");
    ec2.create_subnet(vpc_id, "10.0.1.0/24");

    const auto conflict = ec2.error("CreateSubnet", {{"VpcId", vpc_id}, {"CidrBlock", "10.0.0.0/23"}});
    CHECK(conflict.code == "InvalidSubnet.Conflict");
    CHECK(conflict.message == "The CIDR '10.0.0.0/23' conflicts with another subnet");
    const auto outside = ec2.error("CreateSubnet", {{"VpcId", vpc_id}, {"CidrBlock", "10.1.0.0/24"}});
    CHECK(outside.code == "InvalidSubnet.Range");
    CHECK(outside.message == "The CIDR '10.1.0.0/24' is invalid.");
    CHECK(ec2.error("CreateSubnet", {{"VpcId", vpc_id}, {"CidrBlock", "10.0.2.0/29"}}).code ==
          "InvalidSubnet.Range");
    CHECK(ec2.error("CreateSubnet", {{"VpcId", vpc_id}, {"CidrBlock", "10.0.2.7/24"}}).code ==
          "InvalidParameterValue");
    CHECK(ec2.error("CreateSubnet", {{"VpcId", vpc_id}, {"CidrBlock", "banana"}}).code ==
          "InvalidParameterValue");
    CHECK(
        ec2.error("CreateSubnet", {{"VpcId", "vpc-00000000000000000"}, {"CidrBlock", "10.0.2.0/24"}}).code ==
        "InvalidVpcID.NotFound");
    CHECK(ec2.error("CreateSubnet", {{"CidrBlock", "10.0.2.0/24"}}).code == "MissingParameter");

    const auto bad_zone =
        ec2.error("CreateSubnet",
                  {{"VpcId", vpc_id}, {"CidrBlock", "10.0.2.0/24"}, {"AvailabilityZone", "us-east-1a"}});
    CHECK(bad_zone.code == "InvalidParameterValue");
    CHECK(bad_zone.message ==
          "Value (us-east-1a) for parameter availabilityZone is invalid. Subnets can currently only be "
          "created in "
          "the following availability zones: ap-southeast-1a, ap-southeast-1b, ap-southeast-1c.");
    // A subnet adjacent to an existing one is fine.
    ec2.create_subnet(vpc_id, "10.0.2.0/24");
}

TEST_CASE("CreateSubnet without a zone spreads across zones; zone ids are accepted", "[ec2][subnet]") {
    Ec2Fixture ec2;
    const std::string vpc_id = ec2.create_vpc("10.0.0.0/16");
    std::vector<std::string> zones;
    for (int i = 0; i < 4; ++i) {
        const json subnet =
            ec2.ok("CreateSubnet", {{"VpcId", vpc_id}, {"CidrBlock", "10.0." + std::to_string(i) + ".0/24"}});
        zones.push_back(subnet["subnet"]["availabilityZone"]);
    }
    CHECK(zones == std::vector<std::string>{"ap-southeast-1a", "ap-southeast-1b", "ap-southeast-1c",
                                            "ap-southeast-1a"});

    const json by_id =
        ec2.ok("CreateSubnet",
               {{"VpcId", vpc_id}, {"CidrBlock", "10.0.9.0/24"}, {"AvailabilityZoneId", "apse1-az3"}});
    CHECK(by_id["subnet"]["availabilityZone"] == "ap-southeast-1c");
}

TEST_CASE("DeleteSubnet removes the subnet; unknown ids are reported", "[ec2][subnet]") {
    Ec2Fixture ec2;
    const std::string vpc_id = ec2.create_vpc("10.0.0.0/16");
    const std::string subnet_id = ec2.create_subnet(vpc_id, "10.0.1.0/24");
    CHECK(ec2.ok("DeleteSubnet", {{"SubnetId", subnet_id}}) == json{{"return", true}});
    const auto gone = ec2.error("DescribeSubnets", {{"SubnetId", {subnet_id}}});
    CHECK(gone.code == "InvalidSubnetID.NotFound");
    CHECK(gone.message == "The subnet ID '" + subnet_id + "' does not exist");
    CHECK(ec2.error("DeleteSubnet", {{"SubnetId", subnet_id}}).code == "InvalidSubnetID.NotFound");
    CHECK(ec2.error("DeleteSubnet").code == "MissingParameter");
    // The freed range can be used again.
    ec2.create_subnet(vpc_id, "10.0.1.0/24");
}
