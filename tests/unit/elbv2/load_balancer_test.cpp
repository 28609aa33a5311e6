#include <catch2/catch.hpp>

#include "elbv2_fixture.hpp"

namespace ecsemu::test::elbv2 {

using nlohmann::json;

TEST_CASE("CreateLoadBalancer places an ALB across two zones with the VPC's default group", "[elbv2][lb]") {
    Elbv2Fixture f;
    const json lb = f.ok("CreateLoadBalancer",
                         {{"Name", "ielts-alb"}, {"Subnets", {kSubnetA, kSubnetB}}})["LoadBalancers"][0];
    CHECK(lb["LoadBalancerArn"].get<std::string>().rfind(
              "arn:aws:elasticloadbalancing:ap-southeast-1:123456789012:loadbalancer/app/ielts-alb/", 0) ==
          0);
    const std::string dns = lb["DNSName"];
    CHECK(dns.rfind("ielts-alb-", 0) == 0);
    CHECK(dns.size() ==
          std::string("ielts-alb-").size() + 10 + std::string(".ap-southeast-1.elb.amazonaws.com").size());
    CHECK(lb["CanonicalHostedZoneId"] == "Z1LMS91P8CMLE5");
    CHECK(lb["Scheme"] == "internet-facing");
    CHECK(lb["Type"] == "application");
    CHECK(lb["VpcId"] == kVpc);
    CHECK(lb["State"]["Code"] == "provisioning");
    CHECK(lb["SecurityGroups"] == json::array({kDefaultSg}));
    CHECK(lb["AvailabilityZones"].size() == 2);
    CHECK(lb["AvailabilityZones"][0]["ZoneName"] == "ap-southeast-1a");
    CHECK(lb["CreatedTime"] == "2023-11-14T22:13:20.000Z");
    CHECK(f.state().load_balancers.begin()->second.local_address == "127.255.128.1");

    f.now = f.now + core::Duration::seconds(3);
    const json described = f.ok("DescribeLoadBalancers", {{"Names", {"ielts-alb"}}});
    CHECK(described["LoadBalancers"][0]["State"]["Code"] == "active");
}

TEST_CASE("CreateLoadBalancer: internal scheme, SubnetMappings and explicit groups", "[elbv2][lb]") {
    Elbv2Fixture f;
    const json lb =
        f.ok("CreateLoadBalancer", {{"Name", "inner"},
                                    {"Scheme", "internal"},
                                    {"SubnetMappings", {{{"SubnetId", kSubnetA}}, {{"SubnetId", kSubnetB}}}},
                                    {"SecurityGroups", {kAlbSg}}})["LoadBalancers"][0];
    CHECK(lb["DNSName"].get<std::string>().rfind("internal-inner-", 0) == 0);
    CHECK(lb["SecurityGroups"] == json::array({kAlbSg}));
}

TEST_CASE("CreateLoadBalancer errors", "[elbv2][lb]") {
    Elbv2Fixture f;
    CHECK(f.error_code("CreateLoadBalancer", {{"Name", "x"}, {"Subnets", {kSubnetA}}}) == "ValidationError");
    CHECK(f.error_code("CreateLoadBalancer", {{"Name", "x"}, {"Subnets", {kSubnetA, kSubnetA2}}}) ==
          "InvalidConfigurationRequest");
    CHECK(f.error_code("CreateLoadBalancer", {{"Name", "x"}, {"Subnets", {kSubnetA, "subnet-nope"}}}) ==
          "SubnetNotFound");
    CHECK(f.error_code("CreateLoadBalancer", {{"Name", "x"}, {"Subnets", {kSubnetA, kOtherSubnet}}}) ==
          "InvalidSubnet");
    CHECK(f.error_code("CreateLoadBalancer",
                       {{"Name", "x"}, {"Subnets", {kSubnetA, kSubnetB}}, {"SecurityGroups", {kOtherSg}}}) ==
          "InvalidSecurityGroup");
    CHECK(f.error_code("CreateLoadBalancer",
                       {{"Name", "x"}, {"Subnets", {kSubnetA, kSubnetB}}, {"SecurityGroups", {"sg-404"}}}) ==
          "InvalidSecurityGroup");
    CHECK(f.error_code("CreateLoadBalancer", {{"Name", "-bad"}, {"Subnets", {kSubnetA, kSubnetB}}}) ==
          "ValidationError");
    CHECK(f.error_code("CreateLoadBalancer", {{"Name", "internal-x"}, {"Subnets", {kSubnetA, kSubnetB}}}) ==
          "ValidationError");
    CHECK(f.error_code("CreateLoadBalancer",
                       {{"Name", "n"}, {"Type", "network"}, {"Subnets", {kSubnetA, kSubnetB}}}) ==
          "ValidationError");
    CHECK(f.error_code("CreateLoadBalancer", {{"Subnets", {kSubnetA, kSubnetB}}}) == "ValidationError");
    CHECK(f.state().load_balancers.empty());
}

TEST_CASE("CreateLoadBalancer with an existing name", "[elbv2][lb]") {
    Elbv2Fixture f;
    const std::string arn = f.create_alb();
    CHECK(f.create_alb() == arn);  // same settings: the existing one
    CHECK(f.state().load_balancers.size() == 1);
    CHECK(f.error_code("CreateLoadBalancer",
                       {{"Name", "ielts-alb"}, {"Scheme", "internal"}, {"Subnets", {kSubnetA, kSubnetB}}}) ==
          "DuplicateLoadBalancerName");
}

TEST_CASE("DescribeLoadBalancers by ARN and name, with paging", "[elbv2][lb]") {
    Elbv2Fixture f;
    const std::string a = f.create_alb("alb-a");
    const std::string b = f.create_alb("alb-b");
    f.create_alb("alb-c");
    CHECK(f.ok("DescribeLoadBalancers", json::object())["LoadBalancers"].size() == 3);
    CHECK(f.ok("DescribeLoadBalancers",
               {{"LoadBalancerArns", {b}}})["LoadBalancers"][0]["LoadBalancerName"] == "alb-b");
    CHECK(f.error_code("DescribeLoadBalancers", {{"LoadBalancerArns", {a + "x"}}}) == "LoadBalancerNotFound");
    CHECK(f.error_code("DescribeLoadBalancers", {{"Names", {"nope"}}}) == "LoadBalancerNotFound");

    const json first = f.ok("DescribeLoadBalancers", {{"PageSize", "2"}});
    CHECK(first["LoadBalancers"].size() == 2);
    REQUIRE(first.contains("NextMarker"));
    const json second = f.ok("DescribeLoadBalancers", {{"PageSize", "2"}, {"Marker", first["NextMarker"]}});
    CHECK(second["LoadBalancers"].size() == 1);
    CHECK_FALSE(second.contains("NextMarker"));
    CHECK(f.error_code("DescribeLoadBalancers", {{"PageSize", "0"}}) == "ValidationError");
}

TEST_CASE("DeleteLoadBalancer removes listeners and rules and is idempotent", "[elbv2][lb]") {
    Elbv2Fixture f;
    const std::string lb = f.create_alb();
    const std::string tg = f.create_tg("ielts-frontend-tg", 3000);
    const std::string listener = f.create_listener(lb, 80, tg);
    f.ok("CreateRule", {{"ListenerArn", listener},
                        {"Priority", "10"},
                        {"Conditions", path_condition("/api/*")},
                        {"Actions", forward_to(tg)}});
    f.ok("DeleteLoadBalancer", {{"LoadBalancerArn", lb}});
    CHECK(f.state().load_balancers.empty());
    CHECK(f.state().listeners.empty());
    CHECK(f.state().rules.empty());
    f.ok("DeleteLoadBalancer", {{"LoadBalancerArn", lb}});
    f.ok("DeleteTargetGroup", {{"TargetGroupArn", tg}});  // no longer in use
}

TEST_CASE("Load balancer attributes: defaults, changes, checks", "[elbv2][lb][attributes]") {
    Elbv2Fixture f;
    const std::string lb = f.create_alb();
    const json attributes = f.ok("DescribeLoadBalancerAttributes", {{"LoadBalancerArn", lb}})["Attributes"];
    std::map<std::string, std::string> values;
    for (const auto& item : attributes) values[item["Key"]] = item["Value"];
    CHECK(values["idle_timeout.timeout_seconds"] == "60");
    CHECK(values["deletion_protection.enabled"] == "false");
    CHECK(values["routing.http2.enabled"] == "true");
    CHECK(values["routing.http.drop_invalid_header_fields.enabled"] == "false");
    CHECK(values["routing.http.xff_header_processing.mode"] == "append");
    CHECK(values["routing.http.preserve_host_header.enabled"] == "false");
    CHECK(values["client_keep_alive.seconds"] == "3600");
    CHECK(values["access_logs.s3.enabled"] == "false");

    const json changed = f.ok("ModifyLoadBalancerAttributes",
                              {{"LoadBalancerArn", lb},
                               {"Attributes",
                                {{{"Key", "idle_timeout.timeout_seconds"}, {"Value", "120"}},
                                 {{"Key", "deletion_protection.enabled"}, {"Value", "true"}}}}});
    CHECK(changed["Attributes"].size() == attributes.size());
    CHECK(f.state().load_balancers.at(lb).attributes.at("idle_timeout.timeout_seconds") == "120");
    CHECK(f.error_code("DeleteLoadBalancer", {{"LoadBalancerArn", lb}}) == "OperationNotPermitted");

    const auto modify = [&](const std::string& key, const std::string& value) {
        return f.error_code("ModifyLoadBalancerAttributes",
                            {{"LoadBalancerArn", lb}, {"Attributes", {{{"Key", key}, {"Value", value}}}}});
    };
    CHECK(modify("idle_timeout.timeout_seconds", "4001") == "InvalidConfigurationRequest");
    CHECK(modify("idle_timeout.timeout_seconds", "0") == "InvalidConfigurationRequest");
    CHECK(modify("routing.http2.enabled", "yes") == "InvalidConfigurationRequest");
    CHECK(modify("routing.http.xff_header_processing.mode", "drop") == "InvalidConfigurationRequest");
    CHECK(modify("access_logs.s3.enabled", "true") == "InvalidConfigurationRequest");
    CHECK(modify("no.such.key", "1") == "ValidationError");
    CHECK(f.error_code("DescribeLoadBalancerAttributes", {{"LoadBalancerArn", lb + "0"}}) ==
          "LoadBalancerNotFound");
}

TEST_CASE("Unknown actions and missing members", "[elbv2]") {
    Elbv2Fixture f;
    auto unknown = f.call("CreateLoadBalancerPolicy", json::object());
    REQUIRE_FALSE(unknown.ok());
    CHECK(unknown.error().code == "InvalidAction");
    CHECK(f.error_code("DeleteLoadBalancer", json::object()) == "ValidationError");
    CHECK(f.service.mutates("CreateRule"));
    CHECK(f.service.mutates("RegisterTargets"));
    CHECK_FALSE(f.service.mutates("DescribeTargetHealth"));
}

}  // namespace ecsemu::test::elbv2
