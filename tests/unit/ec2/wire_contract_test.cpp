// Pins the contract with the front door: form bodies exactly as botocore 1.43 / aws-cli serialise them,
// decoded by wire/query_form, and results written by wire/xml_writer.
#include <nlohmann/json.hpp>

#include "ec2_fixture.hpp"
#include "emulator/api/wire/query_form.hpp"
#include "emulator/api/wire/xml_writer.hpp"

using ecsemu::test::Ec2Fixture;
using nlohmann::json;

namespace {

json decode(const std::string& form) {
    std::vector<ecsemu::api::FormField> fields;
    REQUIRE(ecsemu::api::append_form_fields(form, fields).ok());
    auto tree = ecsemu::api::form_fields_to_tree(fields);
    REQUIRE(tree.ok());
    return tree.value();
}

std::string ec2_xml(const std::string& operation, const json& result) {
    return ecsemu::api::ec2_success_xml(operation, "http://ec2.amazonaws.com/doc/2016-11-15/", result,
                                        "req-1");
}

}  // namespace

TEST_CASE("The aws CLI's create-vpc, create-subnet and authorize forms decode into working calls",
          "[ec2][wire]") {
    Ec2Fixture ec2;
    const json vpc = ec2.ok("CreateVpc", decode("CidrBlock=10.0.0.0%2F16&TagSpecification.1.ResourceType=vpc&"
                                                "TagSpecification.1.Tag.1.Key=Name&"
                                                "TagSpecification.1.Tag.1.Value=ielts-prod-vpc"));
    const std::string vpc_id = vpc["vpc"]["vpcId"];
    CHECK(vpc["vpc"]["tagSet"][0]["value"] == "ielts-prod-vpc");

    const json subnet =
        ec2.ok("CreateSubnet",
               decode("VpcId=" + vpc_id + "&CidrBlock=10.0.11.0%2F24&AvailabilityZone=ap-southeast-1a"));
    const std::string xml = ec2_xml("CreateSubnet", subnet);
    CHECK(xml.find("<subnet><") != std::string::npos);
    CHECK(xml.find("<availableIpAddressCount>251</availableIpAddressCount>") != std::string::npos);
    CHECK(xml.find("<defaultForAz>false</defaultForAz>") != std::string::npos);

    const std::string alb = ec2.create_group(vpc_id, "alb");
    const std::string backend = ec2.create_group(vpc_id, "backend");
    // aws ec2 authorize-security-group-ingress --group-id B --protocol tcp --port 8080 --source-group A
    const json rule = ec2.ok("AuthorizeSecurityGroupIngress",
                             decode("GroupId=" + backend +
                                    "&IpPermissions.1.IpProtocol=tcp&IpPermissions.1.FromPort=8080&"
                                    "IpPermissions.1.ToPort=8080&IpPermissions.1.Groups.1.GroupId=" +
                                    alb));
    CHECK(rule["securityGroupRuleSet"][0]["referencedGroupInfo"]["groupId"] == alb);

    const json described = ec2.ok("DescribeSecurityGroups", decode("GroupId.1=" + backend));
    const std::string groups_xml = ec2_xml("DescribeSecurityGroups", described);
    CHECK(groups_xml.find("<securityGroupInfo><item>") != std::string::npos);
    CHECK(groups_xml.find("<groups><item><groupId>" + alb + "</groupId>") != std::string::npos);
}

TEST_CASE("Filters and empty lists decode as botocore sends them", "[ec2][wire]") {
    Ec2Fixture ec2;
    ec2.create_subnet(ec2.create_vpc("10.0.0.0/16"), "10.0.11.0/24", "", "ielts-prod-private-a");
    const json found =
        ec2.ok("DescribeSubnets", decode("Filter.1.Name=tag%3AName&Filter.1.Value.1=ielts-prod-%2A"));
    CHECK(found["subnetSet"].size() == 1);
    // botocore sends an empty list parameter as "Name=" with no value.
    CHECK(ec2.ok("DescribeSubnets", decode("SubnetId="))["subnetSet"].size() == 4);

    const json none =
        ec2.ok("DescribeSubnets", decode("Filter.1.Name=vpc-id&Filter.1.Value.1=vpc-00000000000000000"));
    const std::string empty_xml = ec2_xml("DescribeSubnets", none);
    CHECK(empty_xml.find("subnetSet") != std::string::npos);
    CHECK(empty_xml.find("<item>") == std::string::npos);
}
