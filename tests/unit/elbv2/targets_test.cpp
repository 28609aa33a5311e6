#include <catch2/catch.hpp>

#include "elbv2_fixture.hpp"

namespace ecsemu::test::elbv2 {

using nlohmann::json;

namespace {

json target(const std::string& id, int port = 0) {
    json out{{"Id", id}};
    if (port != 0) out["Port"] = std::to_string(port);
    return out;
}

json health(Elbv2Fixture& f, const std::string& tg, json targets = nullptr) {
    json params{{"TargetGroupArn", tg}};
    if (!targets.is_null()) params["Targets"] = std::move(targets);
    return f.ok("DescribeTargetHealth", params)["TargetHealthDescriptions"];
}

}  // namespace

TEST_CASE(
    "RegisterTargets: initial registration, zone from the subnet, unused until a listener uses the group",
    "[elbv2][targets]") {
    Elbv2Fixture f;
    const std::string tg = f.create_tg("ielts-backend-tg", 8080, "/actuator/health");
    f.ok("RegisterTargets",
         {{"TargetGroupArn", tg}, {"Targets", {target("10.0.1.5"), target("10.0.2.7", 9090)}}});
    auto& targets = f.state().target_groups.at(tg).targets;
    REQUIRE(targets.size() == 2);
    CHECK(targets[0].port == 8080);
    CHECK(targets[0].availability_zone == "ap-southeast-1a");
    CHECK(targets[1].availability_zone == "ap-southeast-1b");
    CHECK(targets[0].health.state == core::elbv2::TargetState::Initial);
    CHECK(targets[0].health.reason == "Elb.RegistrationInProgress");
    CHECK(targets[0].registered_at == f.now);

    const json unused = health(f, tg);
    REQUIRE(unused.size() == 2);
    CHECK(unused[0]["TargetHealth"]["State"] == "unused");
    CHECK(unused[0]["TargetHealth"]["Reason"] == "Target.NotInUse");
    CHECK(unused[0]["TargetHealth"]["Description"] ==
          "Given target group is not configured to receive traffic from ELB");
    CHECK(unused[0]["HealthCheckPort"] == "8080");
    CHECK(unused[1]["HealthCheckPort"] == "9090");

    const std::string lb = f.create_alb();
    f.create_listener(lb, 80, tg);
    const json in_use = health(f, tg);
    CHECK(in_use[0]["TargetHealth"]["State"] == "initial");
    CHECK(in_use[0]["TargetHealth"]["Reason"] == "Elb.RegistrationInProgress");
    CHECK(in_use[0]["TargetHealth"]["Description"] == "Target registration is in progress");
    CHECK(in_use[0]["Target"]["AvailabilityZone"] == "ap-southeast-1a");

    // A healthy target carries no Reason/Description.
    targets[0].health = {core::elbv2::TargetState::Healthy, "", ""};
    const json healthy = health(f, tg, {target("10.0.1.5")});
    REQUIRE(healthy.size() == 1);
    CHECK(healthy[0]["TargetHealth"] == json{{"State", "healthy"}});

    // Re-registering an existing pair changes nothing.
    f.now = f.now + core::Duration::seconds(10);
    f.ok("RegisterTargets", {{"TargetGroupArn", tg}, {"Targets", {target("10.0.1.5", 8080)}}});
    CHECK(targets.size() == 2);
    CHECK(targets[0].health.state == core::elbv2::TargetState::Healthy);
}

TEST_CASE("DescribeTargetHealth for unregistered pairs and disabled health checks", "[elbv2][targets]") {
    Elbv2Fixture f;
    const std::string tg = f.create_tg("tg", 8080);
    const std::string lb = f.create_alb();
    f.create_listener(lb, 80, tg);
    f.ok("RegisterTargets", {{"TargetGroupArn", tg}, {"Targets", {target("10.0.1.5")}}});
    const json missing = health(f, tg, {target("10.0.1.6")});
    REQUIRE(missing.size() == 1);
    CHECK(missing[0]["TargetHealth"]["State"] == "unused");
    CHECK(missing[0]["TargetHealth"]["Reason"] == "Target.NotRegistered");
    CHECK(missing[0]["TargetHealth"]["Description"] == "Target is not registered to the target group");
    CHECK(missing[0]["Target"]["Port"] == 8080);

    f.ok("ModifyTargetGroup", {{"TargetGroupArn", tg}, {"HealthCheckEnabled", "false"}});
    const json disabled = health(f, tg);
    CHECK(disabled[0]["TargetHealth"]["State"] == "unavailable");
    CHECK(disabled[0]["TargetHealth"]["Reason"] == "Target.HealthCheckDisabled");
    CHECK(f.error_code("DescribeTargetHealth", {{"TargetGroupArn", tg + "0"}}) == "TargetGroupNotFound");
}

TEST_CASE("RegisterTargets checks ip targets against the VPC", "[elbv2][targets]") {
    Elbv2Fixture f;
    const std::string tg = f.create_tg("tg", 8080);
    CHECK(f.error_code("RegisterTargets", {{"TargetGroupArn", tg}, {"Targets", {target("192.168.1.1")}}}) ==
          "InvalidTarget");
    CHECK(f.error_code("RegisterTargets", {{"TargetGroupArn", tg}, {"Targets", {target("10.0.1.300")}}}) ==
          "ValidationError");
    CHECK(f.error_code("RegisterTargets", {{"TargetGroupArn", tg},
                                           {"Targets", {target("10.0.1.5", 70000)}}}) == "ValidationError");
    CHECK(f.state().target_groups.at(tg).targets.empty());
    f.ok("RegisterTargets",
         {{"TargetGroupArn", tg}, {"Targets", {{{"Id", "192.168.1.1"}, {"AvailabilityZone", "all"}}}}});
    CHECK(f.state().target_groups.at(tg).targets.at(0).availability_zone == "all");
    // In the VPC's CIDR but in no known subnet: accepted without a zone.
    f.ok("RegisterTargets", {{"TargetGroupArn", tg}, {"Targets", {target("10.0.200.1")}}});
    CHECK(f.state().target_groups.at(tg).targets.at(1).availability_zone.empty());
    CHECK(f.error_code("RegisterTargets", {{"TargetGroupArn", tg + "0"},
                                           {"Targets", {target("10.0.1.5")}}}) == "TargetGroupNotFound");
}

TEST_CASE("DeregisterTargets drains while in use, removes at once otherwise", "[elbv2][targets]") {
    Elbv2Fixture f;
    const std::string used = f.create_tg("used", 8080);
    const std::string idle = f.create_tg("idle", 8080);
    f.create_listener(f.create_alb(), 80, used);
    for (const auto& tg : {used, idle})
        f.ok("RegisterTargets",
             {{"TargetGroupArn", tg}, {"Targets", {target("10.0.1.5"), target("10.0.1.6")}}});

    f.ok("DeregisterTargets", {{"TargetGroupArn", idle}, {"Targets", {target("10.0.1.5")}}});
    CHECK(f.state().target_groups.at(idle).targets.size() == 1);

    f.ok("DeregisterTargets", {{"TargetGroupArn", used}, {"Targets", {target("10.0.1.5")}}});
    const auto& drained = f.state().target_groups.at(used).targets.at(0);
    CHECK(drained.health.state == core::elbv2::TargetState::Draining);
    CHECK(drained.health.reason == "Target.DeregistrationInProgress");
    CHECK(drained.health.description == "Target deregistration is in progress");
    REQUIRE(drained.drain_until.has_value());
    CHECK(*drained.drain_until == f.now + core::Duration::seconds(300));
    CHECK(health(f, used)[0]["TargetHealth"]["State"] == "draining");

    // Registering a draining pair again starts it afresh.
    f.now = f.now + core::Duration::seconds(5);
    f.ok("RegisterTargets", {{"TargetGroupArn", used}, {"Targets", {target("10.0.1.5")}}});
    CHECK(f.state().target_groups.at(used).targets.at(0).health.state == core::elbv2::TargetState::Initial);
    CHECK_FALSE(f.state().target_groups.at(used).targets.at(0).drain_until.has_value());

    // Once the delay has passed the registration is gone.
    f.ok("DeregisterTargets", {{"TargetGroupArn", used}, {"Targets", {target("10.0.1.6")}}});
    f.now = f.now + core::Duration::seconds(300);
    const json after = health(f, used);
    REQUIRE(after.size() == 1);
    CHECK(after[0]["Target"]["Id"] == "10.0.1.5");
    CHECK(f.error_code("DeregisterTargets", {{"TargetGroupArn", used}, {"Targets", {target("10.0.1.6")}}}) ==
          "InvalidTarget");
    CHECK(f.error_code("DeregisterTargets", {{"TargetGroupArn", used},
                                             {"Targets", {target("10.0.1.5", 1234)}}}) == "InvalidTarget");
}

TEST_CASE("Instance targets", "[elbv2][targets]") {
    Elbv2Fixture f;
    const json tg =
        f.ok("CreateTargetGroup",
             {{"Name", "inst"}, {"Protocol", "HTTP"}, {"Port", "80"}, {"VpcId", kVpc}})["TargetGroups"][0];
    const std::string arn = tg["TargetGroupArn"];
    f.ok("RegisterTargets", {{"TargetGroupArn", arn}, {"Targets", {target("i-0123456789abcdef0")}}});
    CHECK(f.error_code("RegisterTargets", {{"TargetGroupArn", arn}, {"Targets", {target("10.0.1.5")}}}) ==
          "InvalidTarget");
}

}  // namespace ecsemu::test::elbv2
