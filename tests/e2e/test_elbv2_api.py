"""Every ELBv2 operation ecsemu serves, through boto3 ("elbv2"), plus a few through both AWS CLIs.

Builds the guide's stack (an internet-facing ALB across two subnets of a VPC, target groups ielts-backend-tg on 8080
with health path /actuator/health and ielts-frontend-tg on 3000 with /api/health, listener 80 forwarding to the
frontend, rule priority 10 path-pattern /api/* to the backend) and checks defaults, paging, attributes, targets, rules,
tags and the error codes AWS answers with. Each response body is validated against botocore's output shape by the
harness's after-call hook.
"""
import sys

import ecsemu_harness as h
from ecsemu_harness import check, check_eq, check_match, expect_client_error

ARN_PREFIX = "arn:aws:elasticloadbalancing:%s:%s:" % (h.REGION, h.ACCOUNT_ID)


class Ctx:
    def __init__(self, server):
        self.server = server
        self.elb = h.client(server, "elbv2")
        self.ec2 = h.client(server, "ec2")
        self.vpc = None
        self.subnets = []
        self.sg = None
        self.lb = None
        self.backend = None
        self.frontend = None
        self.listener = None
        self.rule = None


def network(c):
    c.vpc = c.ec2.create_vpc(CidrBlock="10.0.0.0/16")["Vpc"]["VpcId"]
    for cidr, zone in (("10.0.1.0/24", "a"), ("10.0.2.0/24", "b")):
        c.subnets.append(c.ec2.create_subnet(VpcId=c.vpc, CidrBlock=cidr,
                                             AvailabilityZone=h.REGION + zone)["Subnet"]["SubnetId"])
    c.sg = c.ec2.create_security_group(GroupName="ielts-alb-sg", Description="alb", VpcId=c.vpc)["GroupId"]


def load_balancer_create(c):
    lb = c.elb.create_load_balancer(Name="ielts-alb", Subnets=c.subnets, SecurityGroups=[c.sg],
                                    Scheme="internet-facing", Type="application", IpAddressType="ipv4",
                                    Tags=[{"Key": "Project", "Value": "ielts"}])["LoadBalancers"][0]
    c.lb = lb["LoadBalancerArn"]
    check_match(ARN_PREFIX + r"loadbalancer/app/ielts-alb/[0-9a-f]{16}", c.lb, "LoadBalancerArn")
    check_match(r"ielts-alb-\d{10}\.%s\.elb\.amazonaws\.com" % h.REGION, lb["DNSName"], "DNSName")
    check_eq(lb["CanonicalHostedZoneId"], "Z1LMS91P8CMLE5", "CanonicalHostedZoneId")
    check_eq(lb["State"]["Code"], "provisioning", "State right after create")
    check_eq(lb["VpcId"], c.vpc, "VpcId")
    check_eq(sorted(z["SubnetId"] for z in lb["AvailabilityZones"]), sorted(c.subnets), "subnets")
    check_eq(sorted(z["ZoneName"] for z in lb["AvailabilityZones"]), [h.REGION + "a", h.REGION + "b"], "zones")
    check_eq(lb["SecurityGroups"], [c.sg], "SecurityGroups")
    # Same name and settings: the existing load balancer.
    again = c.elb.create_load_balancer(Name="ielts-alb", Subnets=c.subnets, SecurityGroups=[c.sg])
    check_eq(again["LoadBalancers"][0]["LoadBalancerArn"], c.lb, "idempotent create")
    c.elb.get_waiter("load_balancer_available").wait(Names=["ielts-alb"], WaiterConfig={"Delay": 1, "MaxAttempts": 15})
    described = c.elb.describe_load_balancers(LoadBalancerArns=[c.lb])["LoadBalancers"][0]
    check_eq(described["State"]["Code"], "active", "State after 3 s")
    internal = c.elb.create_load_balancer(Name="ielts-internal", Subnets=c.subnets, Scheme="internal")
    internal_lb = internal["LoadBalancers"][0]
    check(internal_lb["DNSName"].startswith("internal-ielts-internal-"), "internal DNS name %s", internal_lb["DNSName"])
    default_sg = c.ec2.describe_security_groups(Filters=[{"Name": "vpc-id", "Values": [c.vpc]},
                                                         {"Name": "group-name", "Values": ["default"]}])
    check_eq(internal_lb["SecurityGroups"], [default_sg["SecurityGroups"][0]["GroupId"]], "default group")


def load_balancer_errors(c):
    expect_client_error(lambda: c.elb.create_load_balancer(Name="one-subnet", Subnets=c.subnets[:1]),
                        "ValidationError")
    expect_client_error(lambda: c.elb.create_load_balancer(Name="bad-subnet", Subnets=[c.subnets[0], "subnet-nope"]),
                        "SubnetNotFound")
    expect_client_error(lambda: c.elb.create_load_balancer(Name="bad-sg", Subnets=c.subnets,
                                                           SecurityGroups=["sg-0000000000000000f"]),
                        "InvalidSecurityGroup")
    expect_client_error(lambda: c.elb.create_load_balancer(Name="ielts-alb", Subnets=c.subnets, Scheme="internal"),
                        "DuplicateLoadBalancerName")
    expect_client_error(lambda: c.elb.describe_load_balancers(Names=["no-such-alb"]), "LoadBalancerNotFound",
                        status=400)
    expect_client_error(lambda: c.elb.describe_load_balancers(LoadBalancerArns=[c.lb + "0"]), "LoadBalancerNotFound")


def load_balancer_paging(c):
    first = c.elb.describe_load_balancers(PageSize=1)
    check_eq(len(first["LoadBalancers"]), 1, "page 1 size")
    check("NextMarker" in first, "NextMarker on page 1")
    second = c.elb.describe_load_balancers(PageSize=1, Marker=first["NextMarker"])
    check_eq(len(second["LoadBalancers"]), 1, "page 2 size")
    check("NextMarker" not in second, "no NextMarker on the last page")
    names = [lb["LoadBalancerName"] for page in c.elb.get_paginator("describe_load_balancers").paginate(PageSize=1)
             for lb in page["LoadBalancers"]]
    check_eq(sorted(names), ["ielts-alb", "ielts-internal"], "paginator")


def load_balancer_attributes(c):
    attrs = {a["Key"]: a["Value"] for a in
             c.elb.describe_load_balancer_attributes(LoadBalancerArn=c.lb)["Attributes"]}
    for key, value in (("idle_timeout.timeout_seconds", "60"), ("deletion_protection.enabled", "false"),
                       ("routing.http2.enabled", "true"), ("routing.http.xff_header_processing.mode", "append"),
                       ("routing.http.drop_invalid_header_fields.enabled", "false"),
                       ("routing.http.preserve_host_header.enabled", "false"), ("client_keep_alive.seconds", "3600"),
                       ("access_logs.s3.enabled", "false")):
        check_eq(attrs.get(key), value, key)
    out = c.elb.modify_load_balancer_attributes(
        LoadBalancerArn=c.lb, Attributes=[{"Key": "idle_timeout.timeout_seconds", "Value": "120"}])
    check_eq({a["Key"]: a["Value"] for a in out["Attributes"]}["idle_timeout.timeout_seconds"], "120", "modified")
    expect_client_error(lambda: c.elb.modify_load_balancer_attributes(
        LoadBalancerArn=c.lb, Attributes=[{"Key": "idle_timeout.timeout_seconds", "Value": "5000"}]),
        "InvalidConfigurationRequest")
    expect_client_error(lambda: c.elb.modify_load_balancer_attributes(
        LoadBalancerArn=c.lb, Attributes=[{"Key": "bogus.key", "Value": "1"}]), "ValidationError")


def target_groups(c):
    backend = c.elb.create_target_group(Name="ielts-backend-tg", Protocol="HTTP", Port=8080, VpcId=c.vpc,
                                        TargetType="ip", HealthCheckPath="/actuator/health")["TargetGroups"][0]
    c.backend = backend["TargetGroupArn"]
    check_match(ARN_PREFIX + r"targetgroup/ielts-backend-tg/[0-9a-f]{16}", c.backend, "TargetGroupArn")
    for key, value in (("HealthCheckProtocol", "HTTP"), ("HealthCheckPort", "traffic-port"),
                       ("HealthCheckPath", "/actuator/health"), ("HealthCheckIntervalSeconds", 30),
                       ("HealthCheckTimeoutSeconds", 5), ("HealthyThresholdCount", 5), ("UnhealthyThresholdCount", 2),
                       ("Matcher", {"HttpCode": "200"}), ("HealthCheckEnabled", True), ("TargetType", "ip"),
                       ("LoadBalancerArns", [])):
        check_eq(backend[key], value, key)
    frontend = c.elb.create_target_group(Name="ielts-frontend-tg", Protocol="HTTP", Port=3000, VpcId=c.vpc,
                                         TargetType="ip", HealthCheckPath="/api/health", HealthCheckIntervalSeconds=10,
                                         HealthyThresholdCount=2, Matcher={"HttpCode": "200-299"})
    c.frontend = frontend["TargetGroups"][0]["TargetGroupArn"]
    same = c.elb.create_target_group(Name="ielts-backend-tg", Protocol="HTTP", Port=8080, VpcId=c.vpc,
                                     TargetType="ip", HealthCheckPath="/actuator/health")
    check_eq(same["TargetGroups"][0]["TargetGroupArn"], c.backend, "same-settings create")
    expect_client_error(lambda: c.elb.create_target_group(Name="ielts-backend-tg", Protocol="HTTP", Port=9999,
                                                          VpcId=c.vpc, TargetType="ip"), "DuplicateTargetGroupName")
    expect_client_error(lambda: c.elb.create_target_group(Name="bad-path", Protocol="HTTP", Port=80, VpcId=c.vpc,
                                                          HealthCheckPath="health"), "ValidationError")
    expect_client_error(lambda: c.elb.create_target_group(Name="bad-timeout", Protocol="HTTP", Port=80, VpcId=c.vpc,
                                                          HealthCheckTimeoutSeconds=30), "InvalidConfigurationRequest")
    expect_client_error(lambda: c.elb.describe_target_groups(Names=["nope"]), "TargetGroupNotFound")
    by_name = c.elb.describe_target_groups(Names=["ielts-frontend-tg"])["TargetGroups"][0]
    check_eq(by_name["HealthCheckIntervalSeconds"], 10, "interval")
    modified = c.elb.modify_target_group(TargetGroupArn=c.frontend, HealthCheckTimeoutSeconds=4)["TargetGroups"][0]
    check_eq(modified["HealthCheckTimeoutSeconds"], 4, "modified timeout")
    attrs = {a["Key"]: a["Value"] for a in
             c.elb.describe_target_group_attributes(TargetGroupArn=c.backend)["Attributes"]}
    for key, value in (("deregistration_delay.timeout_seconds", "300"), ("stickiness.enabled", "false"),
                       ("stickiness.type", "lb_cookie"), ("stickiness.lb_cookie.duration_seconds", "86400"),
                       ("load_balancing.algorithm.type", "round_robin"), ("slow_start.duration_seconds", "0")):
        check_eq(attrs.get(key), value, key)
    c.elb.modify_target_group_attributes(TargetGroupArn=c.backend, Attributes=[
        {"Key": "deregistration_delay.timeout_seconds", "Value": "30"}])
    expect_client_error(lambda: c.elb.modify_target_group_attributes(TargetGroupArn=c.backend, Attributes=[
        {"Key": "slow_start.duration_seconds", "Value": "10"}]), "InvalidConfigurationRequest")


def listener_and_rules(c):
    listener = c.elb.create_listener(LoadBalancerArn=c.lb, Protocol="HTTP", Port=80,
                                     DefaultActions=[{"Type": "forward", "TargetGroupArn": c.frontend}])["Listeners"][0]
    c.listener = listener["ListenerArn"]
    check_match(ARN_PREFIX + r"listener/app/ielts-alb/[0-9a-f]{16}/[0-9a-f]{16}", c.listener, "ListenerArn")
    check_eq(listener["DefaultActions"][0]["TargetGroupArn"], c.frontend, "default action")
    rule = c.elb.create_rule(ListenerArn=c.listener, Priority=10,
                             Conditions=[{"Field": "path-pattern", "PathPatternConfig": {"Values": ["/api/*"]}}],
                             Actions=[{"Type": "forward", "TargetGroupArn": c.backend}])["Rules"][0]
    c.rule = rule["RuleArn"]
    check_eq(rule["Priority"], "10", "Priority is a string")
    rules = c.elb.describe_rules(ListenerArn=c.listener)["Rules"]
    check_eq([r["Priority"] for r in rules], ["10", "default"], "rule order")
    check_eq(rules[1]["IsDefault"], True, "default rule")
    groups = {g["TargetGroupName"]: g for g in c.elb.describe_target_groups(LoadBalancerArn=c.lb)["TargetGroups"]}
    check_eq(sorted(groups), ["ielts-backend-tg", "ielts-frontend-tg"], "groups of the ALB")
    check_eq(groups["ielts-backend-tg"]["LoadBalancerArns"], [c.lb], "LoadBalancerArns")
    check_eq(c.elb.describe_listeners(LoadBalancerArn=c.lb)["Listeners"][0]["Port"], 80, "listener port")

    expect_client_error(lambda: c.elb.create_listener(LoadBalancerArn=c.lb, Protocol="HTTP", Port=80, DefaultActions=[
        {"Type": "forward", "TargetGroupArn": c.frontend}]), "DuplicateListener")
    expect_client_error(lambda: c.elb.create_rule(ListenerArn=c.listener, Priority=10, Conditions=[
        {"Field": "path-pattern", "Values": ["/x"]}], Actions=[{"Type": "forward", "TargetGroupArn": c.backend}]),
        "PriorityInUse")
    expect_client_error(lambda: c.elb.create_rule(ListenerArn=c.listener, Priority=11, Conditions=[
        {"Field": "path-pattern", "Values": ["/x"]}], Actions=[{"Type": "forward", "TargetGroupArn": c.backend + "0"}]),
        "TargetGroupNotFound")
    expect_client_error(lambda: c.elb.create_rule(ListenerArn=c.listener + "0", Priority=11, Conditions=[
        {"Field": "path-pattern", "Values": ["/x"]}], Actions=[{"Type": "forward", "TargetGroupArn": c.backend}]),
        "ListenerNotFound")
    expect_client_error(lambda: c.elb.create_rule(ListenerArn=c.listener, Priority=11, Conditions=[
        {"Field": "path-pattern", "PathPatternConfig": {"Values": ["/a", "/b", "/c", "/d", "/e", "/f"]}}],
        Actions=[{"Type": "forward", "TargetGroupArn": c.backend}]), "ValidationError")
    expect_client_error(lambda: c.elb.delete_rule(RuleArn=rules[1]["RuleArn"]), "OperationNotPermitted")
    expect_client_error(lambda: c.elb.describe_rules(RuleArns=[c.rule + "0"]), "RuleNotFound")
    expect_client_error(lambda: c.elb.delete_target_group(TargetGroupArn=c.backend), "ResourceInUse")

    extra = c.elb.create_rule(
        ListenerArn=c.listener, Priority=20,
        Conditions=[{"Field": "host-header", "HostHeaderConfig": {"Values": ["api.example.com"]}},
                    {"Field": "http-header", "HttpHeaderConfig": {"HttpHeaderName": "X-Env", "Values": ["blue"]}},
                    {"Field": "query-string", "QueryStringConfig": {"Values": [{"Key": "v", "Value": "2"}]}}],
        Actions=[{"Type": "forward", "ForwardConfig": {
            "TargetGroups": [{"TargetGroupArn": c.backend, "Weight": 80}, {"TargetGroupArn": c.frontend, "Weight": 20}],
            "TargetGroupStickinessConfig": {"Enabled": True, "DurationSeconds": 300}}}])["Rules"][0]
    check_eq(extra["Actions"][0]["ForwardConfig"]["TargetGroups"][0]["Weight"], 80, "weight")
    fixed = c.elb.create_rule(ListenerArn=c.listener, Priority=30,
                              Conditions=[{"Field": "http-request-method",
                                           "HttpRequestMethodConfig": {"Values": ["DELETE"]}},
                                          {"Field": "source-ip", "SourceIpConfig": {"Values": ["10.0.0.0/8"]}}],
                              Actions=[{"Type": "fixed-response", "FixedResponseConfig": {
                                  "StatusCode": "403", "ContentType": "text/plain", "MessageBody": "no"}}])["Rules"][0]
    redirect = c.elb.create_rule(ListenerArn=c.listener, Priority=40,
                                 Conditions=[{"Field": "path-pattern", "Values": ["/old/*"]}],
                                 Actions=[{"Type": "redirect", "RedirectConfig": {
                                     "Path": "/new/#{path}", "StatusCode": "HTTP_301"}}])["Rules"][0]
    check_eq(redirect["Actions"][0]["RedirectConfig"]["Host"], "#{host}", "redirect host default")
    swapped = c.elb.set_rule_priorities(RulePriorities=[{"RuleArn": fixed["RuleArn"], "Priority": 40},
                                                        {"RuleArn": redirect["RuleArn"], "Priority": 30}])
    check_eq(sorted(r["Priority"] for r in swapped["Rules"]), ["30", "40"], "swapped")
    expect_client_error(lambda: c.elb.set_rule_priorities(RulePriorities=[
        {"RuleArn": fixed["RuleArn"], "Priority": 10}]), "PriorityInUse")
    modified = c.elb.modify_rule(RuleArn=redirect["RuleArn"],
                                 Conditions=[{"Field": "path-pattern", "PathPatternConfig": {"Values": ["/legacy/*"]}}])
    check_eq(modified["Rules"][0]["Conditions"][0]["PathPatternConfig"]["Values"], ["/legacy/*"], "modified rule")
    for arn in (extra["RuleArn"], fixed["RuleArn"], redirect["RuleArn"]):
        c.elb.delete_rule(RuleArn=arn)
    check_eq(len(c.elb.describe_rules(ListenerArn=c.listener)["Rules"]), 2, "rules after deletes")
    c.elb.modify_listener(ListenerArn=c.listener, DefaultActions=[{"Type": "forward", "TargetGroupArn": c.frontend}])


def targets(c):
    c.elb.register_targets(TargetGroupArn=c.backend, Targets=[{"Id": "10.0.1.15", "Port": 8080}, {"Id": "10.0.2.16"}])
    health = c.elb.describe_target_health(TargetGroupArn=c.backend)["TargetHealthDescriptions"]
    check_eq(sorted(d["Target"]["Id"] for d in health), ["10.0.1.15", "10.0.2.16"], "registered ids")
    for d in health:
        check_eq(d["Target"]["Port"], 8080, "port")
        check_eq(d["HealthCheckPort"], "8080", "HealthCheckPort")
        check(d["TargetHealth"]["State"] in ("initial", "unhealthy", "healthy"), "state %s", d["TargetHealth"])
    zones = {d["Target"]["Id"]: d["Target"].get("AvailabilityZone") for d in health}
    check_eq(zones, {"10.0.1.15": h.REGION + "a", "10.0.2.16": h.REGION + "b"}, "zones from subnets")
    missing = c.elb.describe_target_health(TargetGroupArn=c.backend, Targets=[{"Id": "10.0.1.99"}])
    check_eq(missing["TargetHealthDescriptions"][0]["TargetHealth"],
             {"State": "unused", "Reason": "Target.NotRegistered",
              "Description": "Target is not registered to the target group"}, "unregistered pair")
    expect_client_error(lambda: c.elb.register_targets(TargetGroupArn=c.backend, Targets=[{"Id": "192.168.0.1"}]),
                        "InvalidTarget")
    expect_client_error(lambda: c.elb.deregister_targets(TargetGroupArn=c.backend, Targets=[{"Id": "10.0.1.99"}]),
                        "InvalidTarget")
    expect_client_error(lambda: c.elb.register_targets(TargetGroupArn=c.backend + "0", Targets=[{"Id": "10.0.1.1"}]),
                        "TargetGroupNotFound")
    c.elb.deregister_targets(TargetGroupArn=c.backend, Targets=[{"Id": "10.0.2.16"}])
    states = {d["Target"]["Id"]: d["TargetHealth"] for d in
              c.elb.describe_target_health(TargetGroupArn=c.backend)["TargetHealthDescriptions"]}
    check_eq(states["10.0.2.16"], {"State": "draining", "Reason": "Target.DeregistrationInProgress",
                                   "Description": "Target deregistration is in progress"}, "draining")
    # A group no listener uses: targets are unused/Target.NotInUse and deregistration is immediate.
    idle = c.elb.create_target_group(Name="idle-tg", Protocol="HTTP", Port=80, VpcId=c.vpc,
                                     TargetType="ip")["TargetGroups"][0]["TargetGroupArn"]
    c.elb.register_targets(TargetGroupArn=idle, Targets=[{"Id": "10.0.1.20"}])
    d = c.elb.describe_target_health(TargetGroupArn=idle)["TargetHealthDescriptions"][0]
    check_eq(d["TargetHealth"], {"State": "unused", "Reason": "Target.NotInUse",
                                 "Description": "Given target group is not configured to receive traffic from ELB"},
             "not in use")
    c.elb.deregister_targets(TargetGroupArn=idle, Targets=[{"Id": "10.0.1.20"}])
    check_eq(c.elb.describe_target_health(TargetGroupArn=idle)["TargetHealthDescriptions"], [], "removed at once")
    c.elb.delete_target_group(TargetGroupArn=idle)


def tags(c):
    c.elb.add_tags(ResourceArns=[c.lb, c.backend, c.listener, c.rule], Tags=[{"Key": "env", "Value": "prod"}])
    described = {d["ResourceArn"]: {t["Key"]: t["Value"] for t in d["Tags"]}
                 for d in c.elb.describe_tags(ResourceArns=[c.lb, c.backend, c.listener, c.rule])["TagDescriptions"]}
    check_eq(described[c.lb], {"Project": "ielts", "env": "prod"}, "lb tags")
    check_eq(described[c.rule], {"env": "prod"}, "rule tags")
    c.elb.remove_tags(ResourceArns=[c.lb], TagKeys=["env"])
    check_eq(c.elb.describe_tags(ResourceArns=[c.lb])["TagDescriptions"][0]["Tags"],
             [{"Key": "Project", "Value": "ielts"}], "after RemoveTags")
    expect_client_error(lambda: c.elb.add_tags(ResourceArns=[c.lb + "0"], Tags=[{"Key": "a", "Value": "b"}]),
                        "LoadBalancerNotFound")
    expect_client_error(lambda: c.elb.describe_tags(ResourceArns=[c.backend + "0"]), "TargetGroupNotFound")


def clis(c):
    for generation in ("v1", "v2"):
        cli = h.Cli(generation, c.server.endpoint)
        lbs = cli.ok("elbv2", "describe-load-balancers", "--names", "ielts-alb")
        check_eq(lbs["LoadBalancers"][0]["LoadBalancerArn"], c.lb, "%s describe-load-balancers" % generation)
        name = "cli-%s-tg" % generation
        tg = cli.ok("elbv2", "create-target-group", "--name", name, "--protocol", "HTTP", "--port", "8080",
                    "--vpc-id", c.vpc, "--target-type", "ip", "--health-check-path", "/actuator/health")
        tg_arn = tg["TargetGroups"][0]["TargetGroupArn"]
        cli.ok("elbv2", "register-targets", "--target-group-arn", tg_arn, "--targets", "Id=10.0.1.30,Port=8080")
        health = cli.ok("elbv2", "describe-target-health", "--target-group-arn", tg_arn)
        check_eq(health["TargetHealthDescriptions"][0]["TargetHealth"]["Reason"], "Target.NotInUse",
                 "%s describe-target-health" % generation)
        rules = cli.ok("elbv2", "describe-rules", "--listener-arn", c.listener)
        check_eq(rules["Rules"][0]["Priority"], "10", "%s describe-rules" % generation)
        attrs = cli.ok("elbv2", "describe-target-group-attributes", "--target-group-arn", tg_arn)
        check("deregistration_delay.timeout_seconds" in [a["Key"] for a in attrs["Attributes"]], "attributes")
        bad = cli.run("elbv2", "describe-target-groups", "--names", "no-such-tg")
        check(bad.rc != 0 and "TargetGroupNotFound" in bad.stderr, "%s error: %s", generation, bad.describe())
        cli.ok("elbv2", "delete-target-group", "--target-group-arn", tg_arn)


def teardown(c):
    c.elb.delete_listener(ListenerArn=c.listener)
    expect_client_error(lambda: c.elb.describe_rules(RuleArns=[c.rule]), "RuleNotFound")
    c.elb.delete_target_group(TargetGroupArn=c.backend)
    c.elb.delete_target_group(TargetGroupArn=c.frontend)
    c.elb.delete_load_balancer(LoadBalancerArn=c.lb)
    c.elb.delete_load_balancer(LoadBalancerArn=c.lb)  # idempotent
    expect_client_error(lambda: c.elb.describe_load_balancers(LoadBalancerArns=[c.lb]), "LoadBalancerNotFound")


CASES = [
    ("ec2: the guide's VPC and subnets", network),
    ("CreateLoadBalancer/DescribeLoadBalancers/waiter", load_balancer_create),
    ("CreateLoadBalancer errors", load_balancer_errors),
    ("DescribeLoadBalancers paging", load_balancer_paging),
    ("load balancer attributes", load_balancer_attributes),
    ("target groups", target_groups),
    ("listener and rules", listener_and_rules),
    ("targets and health", targets),
    ("tags", tags),
    ("aws CLI v1 and v2", clis),
    ("teardown", teardown),
]


def main():
    suite = h.Suite("test_elbv2_api")
    server = h.Server()
    try:
        with suite.case("server starts"):
            server.start()
        if not server.alive():
            return suite.finish()
        ctx = Ctx(server)
        for name, fn in CASES:
            with suite.case(name):
                fn(ctx)
        with suite.case("server still healthy"):
            check_eq(server.health(), 200, "health")
            check(server.alive(), "server process died")
    finally:
        server.stop()
    return suite.finish()


if __name__ == "__main__":
    sys.exit(main())
