#include <catch2/catch.hpp>

#include "emulator/api/wire/xml_writer.hpp"

using namespace ecsemu::api;
using ecsemu::core::AwsError;
using nlohmann::json;

namespace {

constexpr std::string_view kDeclaration = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";

std::string escaped(std::string_view text) {
    std::string out;
    append_xml_escaped(out, text);
    return out;
}

std::string value_xml(const json& value, XmlListStyle lists) {
    std::string out;
    append_xml_value(out, value, lists);
    return out;
}

}  // namespace

TEST_CASE("text is escaped for XML", "[wire][xml]") {
    CHECK(escaped("plain") == "plain");
    CHECK(escaped("a<b>&\"c'") == "a&lt;b&gt;&amp;&quot;c&apos;");
    CHECK(escaped("tab\tnl\ncr\r") == "tab\tnl\ncr&#xD;");
    CHECK(escaped(std::string("nul\x01", 4)) == "nul\xEF\xBF\xBD");
    CHECK(escaped("caf\xC3\xA9") == "caf\xC3\xA9");
}

TEST_CASE("tree values become elements, lists and text", "[wire][xml]") {
    const json tree = json::parse(R"({
        "LoadBalancers": [{"LoadBalancerName": "a&b", "Scheme": "internal"}],
        "Enabled": true, "Disabled": false, "Count": 3, "Negative": -4, "Ratio": 0.5,
        "Missing": null, "Empty": []
    })");
    const std::string expected =
        "<Count>3</Count><Disabled>false</Disabled><Empty></Empty><Enabled>true</Enabled>"
        "<LoadBalancers><member><LoadBalancerName>a&amp;b</LoadBalancerName><Scheme>internal</Scheme></"
        "member>"
        "</LoadBalancers><Negative>-4</Negative><Ratio>0.5</Ratio>";
    CHECK(value_xml(tree, XmlListStyle::Member) == expected);
    CHECK(value_xml(json::parse(R"({"tagSet":[{"key":"k","value":"v"}]})"), XmlListStyle::Item) ==
          "<tagSet><item><key>k</key><value>v</value></item></tagSet>");
    CHECK(value_xml(json::parse(R"({"Names":["a",null,"b"]})"), XmlListStyle::Member) ==
          "<Names><member>a</member><member>b</member></Names>");
    CHECK(value_xml(json(std::uint64_t{18446744073709551615ULL}), XmlListStyle::Member) ==
          "18446744073709551615");
}

TEST_CASE("Query success envelope wraps the result", "[wire][xml]") {
    const auto xml = query_success_xml("DescribeTargetHealth", "http://ns/",
                                       json::parse(R"({"TargetHealthDescriptions":[]})"), "req-1");
    CHECK(xml == std::string(kDeclaration) +
                     "<DescribeTargetHealthResponse xmlns=\"http://ns/\"><DescribeTargetHealthResult>"
                     "<TargetHealthDescriptions></TargetHealthDescriptions></DescribeTargetHealthResult>"
                     "<ResponseMetadata><RequestId>req-1</RequestId></ResponseMetadata>"
                     "</DescribeTargetHealthResponse>");
}

TEST_CASE("a null Query result has no Result element", "[wire][xml]") {
    const auto xml = query_success_xml("PutMetricAlarm", "http://ns/", json(), "r");
    CHECK(xml == std::string(kDeclaration) +
                     "<PutMetricAlarmResponse xmlns=\"http://ns/\"><ResponseMetadata><RequestId>r</RequestId>"
                     "</ResponseMetadata></PutMetricAlarmResponse>");
}

TEST_CASE("EC2 success envelope has requestId and no Result wrapper", "[wire][xml]") {
    const auto xml = ec2_success_xml("CreateSecurityGroup", "http://ec2/",
                                     json::parse(R"({"groupId":"sg-1","return":true})"), "r-2");
    CHECK(xml == std::string(kDeclaration) +
                     "<CreateSecurityGroupResponse xmlns=\"http://ec2/\"><requestId>r-2</requestId>"
                     "<groupId>sg-1</groupId><return>true</return></CreateSecurityGroupResponse>");
}

TEST_CASE("Query and EC2 error envelopes", "[wire][xml]") {
    const auto client =
        AwsError::client("TargetGroupNotFound", "One or more target groups not found & <gone>");
    CHECK(query_error_xml("http://ns/", client, "r") ==
          std::string(kDeclaration) +
              "<ErrorResponse xmlns=\"http://ns/\"><Error><Type>Sender</Type><Code>TargetGroupNotFound</Code>"
              "<Message>One or more target groups not found &amp; &lt;gone&gt;</Message></Error>"
              "<RequestId>r</RequestId></ErrorResponse>");
    CHECK(query_error_xml("", AwsError::server("InternalFailure", "x"), "r") ==
          std::string(kDeclaration) +
              "<ErrorResponse><Error><Type>Receiver</Type><Code>InternalFailure</Code><Message>x</Message>"
              "</Error><RequestId>r</RequestId></ErrorResponse>");
    CHECK(ec2_error_xml(AwsError::client("InvalidGroup.Duplicate", "dup"), "r") ==
          std::string(kDeclaration) +
              "<Response><Errors><Error><Code>InvalidGroup.Duplicate</Code><Message>dup</Message></Error>"
              "</Errors><RequestID>r</RequestID></Response>");
}
