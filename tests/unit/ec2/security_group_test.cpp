#include "ec2_fixture.hpp"

using ecsemu::test::Ec2Fixture;
using nlohmann::json;

namespace {

// What `aws ec2 authorize-security-group-ingress --group-id G --protocol tcp --port P --source-group S`
// sends.
json from_group(const std::string& group_id, const std::string& port, const std::string& source_group_id) {
    return {{"GroupId", group_id},
            {"IpPermissions", json::array({{{"IpProtocol", "tcp"},
                                            {"FromPort", port},
                                            {"ToPort", port},
                                            {"Groups", json::array({{{"GroupId", source_group_id}}})}}})}};
}

// ... and with `--cidr C` instead of `--source-group`.
json from_cidr(const std::string& group_id, const std::string& port, const std::string& cidr) {
    return {{"GroupId", group_id},
            {"IpPermissions", json::array({{{"IpProtocol", "tcp"},
                                            {"FromPort", port},
                                            {"ToPort", port},
                                            {"IpRanges", json::array({{{"CidrIp", cidr}}})}}})}};
}

}  // namespace

TEST_CASE("CreateSecurityGroup returns the id and tags; names are unique per VPC", "[ec2][sg]") {
    Ec2Fixture ec2;
    const std::string vpc_id = ec2.create_vpc("10.0.0.0/16");
    const json created = ec2.ok("CreateSecurityGroup",
                                {{"GroupName", "ielts-prod-ecs-be-sg"},
                                 {"GroupDescription", "ECS backend tasks"},
                                 {"VpcId", vpc_id},
                                 {"TagSpecification", Ec2Fixture::name_tag_spec("security-group", "be")}});
    const std::string group_id = created["groupId"];
    CHECK(group_id.rfind("sg-", 0) == 0);
    CHECK(created["tagSet"] == json::array({{{"key", "Name"}, {"value", "be"}}}));

    const auto duplicate =
        ec2.error("CreateSecurityGroup",
                  {{"GroupName", "ielts-prod-ecs-be-sg"}, {"GroupDescription", "again"}, {"VpcId", vpc_id}});
    CHECK(duplicate.code == "InvalidGroup.Duplicate");
    CHECK(duplicate.message ==
          "The security group 'ielts-prod-ecs-be-sg' already exists for VPC '" + vpc_id + "'");

    // The same name in another VPC (here the default one, chosen when VpcId is absent) is fine.
    const json in_default =
        ec2.ok("CreateSecurityGroup", {{"GroupName", "ielts-prod-ecs-be-sg"}, {"GroupDescription", "d"}});
    const json described = ec2.ok("DescribeSecurityGroups", {{"GroupId", {in_default["groupId"]}}});
    CHECK(described["securityGroupInfo"][0]["vpcId"] != vpc_id);

    CHECK(ec2.error("CreateSecurityGroup",
                    {{"GroupName", "default"}, {"GroupDescription", "d"}, {"VpcId", vpc_id}})
              .code == "InvalidGroup.Reserved");
    CHECK(ec2.error("CreateSecurityGroup", {{"GroupName", "x"}, {"VpcId", vpc_id}}).code ==
          "MissingParameter");
    CHECK(ec2.error("CreateSecurityGroup",
                    {{"GroupName", "x"}, {"GroupDescription", "d"}, {"VpcId", "vpc-00000000000000000"}})
              .code == "InvalidVpcID.NotFound");
}

TEST_CASE("New groups allow all egress; default groups also admit their members", "[ec2][sg]") {
    Ec2Fixture ec2;
    const std::string vpc_id = ec2.create_vpc("10.0.0.0/16");
    const std::string group_id = ec2.create_group(vpc_id, "app");
    const json groups =
        ec2.ok("DescribeSecurityGroups", {{"Filter", Ec2Fixture::filter("vpc-id", {vpc_id})}});
    REQUIRE(groups["securityGroupInfo"].size() == 2);

    const json& default_group = groups["securityGroupInfo"][0];
    CHECK(default_group["groupName"] == "default");
    CHECK(default_group["groupDescription"] == "default VPC security group");
    const json& self_rule = default_group["ipPermissions"][0];
    CHECK(self_rule["ipProtocol"] == "-1");
    CHECK(self_rule.find("fromPort") == self_rule.end());
    CHECK(self_rule["groups"][0]["groupId"] == default_group["groupId"]);

    const json& app = groups["securityGroupInfo"][1];
    CHECK(app["groupId"] == group_id);
    CHECK(app["ipPermissions"].empty());
    CHECK(app["ipPermissionsEgress"] == json::array({{{"ipProtocol", "-1"},
                                                      {"groups", json::array()},
                                                      {"ipRanges", json::array({{{"cidrIp", "0.0.0.0/0"}}})},
                                                      {"ipv6Ranges", json::array()},
                                                      {"prefixListIds", json::array()}}}));
}

TEST_CASE("AuthorizeSecurityGroupIngress in the CLI's shapes and DescribeSecurityGroups' grouping",
          "[ec2][sg]") {
    Ec2Fixture ec2;
    const std::string vpc_id = ec2.create_vpc("10.0.0.0/16");
    const std::string alb = ec2.create_group(vpc_id, "ielts-prod-alb-sg");
    const std::string backend = ec2.create_group(vpc_id, "ielts-prod-ecs-be-sg");

    const json from_alb = ec2.ok("AuthorizeSecurityGroupIngress", from_group(backend, "8080", alb));
    CHECK(from_alb["return"] == true);
    REQUIRE(from_alb["securityGroupRuleSet"].size() == 1);
    const json& rule = from_alb["securityGroupRuleSet"][0];
    CHECK(std::string(rule["securityGroupRuleId"]).rfind("sgr-", 0) == 0);
    CHECK(rule["groupId"] == backend);
    CHECK(rule["isEgress"] == false);
    CHECK(rule["ipProtocol"] == "tcp");
    CHECK(rule["fromPort"] == 8080);
    CHECK(rule["toPort"] == 8080);
    CHECK(rule["referencedGroupInfo"]["groupId"] == alb);

    ec2.ok("AuthorizeSecurityGroupIngress", from_cidr(alb, "80", "0.0.0.0/0"));
    // The flat API form (CidrIp/IpProtocol/FromPort/ToPort) lands in the same permission as --cidr.
    ec2.ok("AuthorizeSecurityGroupIngress", {{"GroupId", alb},
                                             {"IpProtocol", "tcp"},
                                             {"FromPort", "80"},
                                             {"ToPort", "80"},
                                             {"CidrIp", "10.0.0.0/16"}});
    // Source group by name resolves in the target group's VPC.
    ec2.ok("AuthorizeSecurityGroupIngress",
           {{"GroupId", backend},
            {"IpPermissions",
             json::array({{{"IpProtocol", "tcp"},
                           {"FromPort", "9090"},
                           {"ToPort", "9090"},
                           {"Groups", json::array({{{"GroupName", "ielts-prod-alb-sg"}}})}}})}});

    const json alb_described = ec2.ok("DescribeSecurityGroups", {{"GroupId", {alb}}});
    const json& alb_permissions = alb_described["securityGroupInfo"][0]["ipPermissions"];
    REQUIRE(alb_permissions.size() == 1);
    CHECK(alb_permissions[0]["fromPort"] == 80);
    CHECK(alb_permissions[0]["ipRanges"] ==
          json::array({{{"cidrIp", "0.0.0.0/0"}}, {{"cidrIp", "10.0.0.0/16"}}}));

    const json backend_described = ec2.ok("DescribeSecurityGroups", {{"GroupId", {backend}}});
    const json& backend_permissions = backend_described["securityGroupInfo"][0]["ipPermissions"];
    REQUIRE(backend_permissions.size() == 2);
    CHECK(backend_permissions[0]["groups"] ==
          json::array({{{"groupId", alb}, {"userId", ecsemu::test::kAccount}}}));
    CHECK(backend_permissions[1]["fromPort"] == 9090);
}

TEST_CASE("AuthorizeSecurityGroupIngress refuses duplicates and bad input without partial effects",
          "[ec2][sg]") {
    Ec2Fixture ec2;
    const std::string vpc_id = ec2.create_vpc("10.0.0.0/16");
    const std::string alb = ec2.create_group(vpc_id, "alb");
    const std::string backend = ec2.create_group(vpc_id, "backend");
    ec2.ok("AuthorizeSecurityGroupIngress", from_group(backend, "8080", alb));

    const auto duplicate = ec2.error("AuthorizeSecurityGroupIngress", from_group(backend, "8080", alb));
    CHECK(duplicate.code == "InvalidPermission.Duplicate");
    CHECK(duplicate.message == "the specified rule \"peer: " + alb +
                                   ", TCP, from port: 8080, to port: 8080, ALLOW\" already exists");

    // Two peers, the second unknown: neither is added.
    json mixed = from_cidr(backend, "443", "0.0.0.0/0");
    mixed["IpPermissions"][0]["Groups"] = json::array({{{"GroupId", "sg-00000000000000000"}}});
    CHECK(ec2.error("AuthorizeSecurityGroupIngress", mixed).code == "InvalidGroup.NotFound");
    CHECK(ec2.error("AuthorizeSecurityGroupIngress", from_cidr(backend, "443", "0.0.0.0/33")).code ==
          "InvalidParameterValue");
    CHECK(ec2.error("AuthorizeSecurityGroupIngress", from_cidr(backend, "99999", "0.0.0.0/0")).code ==
          "InvalidParameterValue");
    CHECK(ec2.error("AuthorizeSecurityGroupIngress", from_cidr(backend, "eighty", "0.0.0.0/0")).code ==
          "InvalidParameterValue");
    CHECK(ec2.error("AuthorizeSecurityGroupIngress", from_cidr("sg-00000000000000000", "80", "0.0.0.0/0"))
              .code == "InvalidGroup.NotFound");
    CHECK(ec2.error("AuthorizeSecurityGroupIngress", {{"GroupId", backend}}).code == "MissingParameter");

    const json described = ec2.ok("DescribeSecurityGroups", {{"GroupId", {backend}}});
    CHECK(described["securityGroupInfo"][0]["ipPermissions"].size() == 1);
}

TEST_CASE("Security groups by name address the default VPC", "[ec2][sg]") {
    Ec2Fixture ec2;
    const std::string group_id =
        ec2.ok("CreateSecurityGroup", {{"GroupName", "web"}, {"GroupDescription", "web"}})["groupId"];
    const json by_name = ec2.ok("DescribeSecurityGroups", {{"GroupName", {"web"}}});
    REQUIRE(by_name["securityGroupInfo"].size() == 1);
    CHECK(by_name["securityGroupInfo"][0]["groupId"] == group_id);
    ec2.ok("AuthorizeSecurityGroupIngress", {{"GroupName", "web"},
                                             {"IpProtocol", "tcp"},
                                             {"FromPort", "22"},
                                             {"ToPort", "22"},
                                             {"CidrIp", "10.1.0.0/16"}});
    CHECK(ec2.error("DescribeSecurityGroups", {{"GroupName", {"nope"}}}).code == "InvalidGroup.NotFound");

    const json filtered =
        ec2.ok("DescribeSecurityGroups", {{"Filter", Ec2Fixture::filter("group-name", {"web"})}});
    CHECK(filtered["securityGroupInfo"].size() == 1);
    CHECK(ec2.ok("DeleteSecurityGroup", {{"GroupName", "web"}}) ==
          json{{"return", true}, {"groupId", group_id}});
}

TEST_CASE("DeleteSecurityGroup protects default groups and referenced groups", "[ec2][sg]") {
    Ec2Fixture ec2;
    const std::string vpc_id = ec2.create_vpc("10.0.0.0/16");
    const std::string alb = ec2.create_group(vpc_id, "alb");
    const std::string backend = ec2.create_group(vpc_id, "backend");
    ec2.ok("AuthorizeSecurityGroupIngress", from_group(backend, "8080", alb));

    const auto referenced = ec2.error("DeleteSecurityGroup", {{"GroupId", alb}});
    CHECK(referenced.code == "DependencyViolation");
    CHECK(referenced.message == "resource " + alb + " has a dependent object");

    const json default_groups = ec2.ok(
        "DescribeSecurityGroups",
        {{"Filter",
          {{{"Name", "vpc-id"}, {"Value", {vpc_id}}}, {{"Name", "group-name"}, {"Value", {"default"}}}}}});
    REQUIRE(default_groups["securityGroupInfo"].size() == 1);
    CHECK(ec2.error("DeleteSecurityGroup", {{"GroupId", default_groups["securityGroupInfo"][0]["groupId"]}})
              .code == "CannotDelete");

    ec2.ok("RevokeSecurityGroupIngress", from_group(backend, "8080", alb));
    CHECK(ec2.error("RevokeSecurityGroupIngress", from_group(backend, "8080", alb)).code ==
          "InvalidPermission.NotFound");
    ec2.ok("DeleteSecurityGroup", {{"GroupId", alb}});
    CHECK(ec2.error("DeleteSecurityGroup", {{"GroupId", alb}}).code == "InvalidGroup.NotFound");
}

TEST_CASE("Egress rules can be added and revoked by group id", "[ec2][sg]") {
    Ec2Fixture ec2;
    const std::string vpc_id = ec2.create_vpc("10.0.0.0/16");
    const std::string group_id = ec2.create_group(vpc_id, "locked");
    const json all_out = {
        {"GroupId", group_id},
        {"IpPermissions",
         json::array({{{"IpProtocol", "-1"}, {"IpRanges", json::array({{{"CidrIp", "0.0.0.0/0"}}})}}})}};
    ec2.ok("RevokeSecurityGroupEgress", all_out);
    const json https_out = ec2.ok("AuthorizeSecurityGroupEgress", from_cidr(group_id, "443", "0.0.0.0/0"));
    CHECK(https_out["securityGroupRuleSet"][0]["isEgress"] == true);
    const json described = ec2.ok("DescribeSecurityGroups", {{"GroupId", {group_id}}});
    REQUIRE(described["securityGroupInfo"][0]["ipPermissionsEgress"].size() == 1);
    CHECK(described["securityGroupInfo"][0]["ipPermissionsEgress"][0]["fromPort"] == 443);
}
