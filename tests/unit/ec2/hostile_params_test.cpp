// EC2 refuses, with its own codes, parameters it does not know, values of the wrong shape or type, malformed
// ids and security group texts outside the characters it allows; nothing is created by a refused call.
#include <string>

#include "ec2_fixture.hpp"

using ecsemu::test::Ec2Fixture;
using nlohmann::json;

namespace {

std::size_t group_count(Ec2Fixture& ec2) {
    return ec2.ok("DescribeSecurityGroups")["securityGroupInfo"].size();
}

}  // namespace

TEST_CASE("parameters the operation does not have are UnknownParameter", "[ec2][params]") {
    Ec2Fixture ec2;
    const auto bogus = ec2.error("DescribeVpcs", {{"Bogus", "1"}});
    CHECK(bogus.code == "UnknownParameter");
    CHECK(bogus.message == "The parameter Bogus is not recognized");
    CHECK(bogus.http_status == 400);

    // VpcId.1=vpc-1&VpcId.1.Foo=x: the list element became a structure.
    const auto nested = ec2.error("DescribeVpcs", {{"VpcId", json::array({{{"Foo", "x"}}})}});
    CHECK(nested.code == "UnknownParameter");
    CHECK(nested.message == "The parameter VpcId.1.Foo is not recognized");

    // VpcId.-1=vpc-1: not a list position, so "-1" is a member name.
    const auto negative = ec2.error("DescribeVpcs", {{"VpcId", {{"-1", "vpc-1"}}}});
    CHECK(negative.code == "UnknownParameter");
    CHECK(negative.message == "The parameter VpcId.-1 is not recognized");

    // A list given without positions, and a structure member EC2 does not have.
    CHECK(ec2.error("DescribeVpcs", {{"VpcId", "vpc-1"}}).code == "UnknownParameter");
    CHECK(ec2.error("DescribeSubnets", {{"Filter", json::array({{{"Name", "vpc-id"}, {"Values", "x"}}})}})
              .message == "The parameter Filter.1.Values is not recognized");

    // The member name is not the wire name: UserIdGroupPairs travels as Groups.
    const std::string group = ec2.create_group(ec2.create_vpc("10.0.0.0/16"), "g");
    CHECK(ec2.error("AuthorizeSecurityGroupIngress",
                    {{"GroupId", group},
                     {"IpPermissions",
                      json::array({{{"IpProtocol", "tcp"},
                                    {"FromPort", "80"},
                                    {"ToPort", "80"},
                                    {"UserIdGroupPairs", json::array({{{"GroupId", group}}})}}})}})
              .code == "UnknownParameter");
}

TEST_CASE("scalars must parse as the model's type; required members must be there", "[ec2][params]") {
    Ec2Fixture ec2;
    const std::string group = ec2.create_group(ec2.create_vpc("10.0.0.0/16"), "g");
    const auto port =
        ec2.error("AuthorizeSecurityGroupIngress",
                  {{"GroupId", group},
                   {"IpPermissions",
                    json::array({{{"IpProtocol", "tcp"}, {"FromPort", "eighty"}, {"ToPort", "80"}}})}});
    CHECK(port.code == "InvalidParameterValue");
    CHECK(port.message ==
          "Value (eighty) for parameter IpPermissions.1.FromPort is invalid. Expected an integer.");
    CHECK(ec2.error("DescribeVpcs", {{"DryRun", "yes"}}).code == "InvalidParameterValue");
    CHECK(ec2.error("DescribeVpcs", {{"MaxResults", "5.5"}}).code == "InvalidParameterValue");

    const auto missing = ec2.error("CreateSecurityGroup", {{"GroupDescription", "d"}});
    CHECK(missing.code == "MissingParameter");
    CHECK(missing.message == "The request must contain the parameter GroupName");
    CHECK(ec2.error("CreateSubnet", {{"CidrBlock", "10.0.1.0/24"}}).code == "MissingParameter");
}

TEST_CASE("malformed ids are .Malformed, well-formed unknown ones .NotFound", "[ec2][params]") {
    Ec2Fixture ec2;
    const auto markup = ec2.error("DescribeVpcs", {{"VpcId", {"vpc-<x>&amp;"}}});
    CHECK(markup.code == "InvalidVpcID.Malformed");
    CHECK(markup.message == "Invalid id: \"vpc-<x>&amp;\" (expecting \"vpc-...\")");
    for (const auto* id : {"vpc-", "vpc-12 34", "vpc-0A1B", "vpc-xyz", "vpc-1\n", "subnet-01"}) {
        INFO(id);
        CHECK(ec2.error("DescribeVpcs", {{"VpcId", {id}}}).code == "InvalidVpcID.Malformed");
    }
    CHECK(ec2.error("DescribeVpcs", {{"VpcId", {"vpc-0123456789abcdef0"}}}).code == "InvalidVpcID.NotFound");
    CHECK(ec2.error("DescribeVpcs", {{"VpcId", {"vpc-1"}}}).code == "InvalidVpcID.NotFound");

    CHECK(ec2.error("CreateSubnet", {{"VpcId", "vpc-<x>"}, {"CidrBlock", "10.0.0.0/24"}}).code ==
          "InvalidVpcID.Malformed");
    CHECK(ec2.error("DescribeSubnets", {{"SubnetId", {"subnet-zz"}}}).code == "InvalidSubnetID.Malformed");
    CHECK(ec2.error("DeleteSubnet", {{"SubnetId", "subnet-\x01"}}).code == "InvalidSubnetID.Malformed");
    CHECK(ec2.error("DescribeSecurityGroups", {{"GroupId", {"sg-<b>"}}}).code == "InvalidGroupId.Malformed");
    CHECK(ec2.error("DeleteSecurityGroup", {{"GroupId", "sg-12345678 "}}).code == "InvalidGroupId.Malformed");
}

TEST_CASE("security group names and descriptions keep to EC2's characters", "[ec2][sg][params]") {
    Ec2Fixture ec2;
    const std::string vpc_id = ec2.create_vpc("10.0.0.0/16");
    const std::size_t before = group_count(ec2);
    const auto create = [&](const std::string& name, const std::string& description) {
        return ec2.call("CreateSecurityGroup",
                        {{"GroupName", name}, {"GroupDescription", description}, {"VpcId", vpc_id}});
    };

    const auto markup = create("</groupName><x>", "d");
    REQUIRE_FALSE(markup.ok());
    CHECK(markup.error().code == "InvalidParameterValue");
    CHECK(markup.error().message.find("GroupName") != std::string::npos);

    for (const auto* description : {"a\x01\x02"
                                    "b",
                                    "tab\there", "new\nline", "caf\xC3\xA9", "<b>", "quote\"", "back\\slash",
                                    "tilde~", "percent%", "caret^", "pipe|", "question?", "apostrophe'"}) {
        INFO(description);
        const auto refused = create("ctl", description);
        REQUIRE_FALSE(refused.ok());
        CHECK(refused.error().code == "InvalidParameterValue");
        CHECK(refused.error().message.find("GroupDescription") != std::string::npos);
    }
    for (const auto* name : {"a\x01", "caf\xC3\xA9", "x<y", "x>y", "semi\"colon"}) {
        INFO(name);
        const auto refused = create(name, "d");
        REQUIRE_FALSE(refused.ok());
        CHECK(refused.error().code == "InvalidParameterValue");
    }
    CHECK(create(std::string(256, 'n'), "d").error().code == "InvalidParameterValue");
    CHECK(create("n", std::string(256, 'd')).error().code == "InvalidParameterValue");
    CHECK(create("sg-web", "d").error().code == "InvalidParameterValue");
    CHECK(group_count(ec2) == before);

    // Every character AWS lists is accepted, at the full length.
    CHECK(create("Az09 ._-:/()#,@[]+=&;{}!$*", "Az09 ._-:/()#,@[]+=&;{}!$*").ok());
    CHECK(create(std::string(255, 'n'), std::string(255, 'd')).ok());
    CHECK(group_count(ec2) == before + 2);
}

TEST_CASE("rule descriptions keep to the same characters", "[ec2][sg][params]") {
    Ec2Fixture ec2;
    const std::string group = ec2.create_group(ec2.create_vpc("10.0.0.0/16"), "g");
    const auto with_description = [&](const std::string& description) {
        return ec2.call(
            "AuthorizeSecurityGroupIngress",
            {{"GroupId", group},
             {"IpPermissions",
              json::array({{{"IpProtocol", "tcp"},
                            {"FromPort", "443"},
                            {"ToPort", "443"},
                            {"IpRanges",
                             json::array({{{"CidrIp", "10.0.0.0/8"}, {"Description", description}}})}}})}});
    };
    const auto refused = with_description("bad\x07");
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.error().code == "InvalidParameterValue");
    CHECK(with_description(std::string(256, 'r')).error().code == "InvalidParameterValue");
    CHECK(with_description("HTTPS from the VPC (10/8)").ok());
}

TEST_CASE("CIDR blocks must be strict dotted quads", "[ec2][params]") {
    Ec2Fixture ec2;
    for (const auto* cidr :
         {"<script>", "]]><x>", "10.0.0.0/16 ", " 10.0.0.0/16", "10.0.0.0/016", "10.0.0/16", "10.0.0.0.0/16",
          "010.0.0.0/16", "10.0.0.0/+16", "10.0.0.0/16/16", "１0.0.0.0/16"}) {
        INFO(cidr);
        CHECK(ec2.error("CreateVpc", {{"CidrBlock", std::string(cidr)}}).code == "InvalidParameterValue");
    }
    CHECK(ec2.error("CreateVpc", {{"CidrBlock", std::string("10.0.0.0/16\0", 12)}}).code ==
          "InvalidParameterValue");
}
