#include "ec2_fixture.hpp"

using ecsemu::test::Ec2Fixture;
using nlohmann::json;

TEST_CASE("CreateVpc returns the VPC with its tags and DescribeVpcs finds it by tag", "[ec2][vpc]") {
    Ec2Fixture ec2;
    const json created =
        ec2.ok("CreateVpc", {{"CidrBlock", "10.0.0.0/16"},
                             {"TagSpecification", Ec2Fixture::name_tag_spec("vpc", "ielts-prod-vpc")}});
    const json& vpc = created["vpc"];
    const std::string vpc_id = vpc["vpcId"];
    CHECK(vpc_id.rfind("vpc-", 0) == 0);
    CHECK(vpc_id.size() == 4 + 17);
    CHECK(vpc["cidrBlock"] == "10.0.0.0/16");
    CHECK(vpc["state"] == "available");
    CHECK(vpc["isDefault"] == false);
    CHECK(vpc["ownerId"] == ecsemu::test::kAccount);
    CHECK(vpc["tagSet"] == json::array({{{"key", "Name"}, {"value", "ielts-prod-vpc"}}}));
    CHECK(vpc["cidrBlockAssociationSet"][0]["cidrBlock"] == "10.0.0.0/16");

    const json by_tag =
        ec2.ok("DescribeVpcs", {{"Filter", Ec2Fixture::filter("tag:Name", {"ielts-prod-vpc"})}});
    REQUIRE(by_tag["vpcSet"].size() == 1);
    CHECK(by_tag["vpcSet"][0]["vpcId"] == vpc_id);

    const json by_id = ec2.ok("DescribeVpcs", {{"VpcId", {vpc_id}}});
    REQUIRE(by_id["vpcSet"].size() == 1);

    const json by_cidr_and_state = ec2.ok(
        "DescribeVpcs",
        {{"Filter",
          {{{"Name", "cidr"}, {"Value", {"10.0.*"}}}, {{"Name", "state"}, {"Value", {"available"}}}}}});
    REQUIRE(by_cidr_and_state["vpcSet"].size() == 1);
    CHECK(by_cidr_and_state["vpcSet"][0]["vpcId"] == vpc_id);

    CHECK(ec2.ok("DescribeVpcs", {{"Filter", Ec2Fixture::filter("tag-key", {"Name"})}})["vpcSet"].size() ==
          1);
    CHECK(ec2.ok("DescribeVpcs", {{"Filter", Ec2Fixture::filter("tag:Name", {"other"})}})["vpcSet"].empty());
}

TEST_CASE("Every region starts with a default VPC and a default group per VPC", "[ec2][vpc][default]") {
    Ec2Fixture ec2;
    const json all = ec2.ok("DescribeVpcs");
    REQUIRE(all["vpcSet"].size() == 1);
    const json& default_vpc = all["vpcSet"][0];
    CHECK(default_vpc["isDefault"] == true);
    CHECK(default_vpc["cidrBlock"] == "172.31.0.0/16");
    CHECK(default_vpc.find("tagSet") == default_vpc.end());

    const json defaults = ec2.ok("DescribeVpcs", {{"Filter", Ec2Fixture::filter("is-default", {"true"})}});
    REQUIRE(defaults["vpcSet"].size() == 1);
    CHECK(defaults["vpcSet"][0]["vpcId"] == default_vpc["vpcId"]);

    const json subnets =
        ec2.ok("DescribeSubnets", {{"Filter", Ec2Fixture::filter("vpc-id", {default_vpc["vpcId"]})}});
    REQUIRE(subnets["subnetSet"].size() == 3);
    const char* zones[] = {"ap-southeast-1a", "ap-southeast-1b", "ap-southeast-1c"};
    const char* cidrs[] = {"172.31.0.0/20", "172.31.16.0/20", "172.31.32.0/20"};
    for (int i = 0; i < 3; ++i) {
        const json& subnet = subnets["subnetSet"][i];
        CHECK(subnet["availabilityZone"] == zones[i]);
        CHECK(subnet["cidrBlock"] == cidrs[i]);
        CHECK(subnet["defaultForAz"] == true);
        CHECK(subnet["mapPublicIpOnLaunch"] == true);
        CHECK(subnet["availableIpAddressCount"] == 4091);
    }

    const std::string vpc_id = ec2.create_vpc("10.0.0.0/16");
    const json groups =
        ec2.ok("DescribeSecurityGroups", {{"Filter", Ec2Fixture::filter("vpc-id", {vpc_id})}});
    REQUIRE(groups["securityGroupInfo"].size() == 1);
    CHECK(groups["securityGroupInfo"][0]["groupName"] == "default");
}

TEST_CASE("CreateVpc validates the CIDR block", "[ec2][vpc]") {
    Ec2Fixture ec2;
    CHECK(ec2.error("CreateVpc", {{"CidrBlock", "10.0.0.0/33"}}).code == "InvalidParameterValue");
    CHECK(ec2.error("CreateVpc", {{"CidrBlock", "10.0.0.1/16"}}).code == "InvalidParameterValue");
    CHECK(ec2.error("CreateVpc", {{"CidrBlock", "10.0.0.0/8"}}).code == "InvalidVpc.Range");
    CHECK(ec2.error("CreateVpc", {{"CidrBlock", "10.0.0.0/29"}}).code == "InvalidVpc.Range");
    CHECK(ec2.error("CreateVpc").code == "MissingParameter");
    const auto wrong_type = ec2.error(
        "CreateVpc",
        {{"CidrBlock", "10.0.0.0/16"}, {"TagSpecification", Ec2Fixture::name_tag_spec("subnet", "x")}});
    CHECK(wrong_type.code == "InvalidParameterValue");
    CHECK(ec2.ok("DescribeVpcs")["vpcSet"].size() == 1);  // nothing was created
}

TEST_CASE("DescribeVpcs rejects unknown ids and filters", "[ec2][vpc]") {
    Ec2Fixture ec2;
    const auto missing = ec2.error("DescribeVpcs", {{"VpcId", {"vpc-0123456789abcdef0"}}});
    CHECK(missing.code == "InvalidVpcID.NotFound");
    CHECK(missing.message == "The vpc ID 'vpc-0123456789abcdef0' does not exist");
    CHECK(ec2.error("DescribeVpcs", {{"VpcId", {"nope"}}}).code == "InvalidVpcID.Malformed");
    const auto bad_filter = ec2.error("DescribeVpcs", {{"Filter", Ec2Fixture::filter("colour", {"red"})}});
    CHECK(bad_filter.code == "InvalidParameterValue");
    CHECK(bad_filter.message == "The filter 'colour' is invalid");
}

TEST_CASE("DeleteVpc waits for subnets and groups to go, then takes the default group along", "[ec2][vpc]") {
    Ec2Fixture ec2;
    const std::string vpc_id = ec2.create_vpc("10.0.0.0/16");
    const std::string subnet_id = ec2.create_subnet(vpc_id, "10.0.1.0/24");
    const std::string group_id = ec2.create_group(vpc_id, "app");

    CHECK(ec2.error("DeleteVpc", {{"VpcId", vpc_id}}).code == "DependencyViolation");
    ec2.ok("DeleteSubnet", {{"SubnetId", subnet_id}});
    const auto still = ec2.error("DeleteVpc", {{"VpcId", vpc_id}});
    CHECK(still.code == "DependencyViolation");
    CHECK(still.message == "The vpc '" + vpc_id + "' has dependencies and cannot be deleted.");
    ec2.ok("DeleteSecurityGroup", {{"GroupId", group_id}});

    CHECK(ec2.ok("DeleteVpc", {{"VpcId", vpc_id}}) == json{{"return", true}});
    CHECK(ec2.error("DescribeVpcs", {{"VpcId", {vpc_id}}}).code == "InvalidVpcID.NotFound");
    CHECK(ec2.ok("DescribeSecurityGroups",
                 {{"Filter", Ec2Fixture::filter("vpc-id", {vpc_id})}})["securityGroupInfo"]
              .empty());
    CHECK(ec2.error("DeleteVpc", {{"VpcId", vpc_id}}).code == "InvalidVpcID.NotFound");
}
