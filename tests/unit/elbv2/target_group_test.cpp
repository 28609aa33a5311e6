#include <catch2/catch.hpp>

#include "elbv2_fixture.hpp"
#include "emulator/core/elbv2/usage.hpp"

namespace ecsemu::test::elbv2 {

using nlohmann::json;

TEST_CASE("CreateTargetGroup fills AWS's health check defaults", "[elbv2][tg]") {
    Elbv2Fixture f;
    const json tg = f.ok("CreateTargetGroup", {{"Name", "ielts-backend-tg"},
                                               {"Protocol", "HTTP"},
                                               {"Port", "8080"},
                                               {"VpcId", kVpc},
                                               {"TargetType", "ip"},
                                               {"HealthCheckPath", "/actuator/health"}})["TargetGroups"][0];
    CHECK(tg["TargetGroupArn"].get<std::string>().rfind(
              "arn:aws:elasticloadbalancing:ap-southeast-1:123456789012:targetgroup/ielts-backend-tg/", 0) ==
          0);
    CHECK(tg["HealthCheckProtocol"] == "HTTP");
    CHECK(tg["HealthCheckPort"] == "traffic-port");
    CHECK(tg["HealthCheckPath"] == "/actuator/health");
    CHECK(tg["HealthCheckIntervalSeconds"] == 30);
    CHECK(tg["HealthCheckTimeoutSeconds"] == 5);
    CHECK(tg["HealthyThresholdCount"] == 5);
    CHECK(tg["UnhealthyThresholdCount"] == 2);
    CHECK(tg["Matcher"]["HttpCode"] == "200");
    CHECK(tg["HealthCheckEnabled"] == true);
    CHECK(tg["ProtocolVersion"] == "HTTP1");
    CHECK(tg["TargetType"] == "ip");
    CHECK(tg["LoadBalancerArns"] == json::array());

    const json instance =
        f.ok("CreateTargetGroup",
             {{"Name", "inst"}, {"Protocol", "HTTP"}, {"Port", "80"}, {"VpcId", kVpc}})["TargetGroups"][0];
    CHECK(instance["TargetType"] == "instance");
}

TEST_CASE("CreateTargetGroup: same name, same settings returns the existing group", "[elbv2][tg]") {
    Elbv2Fixture f;
    const std::string arn = f.create_tg("ielts-frontend-tg", 3000, "/api/health");
    CHECK(f.create_tg("ielts-frontend-tg", 3000, "/api/health") == arn);
    CHECK(f.state().target_groups.size() == 1);
    CHECK(f.error_code("CreateTargetGroup", {{"Name", "ielts-frontend-tg"},
                                             {"Protocol", "HTTP"},
                                             {"Port", "3001"},
                                             {"VpcId", kVpc},
                                             {"TargetType", "ip"}}) == "DuplicateTargetGroupName");
}

TEST_CASE("CreateTargetGroup checks its settings", "[elbv2][tg]") {
    Elbv2Fixture f;
    const json base{
        {"Name", "tg"}, {"Protocol", "HTTP"}, {"Port", "80"}, {"VpcId", kVpc}, {"TargetType", "ip"}};
    const auto with = [&](const std::string& key, const std::string& value) {
        json params = base;
        params[key] = value;
        return f.error_code("CreateTargetGroup", params);
    };
    CHECK(with("HealthCheckIntervalSeconds", "4") == "ValidationError");
    CHECK(with("HealthCheckIntervalSeconds", "301") == "ValidationError");
    CHECK(with("HealthCheckTimeoutSeconds", "1") == "ValidationError");
    CHECK(with("HealthyThresholdCount", "11") == "ValidationError");
    CHECK(with("UnhealthyThresholdCount", "1") == "ValidationError");
    CHECK(with("HealthCheckTimeoutSeconds", "30") ==
          "InvalidConfigurationRequest");  // not below the interval
    CHECK(with("HealthCheckPath", "health") == "ValidationError");
    CHECK(with("HealthCheckPort", "70000") == "ValidationError");
    CHECK(with("Protocol", "TCP") == "ValidationError");
    CHECK(with("TargetType", "lambda") == "ValidationError");
    CHECK(with("VpcId", "vpc-404") == "ValidationError");
    CHECK(with("Name", "bad_name") == "ValidationError");
    CHECK(with("Port", "abc") == "ValidationError");
    json matcher = base;
    matcher["Matcher"] = {{"HttpCode", "600"}};
    CHECK(f.error_code("CreateTargetGroup", matcher) == "ValidationError");
    matcher["Matcher"] = {{"HttpCode", "200-299"}};
    CHECK(f.ok("CreateTargetGroup", matcher)["TargetGroups"][0]["Matcher"]["HttpCode"] == "200-299");
}

TEST_CASE("DescribeTargetGroups by ARN, name and load balancer", "[elbv2][tg]") {
    Elbv2Fixture f;
    const std::string lb = f.create_alb();
    const std::string backend = f.create_tg("ielts-backend-tg", 8080);
    const std::string frontend = f.create_tg("ielts-frontend-tg", 3000);
    f.create_tg("unused-tg", 9000);
    const std::string listener = f.create_listener(lb, 80, frontend);
    f.ok("CreateRule", {{"ListenerArn", listener},
                        {"Priority", "10"},
                        {"Conditions", path_condition("/api/*")},
                        {"Actions", forward_to(backend)}});

    const json by_lb = f.ok("DescribeTargetGroups", {{"LoadBalancerArn", lb}})["TargetGroups"];
    REQUIRE(by_lb.size() == 2);
    for (const auto& group : by_lb) CHECK(group["LoadBalancerArns"] == json::array({lb}));
    CHECK(f.ok("DescribeTargetGroups", json::object())["TargetGroups"].size() == 3);
    CHECK(f.ok("DescribeTargetGroups", {{"Names", {"unused-tg"}}})["TargetGroups"][0]["LoadBalancerArns"] ==
          json::array());
    CHECK(f.error_code("DescribeTargetGroups", {{"Names", {"nope"}}}) == "TargetGroupNotFound");
    CHECK(f.error_code("DescribeTargetGroups", {{"TargetGroupArns", {backend + "0"}}}) ==
          "TargetGroupNotFound");
    CHECK(f.error_code("DescribeTargetGroups", {{"LoadBalancerArn", lb + "0"}}) == "LoadBalancerNotFound");

    CHECK(core::elbv2::target_group_in_use(f.state(), backend));
    CHECK(core::elbv2::load_balancers_of_target_group(f.state(), frontend) == std::vector<std::string>{lb});
    CHECK(f.error_code("DeleteTargetGroup", {{"TargetGroupArn", backend}}) == "ResourceInUse");
    f.ok("DeleteTargetGroup", {{"TargetGroupArn", backend + "0"}});  // unknown: succeeds
}

TEST_CASE("ModifyTargetGroup changes health check settings", "[elbv2][tg]") {
    Elbv2Fixture f;
    const std::string tg = f.create_tg("tg", 8080);
    const json modified =
        f.ok("ModifyTargetGroup", {{"TargetGroupArn", tg},
                                   {"HealthCheckPath", "/healthz"},
                                   {"HealthCheckIntervalSeconds", "10"},
                                   {"HealthyThresholdCount", "2"},
                                   {"Matcher", {{"HttpCode", "200,204"}}}})["TargetGroups"][0];
    CHECK(modified["HealthCheckPath"] == "/healthz");
    CHECK(modified["HealthCheckIntervalSeconds"] == 10);
    CHECK(modified["HealthyThresholdCount"] == 2);
    CHECK(modified["Matcher"]["HttpCode"] == "200,204");
    CHECK(f.error_code("ModifyTargetGroup", {{"TargetGroupArn", tg}, {"HealthCheckTimeoutSeconds", "10"}}) ==
          "InvalidConfigurationRequest");
    CHECK(f.error_code("ModifyTargetGroup", {{"TargetGroupArn", tg + "0"}}) == "TargetGroupNotFound");
}

TEST_CASE("Target group attributes: defaults and checks", "[elbv2][tg][attributes]") {
    Elbv2Fixture f;
    const std::string tg = f.create_tg("tg", 8080);
    std::map<std::string, std::string> values;
    const json described = f.ok("DescribeTargetGroupAttributes", {{"TargetGroupArn", tg}});
    for (const auto& item : described["Attributes"]) values[item["Key"]] = item["Value"];
    CHECK(values["deregistration_delay.timeout_seconds"] == "300");
    CHECK(values["load_balancing.algorithm.type"] == "round_robin");
    CHECK(values["slow_start.duration_seconds"] == "0");
    CHECK(values["stickiness.enabled"] == "false");
    CHECK(values["stickiness.type"] == "lb_cookie");
    CHECK(values["stickiness.lb_cookie.duration_seconds"] == "86400");

    const auto modify = [&](json attributes) {
        return f.call("ModifyTargetGroupAttributes",
                      {{"TargetGroupArn", tg}, {"Attributes", std::move(attributes)}});
    };
    const auto attribute = [](const std::string& key, const std::string& value) {
        return json{{"Key", key}, {"Value", value}};
    };
    CHECK(modify({attribute("deregistration_delay.timeout_seconds", "30")}).ok());
    CHECK(f.state().target_groups.at(tg).attributes.at("deregistration_delay.timeout_seconds") == "30");
    CHECK(modify({attribute("deregistration_delay.timeout_seconds", "3601")}).error().code ==
          "InvalidConfigurationRequest");
    CHECK(modify({attribute("slow_start.duration_seconds", "29")}).error().code ==
          "InvalidConfigurationRequest");
    CHECK(modify({attribute("slow_start.duration_seconds", "30")}).ok());
    CHECK(modify({attribute("load_balancing.algorithm.type", "least_outstanding_requests")}).error().code ==
          "InvalidConfigurationRequest");  // slow start is on
    CHECK(modify({attribute("slow_start.duration_seconds", "0"),
                  attribute("load_balancing.algorithm.type", "least_outstanding_requests")})
              .ok());
    CHECK(modify({attribute("load_balancing.algorithm.type", "fastest")}).error().code ==
          "InvalidConfigurationRequest");
    CHECK(modify({attribute("stickiness.type", "source_ip")}).error().code == "InvalidConfigurationRequest");
    CHECK(modify({attribute("stickiness.enabled", "true"), attribute("stickiness.type", "app_cookie")})
              .error()
              .code == "InvalidConfigurationRequest");  // no cookie name
    CHECK(modify({attribute("stickiness.enabled", "true"), attribute("stickiness.type", "app_cookie"),
                  attribute("stickiness.app_cookie.cookie_name", "SESSION")})
              .ok());
    CHECK(modify({attribute("bogus", "1")}).error().code == "ValidationError");
    CHECK(f.error_code("DescribeTargetGroupAttributes", {{"TargetGroupArn", tg + "0"}}) ==
          "TargetGroupNotFound");
}

}  // namespace ecsemu::test::elbv2
