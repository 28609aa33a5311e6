#include "ec2_fixture.hpp"
#include "emulator/api/sts/sts_service.hpp"

using ecsemu::test::Ec2Fixture;
using nlohmann::json;

TEST_CASE("Unknown operations are InvalidAction; DryRun answers DryRunOperation", "[ec2][service]") {
    Ec2Fixture ec2;
    const auto unknown = ec2.error("DescribeInstances");
    CHECK(unknown.code == "InvalidAction");
    CHECK(unknown.http_status == 400);
    const auto dry = ec2.error("CreateVpc", {{"CidrBlock", "10.0.0.0/16"}, {"DryRun", "true"}});
    CHECK(dry.code == "DryRunOperation");
    CHECK(dry.http_status == 412);
    CHECK(ec2.ok("DescribeVpcs")["vpcSet"].size() == 1);
}

TEST_CASE("mutates() covers the operations that change state", "[ec2][service]") {
    ecsemu::api::ec2::Ec2Service service;
    CHECK(service.signing_name() == "ec2");
    for (const char* op : {"CreateVpc", "DeleteVpc", "CreateSubnet", "DeleteSubnet", "CreateSecurityGroup",
                           "DeleteSecurityGroup", "AuthorizeSecurityGroupIngress",
                           "RevokeSecurityGroupEgress", "CreateTags", "DeleteTags"}) {
        CAPTURE(op);
        CHECK(service.mutates(op));
    }
    for (const char* op : {"DescribeVpcs", "DescribeSubnets", "DescribeSecurityGroups", "DescribeTags",
                           "DescribeAvailabilityZones"}) {
        CAPTURE(op);
        CHECK_FALSE(service.mutates(op));
    }
}

TEST_CASE("CreateTags, DeleteTags and DescribeTags", "[ec2][tags]") {
    Ec2Fixture ec2;
    const std::string vpc_id = ec2.create_vpc("10.0.0.0/16");
    const std::string subnet_id = ec2.create_subnet(vpc_id, "10.0.1.0/24");
    ec2.ok("CreateTags",
           {{"ResourceId", {vpc_id, subnet_id}},
            {"Tag", json::array({{{"Key", "env"}, {"Value", "prod"}}, {{"Key", "team"}, {"Value", "be"}}})}});

    const json subnet_tags =
        ec2.ok("DescribeTags", {{"Filter", Ec2Fixture::filter("resource-id", {subnet_id})}});
    CHECK(subnet_tags["tagSet"] ==
          json::array({
              {{"resourceId", subnet_id}, {"resourceType", "subnet"}, {"key", "env"}, {"value", "prod"}},
              {{"resourceId", subnet_id}, {"resourceType", "subnet"}, {"key", "team"}, {"value", "be"}},
          }));
    CHECK(ec2.ok("DescribeSubnets", {{"Filter", Ec2Fixture::filter("tag:env", {"prod"})}})["subnetSet"]
              .size() == 1);

    // With a value only a matching tag goes; without one the key goes whatever its value.
    ec2.ok("DeleteTags",
           {{"ResourceId", {vpc_id}}, {"Tag", json::array({{{"Key", "env"}, {"Value", "dev"}}})}});
    CHECK(
        ec2.ok("DescribeTags", {{"Filter", Ec2Fixture::filter("resource-type", {"vpc"})}})["tagSet"].size() ==
        2);
    ec2.ok("DeleteTags", {{"ResourceId", {vpc_id}}, {"Tag", json::array({{{"Key", "env"}}})}});
    const json vpc_tags = ec2.ok("DescribeTags", {{"Filter", Ec2Fixture::filter("resource-id", {vpc_id})}});
    REQUIRE(vpc_tags["tagSet"].size() == 1);
    CHECK(vpc_tags["tagSet"][0]["key"] == "team");

    CHECK(ec2.error("CreateTags",
                    {{"ResourceId", {"vpc-00000000000000000"}}, {"Tag", json::array({{{"Key", "a"}}})}})
              .code == "InvalidVpcID.NotFound");
    CHECK(
        ec2.error("CreateTags", {{"ResourceId", {"i-0123"}}, {"Tag", json::array({{{"Key", "a"}}})}}).code ==
        "InvalidID");
    CHECK(ec2.error("CreateTags", {{"ResourceId", {vpc_id}}, {"Tag", json::array({{{"Key", "aws:x"}}})}})
              .code == "InvalidParameterValue");
}

TEST_CASE("DescribeAvailabilityZones lists a, b and c of the region", "[ec2][zones]") {
    Ec2Fixture ec2;
    const json zones = ec2.ok("DescribeAvailabilityZones", {}, "eu-west-1");
    REQUIRE(zones["availabilityZoneInfo"].size() == 3);
    CHECK(zones["availabilityZoneInfo"][0]["zoneName"] == "eu-west-1a");
    CHECK(zones["availabilityZoneInfo"][0]["zoneId"] == "euw1-az1");
    CHECK(zones["availabilityZoneInfo"][0]["zoneState"] == "available");
    CHECK(zones["availabilityZoneInfo"][0]["regionName"] == "eu-west-1");
    CHECK(ec2.ok("DescribeAvailabilityZones", {{"ZoneName", {"ap-southeast-1c"}}})["availabilityZoneInfo"]
              .size() == 1);
    CHECK(ec2.ok("DescribeAvailabilityZones",
                 {{"Filter",
                   Ec2Fixture::filter("zone-id", {"apse1-az2"})}})["availabilityZoneInfo"][0]["zoneName"] ==
          "ap-southeast-1b");
    CHECK(ec2.error("DescribeAvailabilityZones", {{"ZoneName", {"ap-southeast-1z"}}}).code ==
          "InvalidParameterValue");
}

TEST_CASE("STS GetCallerIdentity names the account's root user", "[sts]") {
    ecsemu::api::sts::StsService sts;
    CHECK(sts.signing_name() == "sts");
    ecsemu::api::ApiCall call;
    call.service = "sts";
    call.operation = "GetCallerIdentity";
    call.account_id = "000000000000";
    call.protocol = ecsemu::api::Protocol::Query;
    const auto identity = sts.call(call);
    REQUIRE(identity.ok());
    CHECK(identity.value() == json{{"UserId", "000000000000"},
                                   {"Account", "000000000000"},
                                   {"Arn", "arn:aws:iam::000000000000:root"}});
    CHECK_FALSE(sts.mutates("GetCallerIdentity"));

    call.operation = "AssumeRole";
    const auto unknown = sts.call(call);
    REQUIRE_FALSE(unknown.ok());
    CHECK(unknown.error().code == "InvalidAction");
}
