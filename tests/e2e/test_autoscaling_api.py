"""Application Auto Scaling (application-autoscaling) through boto3 and both AWS CLIs.

Builds two Fargate services in the guide's cluster (ielts-prod-cluster: ielts-backend-service and
ielts-frontend-service, desiredCount 1), then runs the guide's "Configure Auto Scaling" commands VERBATIM (text read
from the guide at run time, executed by bash with `aws` on PATH) with aws-cli v1 and again with aws-cli v2:
register-scalable-target for both services (min 2, max 10: ECS's desiredCount is clamped up to 2 and a scaling
activity says so) and put-scaling-policy for the backend (target tracking on ECSServiceAverageCPUUtilization 70 %,
which makes the AlarmHigh/AlarmLow CloudWatch alarms of reference section 6.2). Every boto3 response is validated
against botocore's output shape by the harness; CLI outputs are validated too. Then scheduled actions, tags, the
error codes, deletion and a restart (the mutations are journaled and replayed).
"""
import sys

from botocore.exceptions import ClientError

import ecsemu_harness as h
import guide_commands as guide
from ecsemu_harness import check, check_eq, check_match, expect_client_error

CLUSTER = "ielts-prod-cluster"
BACKEND = "service/%s/ielts-backend-service" % CLUSTER
FRONTEND = "service/%s/ielts-frontend-service" % CLUSTER
DIMENSION = "ecs:service:DesiredCount"
TARGET_ARN = r"arn:aws:application-autoscaling:%s:%s:scalable-target/0ec5[0-9a-f]{28}" % (h.REGION, h.ACCOUNT_ID)
POLICY_ARN = (r"arn:aws:autoscaling:%s:%s:scalingPolicy:[0-9a-f-]{36}:resource/ecs/%s:policyName/backend-cpu-scaling"
              % (h.REGION, h.ACCOUNT_ID, BACKEND))
UUID = r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"


class Ctx:
    def __init__(self, server):
        self.server = server
        self.aas = h.client(server, "application-autoscaling")
        self.ecs = h.client(server, "ecs")
        self.ec2 = h.client(server, "ec2")
        # CloudWatch's responses are another test's subject (test_cloudwatch_api.py); the harness validator does not
        # read every protocol this botocore may pick for it, so only the contents are checked here.
        self.cloudwatch = h.client(server, "cloudwatch", validator=None)
        self.subnets = []
        self.sg = None


def ecs_stack(c):
    vpc = c.ec2.create_vpc(CidrBlock="10.0.0.0/16")["Vpc"]["VpcId"]
    for az, cidr in (("ap-southeast-1a", "10.0.11.0/24"), ("ap-southeast-1b", "10.0.12.0/24")):
        c.subnets.append(c.ec2.create_subnet(VpcId=vpc, CidrBlock=cidr, AvailabilityZone=az)["Subnet"]["SubnetId"])
    c.sg = c.ec2.create_security_group(GroupName="ielts-app-sg", Description="app", VpcId=vpc)["GroupId"]
    c.ecs.create_cluster(clusterName=CLUSTER)
    for family, port in (("ielts-backend", 8080), ("ielts-frontend", 3000)):
        c.ecs.register_task_definition(
            family=family, networkMode="awsvpc", requiresCompatibilities=["FARGATE"], cpu="512", memory="1024",
            containerDefinitions=[{"name": family, "image": "nginx:1.25", "essential": True,
                                   "portMappings": [{"containerPort": port, "protocol": "tcp"}]}])
        c.ecs.create_service(
            cluster=CLUSTER, serviceName=family + "-service", taskDefinition=family, desiredCount=1,
            launchType="FARGATE", networkConfiguration={"awsvpcConfiguration": {
                "subnets": c.subnets, "securityGroups": [c.sg], "assignPublicIp": "DISABLED"}})


def desired_counts(c):
    services = c.ecs.describe_services(cluster=CLUSTER, services=["ielts-backend-service",
                                                                  "ielts-frontend-service"])["services"]
    return {s["serviceName"]: s["desiredCount"] for s in services}


def run_guide(c, generation):
    """The guide's three auto scaling commands, verbatim, with one CLI generation."""
    cli = h.Cli(generation, c.server.endpoint)
    commands = guide.all_commands()
    texts = [guide.find_command(commands, "register-scalable-target", "ielts-backend-service"),
             guide.find_command(commands, "register-scalable-target", "ielts-frontend-service"),
             guide.find_command(commands, "put-scaling-policy", "backend-cpu-scaling")]
    outputs = []
    for text in texts:
        res = cli.bash(text)
        check(res.rc == 0, "guide command failed with aws %s: %s", generation, res.describe())
        # aws-cli v2 here (botocore 1.29) predates ScalableTargetARN: its RegisterScalableTarget output is empty.
        outputs.append(res.json or {})
    for out, operation in zip(outputs, ("RegisterScalableTarget", "RegisterScalableTarget", "PutScalingPolicy")):
        problems = h.VALIDATOR.validate_parsed("application-autoscaling", operation, out,
                                               label="aws %s %s" % (generation, operation))
        check(not problems, "aws %s %s output does not fit the shape:\n  %s", generation, operation,
              "\n  ".join(problems))
    if generation == "v1":
        check_match(TARGET_ARN, outputs[0]["ScalableTargetARN"], "ScalableTargetARN")
    check_match(POLICY_ARN, outputs[2]["PolicyARN"], "PolicyARN")
    alarms = outputs[2]["Alarms"]
    check_eq(len(alarms), 2, "put-scaling-policy Alarms")
    check_match(r"TargetTracking-%s-AlarmHigh-%s" % (BACKEND, UUID), alarms[0]["AlarmName"], "AlarmHigh name")
    check_match(r"TargetTracking-%s-AlarmLow-%s" % (BACKEND, UUID), alarms[1]["AlarmName"], "AlarmLow name")
    listed = cli.ok("application-autoscaling", "describe-scalable-targets", "--service-namespace", "ecs")
    check(not h.VALIDATOR.validate_parsed("application-autoscaling", "DescribeScalableTargets", listed),
          "describe-scalable-targets shape")
    check_eq(sorted(t["ResourceId"] for t in listed["ScalableTargets"]), [BACKEND, FRONTEND], "CLI targets")
    return outputs


def guide_cli_v1(c):
    outputs = run_guide(c, "v1")
    c.policy_arn = outputs[2]["PolicyARN"]
    c.alarms = [a["AlarmName"] for a in outputs[2]["Alarms"]]
    check_eq(desired_counts(c), {"ielts-backend-service": 2, "ielts-frontend-service": 2},
             "desiredCount clamped to MinCapacity")


def describe_shapes(c):
    targets = c.aas.describe_scalable_targets(ServiceNamespace="ecs")["ScalableTargets"]
    check_eq([(t["ResourceId"], t["MinCapacity"], t["MaxCapacity"]) for t in targets],
             [(BACKEND, 2, 10), (FRONTEND, 2, 10)], "targets")
    check_eq(targets[0]["ScalableDimension"], DIMENSION, "dimension")
    check("AWSServiceRoleForApplicationAutoScaling_ECSService" in targets[0]["RoleARN"], "RoleARN %s",
          targets[0]["RoleARN"])
    check_eq(targets[0]["SuspendedState"], {"DynamicScalingInSuspended": False, "DynamicScalingOutSuspended": False,
                                            "ScheduledScalingSuspended": False}, "SuspendedState")
    one = c.aas.describe_scalable_targets(ServiceNamespace="ecs", ResourceIds=[FRONTEND])["ScalableTargets"]
    check_eq([t["ResourceId"] for t in one], [FRONTEND], "ResourceIds filter")
    page = c.aas.describe_scalable_targets(ServiceNamespace="ecs", MaxResults=1)
    check_eq(len(page["ScalableTargets"]), 1, "MaxResults")
    check("NextToken" in page, "NextToken on the first page")
    paged = [t["ResourceId"] for p in c.aas.get_paginator("describe_scalable_targets").paginate(
        ServiceNamespace="ecs", PaginationConfig={"PageSize": 1}) for t in p["ScalableTargets"]]
    check_eq(paged, [BACKEND, FRONTEND], "paginator")

    policies = c.aas.describe_scaling_policies(ServiceNamespace="ecs", ResourceId=BACKEND)["ScalingPolicies"]
    check_eq(len(policies), 1, "policies")
    config = policies[0]["TargetTrackingScalingPolicyConfiguration"]
    check_eq(config["TargetValue"], 70.0, "TargetValue")
    check_eq(config["PredefinedMetricSpecification"], {"PredefinedMetricType": "ECSServiceAverageCPUUtilization"},
             "PredefinedMetricSpecification")
    check_eq((config["ScaleOutCooldown"], config["ScaleInCooldown"]), (60, 120), "cooldowns")
    check_eq([a["AlarmName"] for a in policies[0]["Alarms"]], c.alarms, "policy alarms")

    activities = c.aas.describe_scaling_activities(ServiceNamespace="ecs", ResourceId=BACKEND)["ScalingActivities"]
    check(len(activities) >= 1, "a clamp activity for the backend")
    latest = activities[-1]
    check_eq(latest["Description"], "Setting desired count to 2.", "activity Description")
    check_eq(latest["StatusCode"], "Successful", "activity StatusCode")
    check_match(UUID, latest["ActivityId"], "ActivityId")


def cloudwatch_alarms(c):
    try:
        found = c.cloudwatch.describe_alarms(AlarmNames=c.alarms)["MetricAlarms"]
    except ClientError as e:
        if h.error_code(e) in ("UnknownOperationException", "InvalidAction", "UnknownService"):
            print("  skipped: the CloudWatch service is not registered (%s)" % h.error_code(e))
            return
        raise
    by_name = {a["AlarmName"]: a for a in found}
    check_eq(sorted(by_name), sorted(c.alarms), "DescribeAlarms names")
    high, low = by_name[c.alarms[0]], by_name[c.alarms[1]]
    for alarm, periods, comparison, threshold in ((high, 3, "GreaterThanThreshold", 70.0),
                                                  (low, 15, "LessThanThreshold", 63.0)):
        check_eq((alarm["Namespace"], alarm["MetricName"], alarm["Statistic"], alarm["Period"]),
                 ("AWS/ECS", "CPUUtilization", "Average", 60), "metric of %s" % alarm["AlarmName"])
        check_eq(sorted((d["Name"], d["Value"]) for d in alarm["Dimensions"]),
                 [("ClusterName", CLUSTER), ("ServiceName", "ielts-backend-service")], "dimensions")
        check_eq((alarm["EvaluationPeriods"], alarm["ComparisonOperator"], alarm["Threshold"]),
                 (periods, comparison, threshold), "evaluation of %s" % alarm["AlarmName"])
        check_eq(len(alarm["AlarmActions"]), 1, "AlarmActions")
        check(alarm["AlarmActions"][0].startswith(c.policy_arn + ":createdBy/"), "AlarmActions %r",
              alarm["AlarmActions"])
        check_eq(alarm["AlarmDescription"], "DO NOT EDIT OR DELETE. For TargetTrackingScaling policy %s."
                 % alarm["AlarmActions"][0], "AlarmDescription")


def guide_cli_v2(c):
    """The same commands again with aws-cli v2: registration updates, the policy's alarms are replaced."""
    outputs = run_guide(c, "v2")
    check_eq(outputs[2]["PolicyARN"], c.policy_arn, "PolicyARN kept on update")
    new_alarms = [a["AlarmName"] for a in outputs[2]["Alarms"]]
    check(not set(new_alarms) & set(c.alarms), "alarms were replaced: %r vs %r", new_alarms, c.alarms)
    c.alarms = new_alarms


def errors(c):
    target = dict(ServiceNamespace="ecs", ScalableDimension=DIMENSION)
    tt = {"TargetValue": 50.0, "PredefinedMetricSpecification": {"PredefinedMetricType":
                                                                 "ECSServiceAverageCPUUtilization"}}
    expect_client_error(lambda: c.aas.put_scaling_policy(
        PolicyName="p", ResourceId="service/%s/nope" % CLUSTER, PolicyType="TargetTrackingScaling",
        TargetTrackingScalingPolicyConfiguration=tt, **target), "ObjectNotFoundException")
    expect_client_error(lambda: c.aas.register_scalable_target(
        ResourceId=BACKEND, MinCapacity=5, MaxCapacity=2, **target), "ValidationException")
    expect_client_error(lambda: c.aas.register_scalable_target(
        ResourceId="service/%s/nope" % CLUSTER, MinCapacity=1, MaxCapacity=2, **target), "ValidationException")
    bogus = {"TargetValue": 50.0, "PredefinedMetricSpecification": {"PredefinedMetricType": "ALBRequestCountPerTarget",
                                                                    "ResourceLabel": "app/x/1/targetgroup/y/2"}}
    expect_client_error(lambda: c.aas.put_scaling_policy(
        PolicyName="alb", ResourceId=BACKEND, PolicyType="TargetTrackingScaling",
        TargetTrackingScalingPolicyConfiguration=bogus, **target), "ValidationException")
    unknown = {"TargetValue": 50.0, "PredefinedMetricSpecification": {"PredefinedMetricType":
                                                                      "DynamoDBReadCapacityUtilization"}}
    expect_client_error(lambda: c.aas.put_scaling_policy(
        PolicyName="ddb", ResourceId=BACKEND, PolicyType="TargetTrackingScaling",
        TargetTrackingScalingPolicyConfiguration=unknown, **target), "ValidationException")
    expect_client_error(lambda: c.aas.deregister_scalable_target(ResourceId="service/%s/nope" % CLUSTER, **target),
                        "ObjectNotFoundException")
    expect_client_error(lambda: c.aas.delete_scaling_policy(PolicyName="nope", ResourceId=BACKEND, **target),
                        "ObjectNotFoundException")
    expect_client_error(lambda: c.aas.describe_scalable_targets(ServiceNamespace="ecs", NextToken="bogus"),
                        "InvalidNextTokenException")
    # Refused calls change nothing.
    check_eq(len(c.aas.describe_scaling_policies(ServiceNamespace="ecs")["ScalingPolicies"]), 1, "policies after")
    check_eq(desired_counts(c), {"ielts-backend-service": 2, "ielts-frontend-service": 2}, "counts after")


def scheduled_actions(c):
    target = dict(ServiceNamespace="ecs", ScalableDimension=DIMENSION, ResourceId=FRONTEND)
    c.aas.put_scheduled_action(ScheduledActionName="business-hours", Schedule="cron(0 8 ? * MON-FRI *)",
                               Timezone="UTC", ScalableTargetAction={"MinCapacity": 3, "MaxCapacity": 10}, **target)
    c.aas.put_scheduled_action(ScheduledActionName="night", Schedule="rate(1 day)",
                               ScalableTargetAction={"MinCapacity": 2}, **target)
    listed = c.aas.describe_scheduled_actions(ServiceNamespace="ecs", ResourceId=FRONTEND)["ScheduledActions"]
    check_eq([a["ScheduledActionName"] for a in listed], ["business-hours", "night"], "scheduled actions")
    check_match(r"arn:aws:autoscaling:%s:%s:scheduledAction:%s:resource/ecs/%s:scheduledActionName/business-hours"
                % (h.REGION, h.ACCOUNT_ID, UUID, FRONTEND), listed[0]["ScheduledActionARN"], "ScheduledActionARN")
    check_eq(listed[0]["ScalableTargetAction"], {"MinCapacity": 3, "MaxCapacity": 10}, "ScalableTargetAction")
    expect_client_error(lambda: c.aas.put_scheduled_action(ScheduledActionName="bad", Schedule="cron(0 8 * * *)",
                                                           **target), "ValidationException")
    expect_client_error(lambda: c.aas.put_scheduled_action(
        ScheduledActionName="x", Schedule="rate(5 minutes)", ServiceNamespace="ecs", ScalableDimension=DIMENSION,
        ResourceId="service/%s/nope" % CLUSTER), "ObjectNotFoundException")
    c.aas.delete_scheduled_action(ScheduledActionName="night", **target)
    listed = c.aas.describe_scheduled_actions(ServiceNamespace="ecs")["ScheduledActions"]
    check_eq([a["ScheduledActionName"] for a in listed], ["business-hours"], "after delete")


def tags(c):
    arn = c.aas.describe_scalable_targets(ServiceNamespace="ecs", ResourceIds=[BACKEND])["ScalableTargets"][0][
        "ScalableTargetARN"]
    c.aas.tag_resource(ResourceARN=arn, Tags={"Project": "ielts", "Env": "prod"})
    c.aas.untag_resource(ResourceARN=arn, TagKeys=["Env"])
    check_eq(c.aas.list_tags_for_resource(ResourceARN=arn)["Tags"], {"Project": "ielts"}, "tags")
    missing = arn[:-4] + "ffff" if not arn.endswith("ffff") else arn[:-4] + "eeee"
    expect_client_error(lambda: c.aas.list_tags_for_resource(ResourceARN=missing), "ResourceNotFoundException")


def delete_and_deregister(c):
    target = dict(ServiceNamespace="ecs", ScalableDimension=DIMENSION)
    c.aas.delete_scaling_policy(PolicyName="backend-cpu-scaling", ResourceId=BACKEND, **target)
    check_eq(c.aas.describe_scaling_policies(ServiceNamespace="ecs")["ScalingPolicies"], [], "no policies")
    try:
        left = c.cloudwatch.describe_alarms(AlarmNames=c.alarms)["MetricAlarms"]
        check_eq(left, [], "alarms deleted with the policy")
    except ClientError as e:
        print("  skipped alarm check: %s" % h.error_code(e))
    c.aas.deregister_scalable_target(ResourceId=FRONTEND, **target)
    check_eq(c.aas.describe_scheduled_actions(ServiceNamespace="ecs")["ScheduledActions"], [],
             "scheduled actions go with their target")
    check_eq([t["ResourceId"] for t in c.aas.describe_scalable_targets(ServiceNamespace="ecs")["ScalableTargets"]],
             [BACKEND], "frontend deregistered")


def restart_replay(c):
    """Registrations and policies are journaled and replayed: a restarted server shows the same objects."""
    with h.TempDir(prefix="ecsemu-e2e-autoscaling-") as data:
        first = h.Server(data_dir=data).start()
        try:
            ctx = Ctx(first)
            ecs_stack(ctx)
            ctx.aas.register_scalable_target(ServiceNamespace="ecs", ScalableDimension=DIMENSION, ResourceId=BACKEND,
                                             MinCapacity=2, MaxCapacity=4)
            before = ctx.aas.describe_scalable_targets(ServiceNamespace="ecs")["ScalableTargets"]
        finally:
            first.stop()
        second = h.Server(data_dir=data).start()
        try:
            ctx = Ctx(second)
            after = ctx.aas.describe_scalable_targets(ServiceNamespace="ecs")["ScalableTargets"]
            check_eq(after, before, "targets after restart")
            check_eq(desired_counts(ctx)["ielts-backend-service"], 2, "clamped count after restart")
        finally:
            second.stop()


CASES = [
    ("ECS stack: cluster, two Fargate services", ecs_stack),
    ("guide commands with aws CLI v1", guide_cli_v1),
    ("describe-* shapes and contents", describe_shapes),
    ("target-tracking alarms in CloudWatch", cloudwatch_alarms),
    ("guide commands again with aws CLI v2", guide_cli_v2),
    ("error codes", errors),
    ("scheduled actions", scheduled_actions),
    ("tags", tags),
    ("delete policy, deregister target", delete_and_deregister),
    ("journal: state survives a restart", restart_replay),
]


def main():
    suite = h.Suite("test_autoscaling_api")
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
