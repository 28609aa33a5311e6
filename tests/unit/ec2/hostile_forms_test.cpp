// Hostile EC2 forms through the real front door: every one is a 400 in EC2's error shape, and none changes
// state.
#include <catch2/catch.hpp>
#include <string>

#include "emulator/api/ec2/ec2_service.hpp"
#include "emulator/api/wire/gateway.hpp"

using namespace ecsemu;
using nlohmann::json;

namespace {

struct FrontDoor {
    FrontDoor() : gateway(api::GatewayConfig{}, [] { return core::Instant{1'700'000'000'000}; }) {
        gateway.add_service(ec2);
    }

    api::WireResponse post(std::string form) {
        api::WireRequest request;
        request.method = "POST";
        request.target = "/";
        request.headers = {{"Content-Type", "application/x-www-form-urlencoded; charset=utf-8"},
                           {"Authorization",
                            "AWS4-HMAC-SHA256 Credential=AKID/20260101/ap-southeast-1/ec2/aws4_request, "
                            "SignedHeaders=host, Signature=0"}};
        request.body = "Version=2016-11-15&" + std::move(form);
        return gateway.handle(request);
    }

    // The <Code> of an EC2 error response; empty for anything else.
    static std::string ec2_error_code(const api::WireResponse& response) {
        const std::string open = "<Response><Errors><Error><Code>";
        const auto start = response.body.find(open);
        if (start == std::string::npos) return {};
        const auto end = response.body.find("</Code>", start);
        return response.body.substr(start + open.size(), end - start - open.size());
    }

    api::ec2::Ec2Service ec2;
    api::Gateway gateway;
};

}  // namespace

TEST_CASE("hostile EC2 forms are 400s in the EC2 error shape", "[ec2][front-door]") {
    FrontDoor door;
    const auto vpc = door.post("Action=CreateVpc&CidrBlock=10.99.0.0%2F16");
    REQUIRE(vpc.status == 200);
    const auto id_start = vpc.body.find("<vpcId>") + 7;
    const std::string vpc_id = vpc.body.substr(id_start, vpc.body.find("</vpcId>") - id_start);

    const std::pair<std::string, std::string> cases[] = {
        {"Action=CreateVpc&CidrBlock=%3Cscript%3E", "InvalidParameterValue"},
        {"Action=CreateVpc&CidrBlock=10.0.0.0%2F16%00", "InvalidParameterValue"},
        {"Action=CreateVpc&CidrBlock=%FF%FE", "MalformedQueryString"},
        {"Action=CreateSecurityGroup&GroupName=%3C%2FgroupName%3E%3Cx%3E&GroupDescription=d&VpcId=" + vpc_id,
         "InvalidParameterValue"},
        {"Action=CreateSecurityGroup&GroupName=ctl&GroupDescription=a%01%02b&VpcId=" + vpc_id,
         "InvalidParameterValue"},
        {"Action=CreateSecurityGroup&GroupName=%C0%AF&GroupDescription=d&VpcId=" + vpc_id,
         "MalformedQueryString"},
        {"Action=DescribeVpcs&VpcId.1=vpc-%3Cx%3E%26amp%3B", "InvalidVpcID.Malformed"},
        {"Action=DescribeSubnets&Filter.1.Name=vpc-id&Filter.1.Value.1=%FF", "MalformedQueryString"},
        {"Action=DescribeVpcs&VpcId.1=%ZZ", "MalformedQueryString"},
        {"Action=DescribeVpcs&VpcId.99999999999999999999=vpc-1", "MalformedQueryString"},
        {"Action=DescribeVpcs&VpcId.-1=vpc-1", "UnknownParameter"},
        {"Action=DescribeVpcs&VpcId.1=vpc-1&VpcId.1.Foo=x", "UnknownParameter"},
        {"Action=DescribeVpcs&Bogus=1", "UnknownParameter"},
        {"Action=CreateSubnet&CidrBlock=10.0.1.0%2F24", "MissingParameter"},
        {"Action=CreateSecurityGroup&GroupDescription=x", "MissingParameter"},
        {"Action=RunInstances&ImageId=ami-1&MinCount=1&MaxCount=1", "InvalidAction"},
    };
    for (const auto& [form, code] : cases) {
        INFO(form);
        const auto response = door.post(form);
        CHECK(response.status == 400);
        CHECK(FrontDoor::ec2_error_code(response) == code);
    }
    const auto groups =
        door.post("Action=DescribeSecurityGroups&Filter.1.Name=vpc-id&Filter.1.Value.1=" + vpc_id);
    REQUIRE(groups.status == 200);
    CHECK(groups.body.find("<groupName>default</groupName>") != std::string::npos);
    CHECK(groups.body.find("<groupName>ctl</groupName>") == std::string::npos);
    CHECK(groups.body.find("groupName&gt;") == std::string::npos);
}

TEST_CASE("100k VpcId entries are refused at once rather than decoded", "[ec2][front-door]") {
    FrontDoor door;
    std::string form = "Action=DescribeVpcs";
    for (int i = 0; i < 100'000; ++i) form += "&VpcId." + std::to_string(i + 1) + "=vpc-" + std::to_string(i);
    const auto response = door.post(form);
    CHECK(response.status == 400);
    CHECK(FrontDoor::ec2_error_code(response) == "MalformedQueryString");
}
