#include <catch2/catch.hpp>

#include "emulator/api/scenario/aws_client.hpp"
#include "emulator/api/scenario/form_encoder.hpp"
#include "emulator/api/scenario/references.hpp"
#include "emulator/api/scenario/xml_tree.hpp"

namespace ecsemu::test::scenario {

using namespace api::scenario;
using nlohmann::json;

namespace {

bool has(const FormFields& fields, const std::string& name, const std::string& value) {
    for (const auto& field : fields) {
        if (field.first == name && field.second == value) return true;
    }
    return false;
}

}  // namespace

TEST_CASE("Query lists are Name.member.N, nested structures dotted, scalars text", "[scenario][form]") {
    const json rule = {
        {"ListenerArn", "arn:l"},
        {"Priority", 10},
        {"Conditions", json::array({{{"Field", "path-pattern"}, {"Values", {"/api/*", "/v2/*"}}}})},
        {"Actions", json::array({{{"Type", "forward"}, {"TargetGroupArn", "arn:tg"}}})}};
    const FormFields fields = encode_form("elbv2", "CreateRule", WireProtocol::Query, rule);
    CHECK(has(fields, "ListenerArn", "arn:l"));
    CHECK(has(fields, "Priority", "10"));
    CHECK(has(fields, "Conditions.member.1.Field", "path-pattern"));
    CHECK(has(fields, "Conditions.member.1.Values.member.2", "/v2/*"));
    CHECK(has(fields, "Actions.member.1.TargetGroupArn", "arn:tg"));
    const FormFields empty =
        encode_form("elbv2", "CreateLoadBalancer", WireProtocol::Query,
                    {{"Name", "a"}, {"SecurityGroups", json::array()}, {"Tags", nullptr}});
    CHECK(has(empty, "SecurityGroups", ""));
    CHECK(empty.size() == 2);
    const FormFields health =
        encode_form("elbv2", "CreateTargetGroup", WireProtocol::Query,
                    {{"Name", "tg"}, {"HealthCheckEnabled", true}, {"Matcher", {{"HttpCode", "200"}}}});
    CHECK(has(health, "HealthCheckEnabled", "true"));
    CHECK(has(health, "Matcher.HttpCode", "200"));
}

TEST_CASE("EC2 lists are Name.N under the model's wire names", "[scenario][form]") {
    const FormFields filters =
        encode_form("ec2", "DescribeVpcs", WireProtocol::Ec2,
                    {{"Filters", json::array({{{"Name", "tag:Name"}, {"Values", {"ielts-prod-vpc"}}}})},
                     {"VpcIds", json::array()}});
    CHECK(has(filters, "Filter.1.Name", "tag:Name"));
    CHECK(has(filters, "Filter.1.Value.1", "ielts-prod-vpc"));
    CHECK(filters.size() == 2);  // EC2 sends nothing for an empty list
    const FormFields vpc = encode_form(
        "ec2", "CreateVpc", WireProtocol::Ec2,
        {{"CidrBlock", "10.0.0.0/16"},
         {"TagSpecifications",
          json::array({{{"ResourceType", "vpc"}, {"Tags", {{{"Key", "Name"}, {"Value", "v"}}}}}})}});
    CHECK(has(vpc, "TagSpecification.1.ResourceType", "vpc"));
    CHECK(has(vpc, "TagSpecification.1.Tag.1.Key", "Name"));
    const FormFields ingress =
        encode_form("ec2", "AuthorizeSecurityGroupIngress", WireProtocol::Ec2,
                    {{"GroupId", "sg-1"},
                     {"IpPermissions", json::array({{{"IpProtocol", "tcp"},
                                                     {"FromPort", 80},
                                                     {"IpRanges", {{{"CidrIp", "0.0.0.0/0"}}}},
                                                     {"UserIdGroupPairs", {{{"GroupId", "sg-2"}}}}}})}});
    CHECK(has(ingress, "IpPermissions.1.FromPort", "80"));
    CHECK(has(ingress, "IpPermissions.1.IpRanges.1.CidrIp", "0.0.0.0/0"));
    CHECK(has(ingress, "IpPermissions.1.Groups.1.GroupId", "sg-2"));
}

TEST_CASE("Form bodies are percent-encoded after Action and Version", "[scenario][form]") {
    CHECK(form_body("CreateRule", "2015-12-01", {{"Conditions.member.1.Values.member.1", "/api/*"}}) ==
          "Action=CreateRule&Version=2015-12-01&Conditions.member.1.Values.member.1=%2Fapi%2F%2A");
    const auto request = build_wire_request("ecs", "CreateCluster", {{"clusterName", "c"}}, "eu-west-1");
    CHECK(request.header("X-Amz-Target") == "AmazonEC2ContainerServiceV20141113.CreateCluster");
    CHECK(request.header("Authorization").find("/eu-west-1/ecs/aws4_request") != std::string_view::npos);
    CHECK(json::parse(request.body) == json{{"clusterName", "c"}});
}

TEST_CASE("XML answers become JSON: <member>/<item> lists, Query results, errors", "[scenario][xml]") {
    api::WireResponse ok;
    ok.body = R"(<?xml version="1.0"?><DescribeTargetGroupsResponse xmlns="x"><DescribeTargetGroupsResult>
      <TargetGroups><member><TargetGroupArn>arn:tg</TargetGroupArn><Port>8080</Port></member></TargetGroups>
      </DescribeTargetGroupsResult><ResponseMetadata><RequestId>1</RequestId></ResponseMetadata>
      </DescribeTargetGroupsResponse>)";
    auto decoded = decode_wire_response("elbv2", "DescribeTargetGroups", ok);
    REQUIRE(decoded.ok());
    CHECK(decoded.value() == json{{"TargetGroups", {{{"TargetGroupArn", "arn:tg"}, {"Port", "8080"}}}}});
    api::WireResponse failed;
    failed.status = 400;
    failed.body = R"(<Response><Errors><Error><Code>InvalidGroup.NotFound</Code><Message>a &amp; b</Message>
      </Error></Errors><RequestID>r</RequestID></Response>)";
    auto error = decode_wire_response("ec2", "DescribeSecurityGroups", failed);
    REQUIRE_FALSE(error.ok());
    CHECK(error.error().code == "InvalidGroup.NotFound");
    CHECK(error.error().message == "a & b");
    api::WireResponse json_error;
    json_error.status = 400;
    json_error.body = R"({"__type":"com.amazonaws#ClusterNotFoundException","message":"Cluster not found."})";
    auto ecs_error = decode_wire_response("ecs", "DescribeServices", json_error);
    REQUIRE_FALSE(ecs_error.ok());
    CHECK(ecs_error.error().code == "ClusterNotFoundException");
    auto doc = parse_xml("<a><b/><c>x&#65;</c></a>");
    REQUIRE(doc.has_value());
    CHECK(doc->root == json{{"b", ""}, {"c", "xA"}});
}

TEST_CASE("References resolve whole values with their type and splice into longer strings", "[scenario]") {
    json request = {{"VpcId", "${vpc}"},
                    {"Port", "${tg.Port}"},
                    {"ResourceId", "service/${cluster.clusterName}/x"},
                    {"Literal", "$${not-a-reference}"}};
    const ReferenceLookup lookup = [](const Reference& reference, std::string& error) -> std::optional<json> {
        if (reference.label == "vpc" && reference.field.empty()) return json("vpc-1");
        if (reference.label == "tg" && reference.field == "Port") return json(8080);
        if (reference.label == "cluster" && reference.field == "clusterName") return json("c1");
        error = "unknown";
        return std::nullopt;
    };
    REQUIRE_FALSE(resolve_references(request, "request", lookup).has_value());
    CHECK(request == json{{"VpcId", "vpc-1"},
                          {"Port", 8080},
                          {"ResourceId", "service/c1/x"},
                          {"Literal", "${not-a-reference}"}});
    json bad = {{"A", {"${tg.Nope}"}}};
    CHECK(resolve_references(bad, "request", lookup) == std::optional<std::string>("request.A[0]: unknown"));
}

}  // namespace ecsemu::test::scenario
