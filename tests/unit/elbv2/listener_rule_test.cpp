#include <catch2/catch.hpp>

#include "elbv2_fixture.hpp"

namespace ecsemu::test::elbv2 {

using nlohmann::json;

namespace {

struct Stack {
    Elbv2Fixture f;
    std::string lb = f.create_alb();
    std::string backend = f.create_tg("ielts-backend-tg", 8080, "/actuator/health");
    std::string frontend = f.create_tg("ielts-frontend-tg", 3000, "/api/health");
    std::string listener = f.create_listener(lb, 80, frontend);

    json create_rule(int priority, json conditions, json actions) {
        return f
            .call("CreateRule", {{"ListenerArn", listener},
                                 {"Priority", std::to_string(priority)},
                                 {"Conditions", std::move(conditions)},
                                 {"Actions", std::move(actions)}})
            .value();
    }
    std::string rule_error(int priority, json conditions, json actions) {
        return f.error_code("CreateRule", {{"ListenerArn", listener},
                                           {"Priority", std::to_string(priority)},
                                           {"Conditions", std::move(conditions)},
                                           {"Actions", std::move(actions)}});
    }
};

}  // namespace

TEST_CASE("The guide's listener and rule", "[elbv2][listener][rule]") {
    Stack s;
    const json listener = s.f.ok("DescribeListeners", {{"LoadBalancerArn", s.lb}})["Listeners"][0];
    CHECK(listener["Port"] == 80);
    CHECK(listener["Protocol"] == "HTTP");
    CHECK(listener["DefaultActions"][0]["Type"] == "forward");
    CHECK(listener["DefaultActions"][0]["TargetGroupArn"] == s.frontend);
    CHECK(listener["DefaultActions"][0]["ForwardConfig"]["TargetGroups"][0]["Weight"] == 1);
    CHECK(listener["ListenerArn"].get<std::string>().find(":listener/app/ielts-alb/") != std::string::npos);

    const json rule = s.f.ok("CreateRule", {{"ListenerArn", s.listener},
                                            {"Priority", "10"},
                                            {"Conditions", path_condition("/api/*")},
                                            {"Actions", forward_to(s.backend)}})["Rules"][0];
    CHECK(rule["Priority"] == "10");
    CHECK(rule["IsDefault"] == false);
    CHECK(rule["Conditions"][0]["PathPatternConfig"]["Values"] == json::array({"/api/*"}));
    CHECK(rule["RuleArn"].get<std::string>().find(":listener-rule/app/ielts-alb/") != std::string::npos);

    const json rules = s.f.ok("DescribeRules", {{"ListenerArn", s.listener}})["Rules"];
    REQUIRE(rules.size() == 2);
    CHECK(rules[0]["Priority"] == "10");
    CHECK(rules[1]["Priority"] == "default");
    CHECK(rules[1]["IsDefault"] == true);
    CHECK(rules[1]["Conditions"] == json::array());
    CHECK(rules[1]["Actions"][0]["TargetGroupArn"] == s.frontend);
    CHECK(s.f.ok("DescribeRules", {{"RuleArns", {rule["RuleArn"]}}})["Rules"].size() == 1);
}

TEST_CASE("Listener errors", "[elbv2][listener]") {
    Stack s;
    const auto listener_error = [&](json params) {
        return s.f.error_code("CreateListener", std::move(params));
    };
    CHECK(listener_error({{"LoadBalancerArn", s.lb},
                          {"Port", "80"},
                          {"Protocol", "HTTP"},
                          {"DefaultActions", forward_to(s.backend)}}) == "DuplicateListener");
    CHECK(listener_error(
              {{"LoadBalancerArn", s.lb + "0"}, {"Port", "81"}, {"DefaultActions", forward_to(s.backend)}}) ==
          "LoadBalancerNotFound");
    CHECK(listener_error(
              {{"LoadBalancerArn", s.lb}, {"Port", "81"}, {"DefaultActions", forward_to(s.backend + "0")}}) ==
          "TargetGroupNotFound");
    CHECK(listener_error({{"LoadBalancerArn", s.lb},
                          {"Port", "443"},
                          {"Protocol", "HTTPS"},
                          {"DefaultActions", forward_to(s.backend)}}) == "ValidationError");
    CHECK(listener_error({{"LoadBalancerArn", s.lb},
                          {"Port", "443"},
                          {"Protocol", "HTTPS"},
                          {"Certificates", {{{"CertificateArn", "arn:aws:acm:x"}}}},
                          {"DefaultActions", forward_to(s.backend)}}) == "UnsupportedProtocol");
    CHECK(listener_error({{"LoadBalancerArn", s.lb},
                          {"Port", "81"},
                          {"Protocol", "TCP"},
                          {"DefaultActions", forward_to(s.backend)}}) == "ValidationError");
    CHECK(listener_error({{"LoadBalancerArn", s.lb}, {"Port", "81"}}) == "ValidationError");
    CHECK(s.f.error_code("DescribeListeners", json::object()) == "ValidationError");
    CHECK(s.f.error_code("DescribeListeners", {{"ListenerArns", {s.listener + "0"}}}) == "ListenerNotFound");
    CHECK(s.f.error_code("DeleteListener", {{"ListenerArn", s.listener + "0"}}) == "ListenerNotFound");
}

TEST_CASE("A target group serves one load balancer and must share its VPC", "[elbv2][listener]") {
    Stack s;
    const std::string other_lb = s.f.create_alb("other-alb");
    CHECK(s.f.error_code(
              "CreateListener",
              {{"LoadBalancerArn", other_lb}, {"Port", "80"}, {"DefaultActions", forward_to(s.frontend)}}) ==
          "TargetGroupAssociationLimit");
    const std::string foreign =
        s.f.ok("CreateTargetGroup", {{"Name", "foreign"},
                                     {"Protocol", "HTTP"},
                                     {"Port", "80"},
                                     {"VpcId", kOtherVpc},
                                     {"TargetType", "ip"}})["TargetGroups"][0]["TargetGroupArn"];
    CHECK(s.rule_error(5, path_condition("/x"), forward_to(foreign)) == "InvalidConfigurationRequest");
}

TEST_CASE("ModifyListener and DeleteListener", "[elbv2][listener]") {
    Stack s;
    const json modified =
        s.f.ok("ModifyListener", {{"ListenerArn", s.listener},
                                  {"Port", "8080"},
                                  {"DefaultActions", forward_to(s.backend)}})["Listeners"][0];
    CHECK(modified["Port"] == 8080);
    CHECK(modified["DefaultActions"][0]["TargetGroupArn"] == s.backend);
    const json rules = s.f.ok("DescribeRules", {{"ListenerArn", s.listener}})["Rules"];
    CHECK(rules.back()["Actions"][0]["TargetGroupArn"] == s.backend);

    s.create_rule(10, path_condition("/api/*"), forward_to(s.backend));
    s.f.ok("DeleteListener", {{"ListenerArn", s.listener}});
    CHECK(s.f.state().rules.empty());
    s.f.ok("DeleteTargetGroup", {{"TargetGroupArn", s.backend}});
}

TEST_CASE("Rule priorities", "[elbv2][rule]") {
    Stack s;
    const std::string r10 =
        s.create_rule(10, path_condition("/api/*"), forward_to(s.backend))["Rules"][0]["RuleArn"];
    const std::string r20 =
        s.create_rule(20, path_condition("/img/*"), forward_to(s.backend))["Rules"][0]["RuleArn"];
    CHECK(s.rule_error(10, path_condition("/x"), forward_to(s.backend)) == "PriorityInUse");
    CHECK(s.rule_error(0, path_condition("/x"), forward_to(s.backend)) == "ValidationError");
    CHECK(s.rule_error(50001, path_condition("/x"), forward_to(s.backend)) == "ValidationError");

    // Swapping two priorities in one call is allowed.
    const json swapped =
        s.f.ok("SetRulePriorities",
               {{"RulePriorities",
                 {{{"RuleArn", r10}, {"Priority", "20"}}, {{"RuleArn", r20}, {"Priority", "10"}}}}});
    CHECK(swapped["Rules"][0]["Priority"] == "20");
    const json rules = s.f.ok("DescribeRules", {{"ListenerArn", s.listener}})["Rules"];
    CHECK(rules[0]["RuleArn"] == r20);
    CHECK(s.f.error_code("SetRulePriorities",
                         {{"RulePriorities", {{{"RuleArn", r10}, {"Priority", "10"}}}}}) == "PriorityInUse");
    const std::string default_rule = rules.back()["RuleArn"];
    CHECK(s.f.error_code("SetRulePriorities",
                         {{"RulePriorities", {{{"RuleArn", default_rule}, {"Priority", "5"}}}}}) ==
          "OperationNotPermitted");
    CHECK(s.f.error_code("SetRulePriorities",
                         {{"RulePriorities", {{{"RuleArn", r10 + "0"}, {"Priority", "5"}}}}}) ==
          "RuleNotFound");
    CHECK(s.f.error_code("DeleteRule", {{"RuleArn", default_rule}}) == "OperationNotPermitted");
    s.f.ok("DeleteRule", {{"RuleArn", r10}});
    CHECK(s.f.error_code("DeleteRule", {{"RuleArn", r10}}) == "RuleNotFound");
}

TEST_CASE("Rule conditions", "[elbv2][rule]") {
    Stack s;
    const json legacy = s.create_rule(1, {{{"Field", "host-header"}, {"Values", {"api.example.com"}}}},
                                      forward_to(s.backend))["Rules"][0];
    CHECK(legacy["Conditions"][0]["Values"] == json::array({"api.example.com"}));
    CHECK(legacy["Conditions"][0]["HostHeaderConfig"]["Values"] == json::array({"api.example.com"}));

    const json all = s.create_rule(
        2,
        {{{"Field", "http-header"},
          {"HttpHeaderConfig", {{"HttpHeaderName", "X-Env"}, {"Values", {"blue"}}}}},
         {{"Field", "http-request-method"}, {"HttpRequestMethodConfig", {{"Values", {"GET"}}}}},
         {{"Field", "query-string"}, {"QueryStringConfig", {{"Values", {{{"Key", "v"}, {"Value", "2"}}}}}}},
         {{"Field", "source-ip"}, {"SourceIpConfig", {{"Values", {"10.0.0.0/8"}}}}}},
        forward_to(s.backend))["Rules"][0];
    CHECK(all["Conditions"][0]["HttpHeaderConfig"]["HttpHeaderName"] == "X-Env");
    CHECK(all["Conditions"][2]["QueryStringConfig"]["Values"][0]["Key"] == "v");

    const auto fwd = forward_to(s.backend);
    CHECK(s.rule_error(3, json::array(), fwd) == "ValidationError");
    CHECK(s.rule_error(3, {{{"Field", "cookie"}, {"Values", {"x"}}}}, fwd) == "ValidationError");
    CHECK(
        s.rule_error(3,
                     {{{"Field", "path-pattern"}, {"PathPatternConfig", {{"Values", {"/a", "/b", "/c"}}}}},
                      {{"Field", "host-header"}, {"HostHeaderConfig", {{"Values", {"a.x", "b.x", "c.x"}}}}}},
                     fwd) == "ValidationError");  // 6 values
    CHECK(s.rule_error(3,
                       {{{"Field", "path-pattern"}, {"Values", {"/a"}}},
                        {{"Field", "path-pattern"}, {"Values", {"/b"}}}},
                       fwd) == "ValidationError");
    CHECK(s.rule_error(3,
                       {{{"Field", "path-pattern"}, {"PathPatternConfig", {{"Values", {"/*/*/*/*/*/*"}}}}}},
                       fwd) == "ValidationError");  // 6 wildcards
    CHECK(s.rule_error(3, {{{"Field", "source-ip"}, {"SourceIpConfig", {{"Values", {"10.0.0.0/99"}}}}}},
                       fwd) == "ValidationError");
    CHECK(s.rule_error(
              3, {{{"Field", "http-request-method"}, {"HttpRequestMethodConfig", {{"Values", {"get"}}}}}},
              fwd) == "ValidationError");
    CHECK(s.rule_error(
              3,
              {{{"Field", "path-pattern"}, {"Values", {"/a"}}, {"PathPatternConfig", {{"Values", {"/a"}}}}}},
              fwd) == "ValidationError");
}

TEST_CASE("Rule actions", "[elbv2][rule]") {
    Stack s;
    const json weighted =
        s.create_rule(1, path_condition("/split/*"),
                      {{{"Type", "forward"},
                        {"ForwardConfig",
                         {{"TargetGroups",
                           {{{"TargetGroupArn", s.backend}, {"Weight", "80"}},
                            {{"TargetGroupArn", s.frontend}, {"Weight", "20"}}}},
                          {"TargetGroupStickinessConfig",
                           {{"Enabled", "true"}, {"DurationSeconds", "3600"}}}}}}})["Rules"][0];
    const json action = weighted["Actions"][0];
    CHECK_FALSE(action.contains("TargetGroupArn"));
    CHECK(action["ForwardConfig"]["TargetGroups"][1]["Weight"] == 20);
    CHECK(action["ForwardConfig"]["TargetGroupStickinessConfig"]["DurationSeconds"] == 3600);

    const json fixed = s.create_rule(
        2, path_condition("/maintenance"),
        {{{"Type", "fixed-response"},
          {"FixedResponseConfig",
           {{"StatusCode", "503"}, {"ContentType", "text/plain"}, {"MessageBody", "down"}}}}})["Rules"][0];
    CHECK(fixed["Actions"][0]["FixedResponseConfig"]["StatusCode"] == "503");
    const json redirect = s.create_rule(
        3, path_condition("/old/*"),
        {{{"Type", "redirect"},
          {"RedirectConfig", {{"Path", "/new/#{path}"}, {"StatusCode", "HTTP_301"}}}}})["Rules"][0];
    CHECK(redirect["Actions"][0]["RedirectConfig"]["Host"] == "#{host}");
    CHECK(redirect["Actions"][0]["RedirectConfig"]["Path"] == "/new/#{path}");

    const auto cond = path_condition("/y");
    CHECK(s.rule_error(4, cond,
                       {{{"Type", "fixed-response"}, {"FixedResponseConfig", {{"StatusCode", "302"}}}}}) ==
          "ValidationError");
    CHECK(s.rule_error(4, cond,
                       {{{"Type", "fixed-response"},
                         {"FixedResponseConfig", {{"StatusCode", "200"}, {"ContentType", "image/png"}}}}}) ==
          "ValidationError");
    CHECK(s.rule_error(4, cond, {{{"Type", "redirect"}, {"RedirectConfig", {{"StatusCode", "HTTP_301"}}}}}) ==
          "InvalidLoadBalancerAction");
    CHECK(s.rule_error(4, cond,
                       {{{"Type", "forward"},
                         {"ForwardConfig",
                          {{"TargetGroups", {{{"TargetGroupArn", s.backend}, {"Weight", "1000"}}}}}}}}) ==
          "ValidationError");
    json six = json::array();
    for (int i = 0; i < 6; ++i)
        six.push_back({{"TargetGroupArn", s.f.create_tg("g" + std::to_string(i), 80)}});
    CHECK(s.rule_error(4, cond, {{{"Type", "forward"}, {"ForwardConfig", {{"TargetGroups", six}}}}}) ==
          "ValidationError");
    CHECK(s.rule_error(4, cond, {{{"Type", "forward"}}}) == "ValidationError");
    CHECK(s.rule_error(4, cond, {{{"Type", "authenticate-oidc"}}}) == "InvalidLoadBalancerAction");
    CHECK(s.rule_error(4, cond, json::array({forward_to(s.backend)[0], forward_to(s.frontend)[0]})) ==
          "InvalidLoadBalancerAction");
    CHECK(s.f.error_code("CreateRule", {{"ListenerArn", s.listener + "0"},
                                        {"Priority", "9"},
                                        {"Conditions", cond},
                                        {"Actions", forward_to(s.backend)}}) == "ListenerNotFound");
}

TEST_CASE("ModifyRule", "[elbv2][rule]") {
    Stack s;
    const std::string rule =
        s.create_rule(10, path_condition("/api/*"), forward_to(s.backend))["Rules"][0]["RuleArn"];
    const json modified =
        s.f.ok("ModifyRule", {{"RuleArn", rule}, {"Conditions", path_condition("/v2/*")}})["Rules"][0];
    CHECK(modified["Conditions"][0]["PathPatternConfig"]["Values"] == json::array({"/v2/*"}));
    CHECK(modified["Actions"][0]["TargetGroupArn"] == s.backend);
    const std::string default_rule =
        s.f.ok("DescribeRules", {{"ListenerArn", s.listener}})["Rules"][1]["RuleArn"];
    s.f.ok("ModifyRule", {{"RuleArn", default_rule}, {"Actions", forward_to(s.backend)}});
    CHECK(s.f.state().listeners.at(s.listener).default_actions[0].target_group_arn == s.backend);
    CHECK(s.f.error_code("ModifyRule", {{"RuleArn", default_rule}, {"Conditions", path_condition("/x")}}) ==
          "OperationNotPermitted");
    CHECK(s.f.error_code("ModifyRule", {{"RuleArn", rule + "0"}}) == "RuleNotFound");
}

TEST_CASE("At most 100 rules per load balancer", "[elbv2][rule]") {
    Stack s;
    for (int priority = 1; priority <= 100; ++priority)
        s.create_rule(priority, path_condition("/p" + std::to_string(priority)), forward_to(s.backend));
    CHECK(s.rule_error(101, path_condition("/p101"), forward_to(s.backend)) == "TooManyRules");
}

TEST_CASE("Tags on load balancers, target groups, listeners and rules", "[elbv2][tags]") {
    Stack s;
    const std::string rule =
        s.create_rule(10, path_condition("/api/*"), forward_to(s.backend))["Rules"][0]["RuleArn"];
    const json tags =
        json::array({{{"Key", "env"}, {"Value", "prod"}}, {{"Key", "team"}, {"Value", "ielts"}}});
    s.f.ok("AddTags", {{"ResourceArns", {s.lb, s.backend, s.listener, rule}}, {"Tags", tags}});
    const json described = s.f.ok("DescribeTags", {{"ResourceArns", {s.lb, rule}}})["TagDescriptions"];
    REQUIRE(described.size() == 2);
    CHECK(described[0]["ResourceArn"] == s.lb);
    CHECK(described[0]["Tags"] == tags);
    s.f.ok("RemoveTags", {{"ResourceArns", {s.lb}}, {"TagKeys", {"team"}}});
    CHECK(s.f.ok("DescribeTags", {{"ResourceArns", {s.lb}}})["TagDescriptions"][0]["Tags"].size() == 1);
    CHECK(s.f.error_code("AddTags", {{"ResourceArns", {s.lb + "0"}}, {"Tags", tags}}) ==
          "LoadBalancerNotFound");
    CHECK(s.f.error_code("AddTags", {{"ResourceArns", {s.backend + "0"}}, {"Tags", tags}}) ==
          "TargetGroupNotFound");
    CHECK(s.f.error_code("DescribeTags", {{"ResourceArns", {s.listener + "0"}}}) == "ListenerNotFound");
    CHECK(s.f.error_code("DescribeTags", {{"ResourceArns", {rule + "0"}}}) == "RuleNotFound");
    CHECK(s.f.error_code("AddTags",
                         {{"ResourceArns", {s.lb}},
                          {"Tags", {{{"Key", "a"}, {"Value", "1"}}, {{"Key", "a"}, {"Value", "2"}}}}}) ==
          "DuplicateTagKeys");
    json many = json::array();
    for (int i = 0; i < 50; ++i) many.push_back({{"Key", "k" + std::to_string(i)}, {"Value", "v"}});
    CHECK(s.f.error_code("AddTags", {{"ResourceArns", {s.lb}}, {"Tags", many}}) == "TooManyTags");
    const json created = s.f.ok("CreateTargetGroup", {{"Name", "tagged"},
                                                      {"Protocol", "HTTP"},
                                                      {"Port", "80"},
                                                      {"VpcId", kVpc},
                                                      {"Tags", {{{"Key", "a"}, {"Value", "b"}}}}});
    const std::string tagged = created["TargetGroups"][0]["TargetGroupArn"];
    CHECK(s.f.state().target_groups.at(tagged).tags.at("a") == "b");
}

TEST_CASE("Failed calls leave ids and state untouched", "[elbv2]") {
    Elbv2Fixture a;
    Elbv2Fixture b;
    CHECK(a.error_code("CreateLoadBalancer",
                       {{"Name", "x"},
                        {"Subnets", {kSubnetA, kSubnetB}},
                        {"Tags", {{{"Key", "k"}, {"Value", "1"}}, {{"Key", "k"}, {"Value", "2"}}}}}) ==
          "DuplicateTagKeys");
    CHECK(a.create_alb() == b.create_alb());
    CHECK(a.state().load_balancers.begin()->second.local_address == "127.255.128.1");
}

}  // namespace ecsemu::test::elbv2
