// Which load balancers route to which target groups: the one-walk map agrees with the per-group question,
// for default actions, rules, weighted forwards across load balancers, and groups nothing forwards to.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "emulator/core/elbv2/usage.hpp"
#include "tests/unit/alb/alb_fixture.hpp"

using namespace ecsemu::core;
using namespace ecsemu::test::alb;

TEST_CASE("load balancers by target group: one walk of the rules gives what asking group by group does",
          "[elbv2][usage]") {
    elbv2::Elbv2World world;
    elbv2::Elbv2State& state = build_guide_alb(world);
    // A second load balancer whose listener splits between the backend and the spare group.
    const std::string other_lb = kLbArn.substr(0, kLbArn.size() - 16) + "fedcba9876543210";
    elbv2::LoadBalancer lb;
    lb.arn = other_lb;
    lb.name = "other-alb";
    state.load_balancers.emplace(lb.arn, lb);
    elbv2::Listener listener;
    listener.arn = kListenerArn + "-other";
    listener.load_balancer_arn = other_lb;
    listener.port = 8080;
    elbv2::Action split;
    split.type = "forward";
    split.forward_groups = {{kBackendTg, 1}, {kSpareTg, 3}};
    listener.default_actions = {split};
    state.listeners.emplace(listener.arn, listener);
    elbv2::Rule default_rule;
    default_rule.arn = kApiRuleArn + "-other-default";
    default_rule.listener_arn = listener.arn;
    default_rule.is_default = true;
    default_rule.actions = {split};
    state.rules.emplace(default_rule.arn, default_rule);
    elbv2::Rule guide_default;
    guide_default.arn = kApiRuleArn + "-default";
    guide_default.listener_arn = kListenerArn;
    guide_default.is_default = true;
    guide_default.actions = {forward_to(kFrontendTg)};
    state.rules.emplace(guide_default.arn, guide_default);
    const std::string lonely = kSpareTg.substr(0, kSpareTg.size() - 16) + "dddddddddddddddd";
    state.target_groups.emplace(lonely, target_group(lonely, "lonely-tg", 80, "/"));

    const auto by_group = elbv2::load_balancers_by_target_group(state);
    CHECK(by_group.at(kFrontendTg) == std::vector<std::string>{kLbArn});
    CHECK(by_group.at(kBackendTg) == std::vector<std::string>{kLbArn, other_lb});
    CHECK(by_group.at(kSpareTg) == std::vector<std::string>{other_lb});
    CHECK(by_group.count(lonely) == 0);
    for (const auto& [arn, group] : state.target_groups) {
        const auto found = by_group.find(arn);
        const std::vector<std::string> expected = elbv2::load_balancers_of_target_group(state, arn);
        CHECK((found == by_group.end() ? std::vector<std::string>{} : found->second) == expected);
        CHECK(elbv2::target_group_in_use(state, arn) == !expected.empty());
    }
}
