"""The ALB end to end, through the real proxy: the guide's whole stack built with the real AWS CLI (EC2, ELBv2 and
ECS commands, aws-cli v1 and Debian's v2), then real HTTP traffic through the listener.

Cases:
  - routing: `/api/...` reaches both backend tasks and nothing else, `/` both frontend tasks; X-Forwarded-For/
    -Proto/-Port and X-Amzn-Trace-Id reach the target, Host is preserved; boto3's `target_in_service` waiter passes;
  - zero-failure deploy: a backend `--force-new-deployment` under continuous load (>= 200 requests/s, keep-alive,
    for the whole deployment) ends with every task replaced, zero non-2xx responses and zero connection errors;
  - draining: a slow request in flight on a task that is stopped (its target draining) completes with 200;
  - health: a target that starts failing health checks turns unhealthy and stops receiving traffic, and the
    service events show the registrations.
Emulated time runs 10x (health-check interval 5 s, deregistration delay 10 s): the script takes about a minute.
"""
import json
import os
import sys
import threading
import time

import ecsemu_harness as h
import e2e_alb
from e2e_dns import dns_query, parse_answer, udp

TIME_SCALE = 10
CLUSTER = "ielts-prod-cluster"
SERVICES = {
    "backend": {"service": "ielts-backend-service", "family": "ielts-backend", "port": 8080,
                "health": "/actuator/health", "sg": "ielts-prod-ecs-be-sg"},
    "frontend": {"service": "ielts-frontend-service", "family": "ielts-frontend", "port": 3000,
                 "health": "/api/health", "sg": "ielts-prod-ecs-fe-sg"},
}


class Stack:
    def __init__(self, server, workdir):
        self.server = server
        self.cli = h.Cli("v1", server.endpoint, workdir=workdir)
        self.cli2 = h.Cli("v2", server.endpoint, workdir=workdir) if h.ensure_cli_v2() else None
        self.ecs = h.client(server, "ecs")
        self.elbv2 = h.client(server, "elbv2")
        self.workdir = workdir
        self.v = {}
        self.figures = {}

    def cli_json(self, *args, v2=False):
        cli = self.cli2 if v2 and self.cli2 is not None else self.cli
        res = cli.run(*args)
        h.check(res.rc == 0, "aws %s failed: %s", " ".join(args[:2]), res.describe())
        return res.json

    def live_tasks(self, key):
        arns = self.ecs.list_tasks(cluster=CLUSTER, serviceName=SERVICES[key]["service"])["taskArns"]
        return self.ecs.describe_tasks(cluster=CLUSTER, tasks=arns)["tasks"] if arns else []


def build_stack(s):
    vpc = s.cli_json("ec2", "create-vpc", "--cidr-block", "10.0.0.0/16")["Vpc"]["VpcId"]
    subnets = []
    for az, cidr in (("ap-southeast-1a", "10.0.11.0/24"), ("ap-southeast-1b", "10.0.12.0/24")):
        subnets.append(s.cli_json("ec2", "create-subnet", "--vpc-id", vpc, "--cidr-block", cidr,
                                  "--availability-zone", az)["Subnet"]["SubnetId"])
    groups = {}
    for name in ("ielts-prod-alb-sg", "ielts-prod-ecs-be-sg", "ielts-prod-ecs-fe-sg"):
        groups[name] = s.cli_json("ec2", "create-security-group", "--group-name", name, "--description", name,
                                  "--vpc-id", vpc)["GroupId"]
    lb = s.cli_json("elbv2", "create-load-balancer", "--name", "ielts-prod-alb", "--subnets", *subnets,
                    "--security-groups", groups["ielts-prod-alb-sg"], "--scheme", "internet-facing",
                    "--type", "application", v2=True)["LoadBalancers"][0]
    h.check_eq(lb["State"]["Code"], "provisioning", "create-load-balancer State.Code")
    s.v["lb"] = lb["LoadBalancerArn"]
    for key, spec in e2e_alb.TARGET_GROUPS.items():
        tg = s.cli_json("elbv2", "create-target-group", "--name", spec["name"], "--protocol", "HTTP", "--port",
                        str(spec["port"]), "--vpc-id", vpc, "--target-type", "ip", "--health-check-path",
                        spec["health"], "--health-check-interval-seconds", "5", "--health-check-timeout-seconds", "2",
                        "--healthy-threshold-count", "2",
                        "--unhealthy-threshold-count", "2")["TargetGroups"][0]
        s.v[key] = tg["TargetGroupArn"]
        s.cli_json("elbv2", "modify-target-group-attributes", "--target-group-arn", tg["TargetGroupArn"],
                   "--attributes", "Key=deregistration_delay.timeout_seconds,Value=10", v2=True)
    listener = s.cli_json("elbv2", "create-listener", "--load-balancer-arn", s.v["lb"], "--protocol", "HTTP",
                          "--port", "80", "--default-actions",
                          "Type=forward,TargetGroupArn=%s" % s.v["frontend"])["Listeners"][0]
    s.v["listener"] = listener["ListenerArn"]
    s.cli_json("elbv2", "create-rule", "--listener-arn", s.v["listener"], "--priority", "10", "--conditions",
               "Field=path-pattern,Values='/api/*'", "--actions", "Type=forward,TargetGroupArn=%s" % s.v["backend"],
               v2=True)
    s.cli_json("ecs", "create-cluster", "--cluster-name", CLUSTER)
    for key, spec in SERVICES.items():
        doc = {"family": spec["family"], "networkMode": "awsvpc", "requiresCompatibilities": ["FARGATE"],
               "cpu": "512", "memory": "1024",
               "containerDefinitions": [{
                   "name": key, "image": "ielts/%s:latest" % key, "essential": True,
                   "portMappings": [{"containerPort": spec["port"], "protocol": "tcp", "name": key,
                                     "appProtocol": "http"}]}]}
        path = os.path.join(s.workdir, spec["family"] + ".json")
        with open(path, "w") as f:
            json.dump(doc, f)
        s.cli_json("ecs", "register-task-definition", "--cli-input-json", "file://" + path)
        s.cli_json("ecs", "create-service", "--cluster", CLUSTER, "--service-name", spec["service"],
                   "--task-definition", spec["family"], "--desired-count", "2", "--launch-type", "FARGATE",
                   "--network-configuration",
                   "awsvpcConfiguration={subnets=[%s],securityGroups=[%s],assignPublicIp=DISABLED}"
                   % (",".join(subnets), groups[spec["sg"]]),
                   "--deployment-configuration", "maximumPercent=200,minimumHealthyPercent=100",
                   "--load-balancers", json.dumps([{"targetGroupArn": s.v[key], "containerName": key,
                                                    "containerPort": spec["port"]}]))
    # A target group no load balancer uses is refused, as ECS does.
    orphan = s.elbv2.create_target_group(Name="orphan-tg", Protocol="HTTP", Port=80, VpcId=vpc,
                                         TargetType="ip")["TargetGroups"][0]["TargetGroupArn"]
    h.expect_client_error(lambda: s.ecs.create_service(
        cluster=CLUSTER, serviceName="orphan", taskDefinition="ielts-backend", desiredCount=1,
        launchType="FARGATE", networkConfiguration={"awsvpcConfiguration": {"subnets": subnets}},
        loadBalancers=[{"targetGroupArn": orphan, "containerName": "backend", "containerPort": 8080}]),
        ["InvalidParameterException"], what="create-service with a target group no load balancer uses")
    s.v["vpc"], s.v["subnets"] = vpc, subnets


def wait_ready(s):
    started = time.monotonic()
    s.ecs.get_waiter("services_stable").wait(cluster=CLUSTER, services=[x["service"] for x in SERVICES.values()],
                                             WaiterConfig={"Delay": 1, "MaxAttempts": 90})
    s.figures["services_stable after create"] = time.monotonic() - started
    for key in SERVICES:
        s.elbv2.get_waiter("target_in_service").wait(TargetGroupArn=s.v[key],
                                                      WaiterConfig={"Delay": 1, "MaxAttempts": 60})
        health = s.elbv2.describe_target_health(TargetGroupArn=s.v[key])["TargetHealthDescriptions"]
        ips = sorted(t["Target"]["Id"] for t in health)
        task_ips = sorted(t["attachments"][0]["details"][[d["name"] for d in t["attachments"][0]["details"]]
                                                         .index("privateIPv4Address")]["value"]
                          for t in s.live_tasks(key))
        h.check_eq(ips, task_ips, "%s target group holds exactly the tasks' ENI addresses" % key)
        h.check(all(t["TargetHealth"]["State"] == "healthy" and t["Target"]["Port"] == SERVICES[key]["port"]
                    for t in health), "%s targets not all healthy on the container port: %r", key, health)
    lb = s.elbv2.describe_load_balancers(LoadBalancerArns=[s.v["lb"]])["LoadBalancers"][0]
    h.check_eq(lb["State"]["Code"], "active", "load balancer state once ready")
    # The DNSName resolves through ecsemu's DNS server to the address the listeners serve on.
    endpoints = json.loads(s.server.endpoints()[1])
    address = [x["address"] for x in endpoints["loadBalancers"] if x["arn"] == s.v["lb"]]
    h.check_eq(parse_answer(udp(endpoints["dns"], dns_query(lb["DNSName"]))), (0, address), "A " + lb["DNSName"])
    events = [e["message"] for e in s.ecs.describe_services(
        cluster=CLUSTER, services=[SERVICES["backend"]["service"]])["services"][0]["events"]]
    h.check(any(m.startswith("(service ielts-backend-service) registered 1 targets in (target-group %s)"
                             % s.v["backend"]) for m in events), "no 'registered 1 targets' event in %r", events)
    s.address = e2e_alb.listener_address(s.server, s.v["listener"])


def routing(s):
    tasks = {key: {t["taskArn"] for t in s.live_tasks(key)} for key in SERVICES}
    for key, path in (("backend", "/api/questions?id=7"), ("frontend", "/"), ("frontend", "/apix"),
                      ("frontend", "/API/upper")):
        seen = set()
        for _ in range(20):
            status, headers, body = e2e_alb.get(s.address, path, {"Host": "ielts.example.com"})
            h.check_eq(status, 200, "GET %s status" % path)
            answer = json.loads(body)
            seen.add(answer["taskArn"])
            h.check_eq(answer["path"], path, "path reaches the target unchanged")
        h.check_eq(seen, tasks[key], "GET %s reached exactly the %s tasks" % (path, key))
    status, _, body = e2e_alb.get(s.address, "/api/headers", {"Host": "ielts.example.com",
                                                                "X-Forwarded-For": "203.0.113.9"})
    got = json.loads(body)["headers"]
    h.check_eq(got.get("host"), "ielts.example.com", "Host preserved")
    h.check_eq(got.get("x-forwarded-for"), "203.0.113.9, 127.0.0.1", "X-Forwarded-For appended")
    h.check_eq(got.get("x-forwarded-proto"), "http", "X-Forwarded-Proto")
    h.check_eq(got.get("x-forwarded-port"), "80", "X-Forwarded-Port (the listener's port)")
    h.check_match(r"Root=1-[0-9a-f]{8}-[0-9a-f]{24}", got.get("x-amzn-trace-id", ""), "X-Amzn-Trace-Id")


def zero_failure_deploy(s):
    before = {t["taskArn"] for t in s.live_tasks("backend")}
    load = e2e_alb.LoadGenerator(s.address, "/api/load", rate_per_s=250, connections=5, max_s=120).start()
    time.sleep(1.0)
    started = time.monotonic()
    s.cli_json("ecs", "update-service", "--cluster", CLUSTER, "--service", SERVICES["backend"]["service"],
               "--force-new-deployment")

    def replaced():
        svc = s.ecs.describe_services(cluster=CLUSTER, services=[SERVICES["backend"]["service"]])["services"][0]
        old = s.ecs.describe_tasks(cluster=CLUSTER, tasks=sorted(before))["tasks"]
        done = (len(svc["deployments"]) == 1 and svc["deployments"][0]["rolloutState"] == "COMPLETED"
                and all(t["lastStatus"] == "STOPPED" for t in old))
        return done and old
    try:
        stopped = h.wait_until(replaced, 90, 0.25, "backend deployment COMPLETED with every old task STOPPED")
        h.check(all(t.get("stopCode") == "ServiceSchedulerInitiated" for t in stopped),
                "old tasks stopped by the scheduler: %r", [(t.get("stopCode"), t.get("stoppedReason")) for t in stopped])
        s.figures["deploy under load: COMPLETED and old tasks gone"] = time.monotonic() - started
        time.sleep(1.0)
    finally:
        load.stop()
    summary = load.summary()
    print("  load during deploy: " + summary)
    s.figures["deploy load"] = summary
    after = {t["taskArn"] for t in s.live_tasks("backend") if t["lastStatus"] == "RUNNING"}
    h.check(load.rate() >= 200, "load rate %.0f/s below 200/s: %s", load.rate(), summary)
    h.check_eq(dict(load.statuses), {200: load.sent - len(load.errors)}, "only 200s during the deploy")
    h.check_eq(load.errors[:5], [], "connection errors during the deploy")
    h.check(before & set(load.by_task) and after & set(load.by_task),
            "traffic did not reach both old and new tasks: %r", dict(load.by_task))
    # The listener's counts become AWS/ApplicationELB datapoints at the next minute of the emulated clock.
    lb = "app/" + s.v["lb"].split(":loadbalancer/app/", 1)[1]
    e2e_alb.recorded_metric(s.server, "AWS/ApplicationELB", "RequestCount", {"LoadBalancer": lb},
                            until=lambda points: sum(p["sum"] for p in points) >= load.sent)
    tg = {"LoadBalancer": lb, "TargetGroup": s.v["backend"].rsplit(":", 1)[1]}
    points = e2e_alb.recorded_metric(s.server, "AWS/ApplicationELB", "HealthyHostCount", tg)
    h.check_eq(points[-1]["maximum"], 2.0, "HealthyHostCount of the backend target group, last minute")


def slow_request_survives_draining(s):
    # Six slow requests (8 s emulated, 0.8 s real) in flight at once spread over both backend tasks; one task is
    # stopped meanwhile, so its target drains with requests in flight. Every one must complete with 200.
    task = s.live_tasks("backend")[0]
    results = []
    lock = threading.Lock()

    def slow():
        try:
            status, _, body = e2e_alb.get(s.address, "/api/slow", {"X-Ecsemu-Stub-Latency-Ms": "8000"}, timeout=30)
            answer = (status, json.loads(body).get("taskArn") if status == 200 else body[:200])
        except (OSError, ValueError) as exc:
            answer = (None, repr(exc))
        with lock:
            results.append(answer)
    threads = [threading.Thread(target=slow) for _ in range(6)]
    for t in threads:
        t.start()
    time.sleep(0.3)
    s.ecs.stop_task(cluster=CLUSTER, task=task["taskArn"], reason="draining test")
    ip = {d["name"]: d["value"] for d in task["attachments"][0]["details"]}["privateIPv4Address"]

    def draining():
        health = s.elbv2.describe_target_health(TargetGroupArn=s.v["backend"])["TargetHealthDescriptions"]
        state = {t["Target"]["Id"]: t["TargetHealth"] for t in health}.get(ip, {})
        return (state.get("State"), state.get("Reason")) == ("draining", "Target.DeregistrationInProgress")
    h.wait_until(draining, 5, 0.02, "the stopped task's target draining (Target.DeregistrationInProgress)")
    for t in threads:
        t.join(60)
    h.check_eq(sorted(str(r[0]) for r in results), ["200"] * 6, "slow requests across draining: %r" % results)
    h.check(any(r[1] == task["taskArn"] for r in results),
            "no slow request was in flight on the stopped task: %r", results)


def failing_target_stops_receiving(s):
    # The frontend's task definition gets a revision whose stub health fails after 3 emulated seconds on one
    # more service: its targets turn unhealthy, and traffic keeps going to the healthy frontend tasks only.
    s.elbv2.modify_target_group(TargetGroupArn=s.v["frontend"], HealthCheckIntervalSeconds=5)
    doc = s.ecs.describe_task_definition(taskDefinition="ielts-frontend")["taskDefinition"]
    container = dict(doc["containerDefinitions"][0])
    container["environment"] = [{"name": "ECSEMU_STUB_HEALTH", "value": "fail-after:20"}]
    flaky_td = s.ecs.register_task_definition(
        family="ielts-frontend-flaky", networkMode="awsvpc", requiresCompatibilities=["FARGATE"], cpu="512",
        memory="1024", containerDefinitions=[container])["taskDefinition"]["taskDefinitionArn"]
    s.ecs.create_service(cluster=CLUSTER, serviceName="frontend-flaky", taskDefinition=flaky_td, desiredCount=1,
                         launchType="FARGATE", healthCheckGracePeriodSeconds=600,
                         networkConfiguration={"awsvpcConfiguration": {"subnets": s.v["subnets"]}},
                         loadBalancers=[{"targetGroupArn": s.v["frontend"], "containerName": "frontend",
                                         "containerPort": 3000}])
    s.ecs.get_waiter("services_stable").wait(cluster=CLUSTER, services=["frontend-flaky"],
                                             WaiterConfig={"Delay": 1, "MaxAttempts": 60})
    flaky = s.ecs.list_tasks(cluster=CLUSTER, serviceName="frontend-flaky")["taskArns"]

    def unhealthy():
        health = s.elbv2.describe_target_health(TargetGroupArn=s.v["frontend"])["TargetHealthDescriptions"]
        bad = [t for t in health if t["TargetHealth"]["State"] == "unhealthy"]
        return bad and bad[0]
    bad = h.wait_until(unhealthy, 30, 0.2, "the flaky target turns unhealthy")
    h.check_eq((bad["TargetHealth"].get("Reason"), bad["TargetHealth"].get("Description")),
               ("Target.ResponseCodeMismatch", "Health checks failed with these codes: [503]"), "unhealthy reason")
    answered = set()
    for _ in range(30):
        status, _, body = e2e_alb.get(s.address, "/")
        h.check_eq(status, 200, "frontend request while one target is unhealthy")
        answered.add(json.loads(body)["taskArn"])
    h.check(not answered & set(flaky), "the unhealthy target still received traffic")


def main():
    suite = h.Suite("alb-e2e")
    with h.TempDir() as tmp, h.Server(extra_args=["--time-scale", str(TIME_SCALE)]) as server:
        s = Stack(server, tmp)
        with suite.case("guide stack built with aws-cli (EC2, ELBv2, ECS)"):
            build_stack(s)
        with suite.case("services stable, targets healthy (target_in_service waiter)"):
            wait_ready(s)
        with suite.case("listener rules route /api/* to the backend, the rest to the frontend"):
            routing(s)
        with suite.case("backend rolling deployment under >= 200 requests/s: zero failures"):
            zero_failure_deploy(s)
        with suite.case("a slow in-flight request survives draining"):
            slow_request_survives_draining(s)
        with suite.case("a target failing health checks stops receiving traffic"):
            failing_target_stops_receiving(s)
        for name, value in s.figures.items():
            print("  %s: %s" % (name, "%.2f s" % value if isinstance(value, float) else value))
    return suite.finish()


if __name__ == "__main__":
    sys.exit(main())
