"""The engine end to end: `ecsemu serve --time-scale 10` runs the guide's services, RunTask tasks and a rollout,
driven by boto3 and aws-cli v1 waiters exactly as a user would.

Cases:
  - the guide's two services (desired 2, minimumHealthyPercent 100, maximumPercent 200, a load balancer, Service
    Connect) reach 2/2: boto3's `services_stable` waiter and `aws ecs wait services-stable` (CLI v1) both succeed,
    each deployment ends PRIMARY/COMPLETED with the "has reached a steady state." event;
  - RunTask + `tasks_running`, StopTask + `tasks_stopped` (stopCode UserInitiated, the given reason);
  - `update-service --force-new-deployment`, sampled with DescribeTasks throughout: every task replaced, and the
    live tasks (desiredStatus RUNNING, not STOPPED) always between 2 and 4, never fewer than 2 of them RUNNING;
  - a process task (image mapped with --process-image to a shell that exits 3 after a second) is stopped with
    EssentialContainerExited, its exit code shown, and replaced.
  - kill -9 of a --data-dir server and a restart: the RunTask task shows STOPPED "Task stopped because ecsemu
    restarted", the service is back to 2/2, and emulated time continues after the journal's last instant.
Emulated time runs 10x: ECS's 40 s / 30 s waits take seconds. The whole script stays well under 2 minutes.
"""
import json
import os
import subprocess
import sys
import time
import urllib.request

import ecsemu_harness as h
import e2e_alb

TIME_SCALE = 10
CLUSTER = "ielts-prod-cluster"
CRASHER_IMAGE = "ecsemu-e2e/crasher:1"

GUIDE_SERVICES = {
    "ielts-backend-service": {"family": "ielts-backend", "container": "backend", "port": 8080,
                              "health": "/actuator/health"},
    "ielts-frontend-service": {"family": "ielts-frontend", "container": "frontend", "port": 3000,
                               "health": "/api/health"},
}


class World:
    def __init__(self, server):
        self.server = server
        self.ecs = h.client(server, "ecs")
        self.ec2 = h.client(server, "ec2")
        self.cli = h.Cli("v1", server.endpoint)
        self.subnets = []
        self.sg = None
        self.figures = {}

    def awsvpc(self):
        return {"awsvpcConfiguration": {"subnets": self.subnets, "securityGroups": [self.sg],
                                        "assignPublicIp": "DISABLED"}}

    def live_tasks(self, service):
        arns = self.ecs.list_tasks(cluster=CLUSTER, serviceName=service)["taskArns"]
        if not arns:
            return []
        return self.ecs.describe_tasks(cluster=CLUSTER, tasks=arns)["tasks"]


def network(w):
    vpc = w.ec2.create_vpc(CidrBlock="10.0.0.0/16")["Vpc"]["VpcId"]
    for az, cidr in (("ap-southeast-1a", "10.0.11.0/24"), ("ap-southeast-1b", "10.0.12.0/24")):
        w.subnets.append(w.ec2.create_subnet(VpcId=vpc, CidrBlock=cidr, AvailabilityZone=az)["Subnet"]["SubnetId"])
    w.sg = w.ec2.create_security_group(GroupName="ielts-backend-sg", Description="backend", VpcId=vpc)["GroupId"]
    w.target_groups = e2e_alb.create_guide_alb(h.client(w.server, "elbv2"), vpc, w.subnets, w.sg)
    w.ecs.create_cluster(clusterName=CLUSTER, serviceConnectDefaults={"namespace": "ielts.local"})
    for spec in GUIDE_SERVICES.values():
        w.ecs.register_task_definition(
            family=spec["family"], networkMode="awsvpc", requiresCompatibilities=["FARGATE"], cpu="512",
            memory="1024",
            containerDefinitions=[{
                "name": spec["container"], "image": "ielts/%s:latest" % spec["container"], "essential": True,
                "portMappings": [{"containerPort": spec["port"], "protocol": "tcp", "name": spec["container"],
                                  "appProtocol": "http"}],
                "healthCheck": {"command": ["CMD-SHELL", "curl -f http://localhost:%d%s || exit 1"
                                            % (spec["port"], spec["health"])],
                                "interval": 30, "timeout": 5, "retries": 3, "startPeriod": 60},
            }])


def create_guide_services(w):
    started = time.monotonic()
    for name, spec in GUIDE_SERVICES.items():
        w.ecs.create_service(
            cluster=CLUSTER, serviceName=name, taskDefinition=spec["family"], desiredCount=2, launchType="FARGATE",
            networkConfiguration=w.awsvpc(),
            serviceConnectConfiguration={"enabled": True, "namespace": "ielts.local", "services": [{
                "portName": spec["container"], "discoveryName": spec["container"],
                "clientAliases": [{"port": spec["port"], "dnsName": "%s.ielts.local" % spec["container"]}]}]},
            loadBalancers=[{"targetGroupArn": w.target_groups[spec["container"]],
                            "containerName": spec["container"], "containerPort": spec["port"]}])
    # The CLI waiter polls every 15 s; it runs alongside boto3's, on the other service.
    cli_wait = subprocess.Popen(
        w.cli.prefix + ["--endpoint-url", w.server.endpoint, "ecs", "wait", "services-stable", "--cluster", CLUSTER,
                        "--services", "ielts-frontend-service"],
        env=w.cli.env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, stdin=subprocess.DEVNULL)
    w.ecs.get_waiter("services_stable").wait(cluster=CLUSTER, services=["ielts-backend-service"],
                                             WaiterConfig={"Delay": 1, "MaxAttempts": 60})
    w.figures["services_stable (boto3, Delay 1) after create"] = time.monotonic() - started

    def completed():
        services = w.ecs.describe_services(cluster=CLUSTER, services=list(GUIDE_SERVICES))["services"]
        return all(s["deployments"][0]["rolloutState"] == "COMPLETED" for s in services) and services
    services = h.wait_until(completed, 30, 0.1, "both deployments COMPLETED")
    w.figures["both deployments COMPLETED after create"] = time.monotonic() - started
    try:
        out, err = cli_wait.communicate(timeout=45)
    except subprocess.TimeoutExpired:
        cli_wait.kill()
        raise AssertionError("aws ecs wait services-stable did not return within 45 s")
    h.check_eq(cli_wait.returncode, 0, "aws ecs wait services-stable exit code (stderr %r)" % err[-500:])
    w.figures["aws ecs wait services-stable (CLI v1) after create"] = time.monotonic() - started
    for s in services:
        h.check_eq((s["status"], s["desiredCount"], s["runningCount"], s["pendingCount"]), ("ACTIVE", 2, 2, 0),
                   "%s status/desired/running/pending" % s["serviceName"])
        h.check_eq([(d["status"], d["rolloutState"], d["runningCount"]) for d in s["deployments"]],
                   [("PRIMARY", "COMPLETED", 2)], "%s deployments" % s["serviceName"])
        messages = [e["message"] for e in s["events"]]
        h.check_eq(messages[0], "(service %s) has reached a steady state." % s["serviceName"], "latest event")
        h.check(any(m.startswith("(service %s) has started 2 tasks: (task " % s["serviceName"]) for m in messages),
                "no 'has started 2 tasks' event in %r", messages)
        tasks = w.live_tasks(s["serviceName"])
        h.check_eq(sorted(t["lastStatus"] for t in tasks), ["RUNNING", "RUNNING"], "task lastStatus")
        h.check_eq(sorted(t["availabilityZone"] for t in tasks), ["ap-southeast-1a", "ap-southeast-1b"],
                   "tasks spread over the subnets' zones")
        for t in tasks:
            h.check_eq((t["healthStatus"], t["connectivity"], t["startedBy"]),
                       ("HEALTHY", "CONNECTED", s["deployments"][0]["id"]), "task health/connectivity/startedBy")
            h.check_eq(t["attachments"][0]["status"], "ATTACHED", "ENI attachment status")
            h.check_match(r"[0-9a-f]{32}-\d+", t["containers"][0].get("runtimeId"), "container runtimeId")
            # The task serves on the loopback address carved from its subnet: 127.<subnet block>.<low 16 bits>.
            details = {d["name"]: d["value"] for d in t["attachments"][0]["details"]}
            eni_ip, local = details["privateIPv4Address"], details.get("ecsemuLocalAddress", "")
            h.check_eq(local.split(".")[2:], eni_ip.split(".")[2:], "local address carved from the ENI address")
            port = t["containers"][0]["name"] == "backend" and 8080 or 3000
            with urllib.request.urlopen("http://%s:%d/" % (local, port), timeout=5) as answer:
                body = json.loads(answer.read())
            h.check_eq(body.get("taskArn"), t["taskArn"], "the stub at the task's address names the task")


def run_and_stop_task(w):
    run = w.ecs.run_task(cluster=CLUSTER, taskDefinition="ielts-backend", count=1, launchType="FARGATE",
                         networkConfiguration=w.awsvpc())
    arn = run["tasks"][0]["taskArn"]
    h.check_eq(run["tasks"][0]["lastStatus"], "PROVISIONING", "RunTask lastStatus")
    started = time.monotonic()
    w.ecs.get_waiter("tasks_running").wait(cluster=CLUSTER, tasks=[arn], WaiterConfig={"Delay": 1, "MaxAttempts": 30})
    w.figures["RunTask -> tasks_running (Delay 1)"] = time.monotonic() - started
    task = w.ecs.describe_tasks(cluster=CLUSTER, tasks=[arn])["tasks"][0]
    h.check_eq(task["lastStatus"], "RUNNING", "lastStatus after tasks_running")
    for key in ("pullStartedAt", "pullStoppedAt", "startedAt", "connectivityAt"):
        h.check(key in task, "%s missing on a RUNNING task", key)

    stopped = w.ecs.stop_task(cluster=CLUSTER, task=arn, reason="e2e: done with it")["task"]
    h.check_eq(stopped["desiredStatus"], "STOPPED", "StopTask desiredStatus")
    started = time.monotonic()
    w.ecs.get_waiter("tasks_stopped").wait(cluster=CLUSTER, tasks=[arn], WaiterConfig={"Delay": 1, "MaxAttempts": 30})
    w.figures["StopTask -> tasks_stopped (Delay 1)"] = time.monotonic() - started
    task = w.ecs.describe_tasks(cluster=CLUSTER, tasks=[arn])["tasks"][0]
    h.check_eq((task["lastStatus"], task["stopCode"], task["stoppedReason"]),
               ("STOPPED", "UserInitiated", "e2e: done with it"), "stopped task")
    h.check_eq(task["attachments"][0]["status"], "DELETED", "ENI attachment after STOPPED")
    for key in ("stoppingAt", "executionStoppedAt", "stoppedAt"):
        h.check(key in task, "%s missing on a STOPPED task", key)


def force_new_deployment(w):
    service = "ielts-backend-service"
    old = {t["taskArn"] for t in w.live_tasks(service)}
    h.check_eq(len(old), 2, "tasks before the rollout")
    old_deployment = w.ecs.describe_services(cluster=CLUSTER, services=[service])["services"][0]["deployments"][0]["id"]
    out = w.cli.ok("ecs", "update-service", "--cluster", CLUSTER, "--service", service, "--force-new-deployment")
    new_deployment = out["service"]["deployments"][0]["id"]
    h.check(new_deployment != old_deployment, "update-service --force-new-deployment created no deployment")
    started = time.monotonic()
    samples, live_seen, running_seen = 0, set(), set()
    while True:
        tasks = w.live_tasks(service)
        live = [t for t in tasks if t["desiredStatus"] == "RUNNING" and t["lastStatus"] != "STOPPED"]
        running = [t for t in live if t["lastStatus"] == "RUNNING"]
        samples += 1
        live_seen.add(len(live))
        running_seen.add(len(running))
        h.check(2 <= len(live) <= 4, "live tasks %d outside [2, 4] at sample %d: %r", len(live), samples,
                [(t["taskArn"][-6:], t["lastStatus"], t["desiredStatus"]) for t in tasks])
        h.check(len(running) >= 2, "only %d RUNNING tasks at sample %d", len(running), samples)
        s = w.ecs.describe_services(cluster=CLUSTER, services=[service])["services"][0]
        current = {t["taskArn"] for t in live}
        if (len(s["deployments"]) == 1 and s["deployments"][0]["rolloutState"] == "COMPLETED"
                and not (current & old) and len(current) == 2):
            break
        if time.monotonic() - started > 40:
            raise AssertionError("rollout not finished in 40 s: %r" % [(d["status"], d["rolloutState"])
                                                                      for d in s["deployments"]])
        time.sleep(0.05)
    w.figures["force-new-deployment -> COMPLETED, old tasks gone"] = time.monotonic() - started
    w.figures["rollout samples (live task counts seen)"] = "%d %s" % (samples, sorted(live_seen))
    h.check(4 in live_seen, "the rollout never had 4 live tasks (samples saw %r)" % sorted(live_seen))
    h.check_eq(s["deployments"][0]["id"], new_deployment, "PRIMARY after the rollout")
    for t in w.live_tasks(service):
        h.check_eq(t["startedBy"], new_deployment, "replacement startedBy")

    def old_stopped():
        described = w.ecs.describe_tasks(cluster=CLUSTER, tasks=sorted(old))["tasks"]
        return all(t["lastStatus"] == "STOPPED" for t in described) and described
    for t in h.wait_until(old_stopped, 20, 0.1, "old tasks STOPPED"):
        h.check_eq((t["stopCode"], t["stoppedReason"]),
                   ("ServiceSchedulerInitiated", "Scaling activity initiated by (deployment %s)" % old_deployment),
                   "old task stop code/reason")
    w.figures["force-new-deployment -> old tasks STOPPED"] = time.monotonic() - started
    w.ecs.get_waiter("services_stable").wait(cluster=CLUSTER, services=[service],
                                             WaiterConfig={"Delay": 1, "MaxAttempts": 10})


def crashing_process_task(w):
    w.ecs.register_task_definition(
        family="crasher", networkMode="awsvpc", requiresCompatibilities=["FARGATE"], cpu="256", memory="512",
        containerDefinitions=[{"name": "crasher", "image": CRASHER_IMAGE, "essential": True,
                               "entryPoint": ["/bin/sh", "-c"], "command": ["sleep 1; exit 3"]}])
    w.ecs.create_service(cluster=CLUSTER, serviceName="crasher", taskDefinition="crasher", desiredCount=1,
                         launchType="FARGATE", networkConfiguration=w.awsvpc())
    started = time.monotonic()

    def crashed():
        arns = w.ecs.list_tasks(cluster=CLUSTER, serviceName="crasher", desiredStatus="STOPPED")["taskArns"]
        if not arns:
            return None
        stopped = [t for t in w.ecs.describe_tasks(cluster=CLUSTER, tasks=arns)["tasks"] if t["lastStatus"] == "STOPPED"]
        return stopped or None
    stopped = h.wait_until(crashed, 30, 0.2, "a crasher task STOPPED")
    w.figures["process task crash -> STOPPED"] = time.monotonic() - started
    t = stopped[0]
    h.check_eq((t["stopCode"], t["stoppedReason"]), ("EssentialContainerExited", "Essential container in task exited"),
               "crashed task stop code/reason")
    h.check_eq(t["containers"][0].get("exitCode"), 3, "crashed container exitCode")
    h.check("startedAt" in t, "the crasher never reached RUNNING")

    def replaced():
        s = w.ecs.describe_services(cluster=CLUSTER, services=["crasher"])["services"][0]
        starts = [e["message"] for e in s["events"] if "has started 1 tasks" in e["message"]]
        return len(starts) >= 2 and starts
    h.wait_until(replaced, 30, 0.2, "a replacement for the crashed task")
    w.ecs.update_service(cluster=CLUSTER, service="crasher", desiredCount=0)


def restart(w):
    """kill -9 a --data-dir server at --time-scale 10 and start it again: what ran is gone, services come back."""
    data_dir = h.TempDir(prefix="ecsemu-e2e-engine-restart-").path
    args = ["--time-scale", str(TIME_SCALE)]
    first = h.Server(data_dir=data_dir, extra_args=args).start()
    r = World(first)
    network(r)
    r.ecs.register_task_definition(
        family="quick", networkMode="awsvpc", requiresCompatibilities=["FARGATE"], cpu="256", memory="512",
        containerDefinitions=[{"name": "app", "image": "quick:1", "portMappings": [{"containerPort": 8080}],
                               "healthCheck": {"command": ["CMD-SHELL", "curl -f http://localhost:8080/health"],
                                               "interval": 5, "timeout": 2, "retries": 2}}])
    r.ecs.create_service(cluster=CLUSTER, serviceName="quick", taskDefinition="quick", desiredCount=2,
                         launchType="FARGATE", networkConfiguration=r.awsvpc())
    standalone = r.ecs.run_task(cluster=CLUSTER, taskDefinition="quick", launchType="FARGATE",
                                networkConfiguration=r.awsvpc())["tasks"][0]["taskArn"]
    r.ecs.get_waiter("tasks_running").wait(cluster=CLUSTER, tasks=[standalone],
                                           WaiterConfig={"Delay": 1, "MaxAttempts": 30})
    r.ecs.get_waiter("services_stable").wait(cluster=CLUSTER, services=["quick"],
                                             WaiterConfig={"Delay": 1, "MaxAttempts": 30})
    before = r.ecs.describe_tasks(cluster=CLUSTER, tasks=[standalone])["tasks"][0]["startedAt"]
    time.sleep(2)  # 20 emulated seconds: emulated time is now well ahead of the wall clock
    first.kill()

    second = h.Server(data_dir=data_dir, extra_args=args).start()
    try:
        r2 = World(second)
        task = r2.ecs.describe_tasks(cluster=CLUSTER, tasks=[standalone])["tasks"][0]
        h.check_eq((task["lastStatus"], task["desiredStatus"], task["stopCode"], task["stoppedReason"]),
                   ("STOPPED", "STOPPED", "EssentialContainerExited", "Task stopped because ecsemu restarted"),
                   "RunTask task after the restart")
        h.check(task["stoppedAt"] > before, "stoppedAt %s is not after the pre-crash startedAt %s",
                task["stoppedAt"], before)
        started = time.monotonic()
        r2.ecs.get_waiter("services_stable").wait(cluster=CLUSTER, services=["quick"],
                                                  WaiterConfig={"Delay": 1, "MaxAttempts": 30})
        w.figures["restart -> services_stable again"] = time.monotonic() - started
        for t in r2.live_tasks("quick"):
            h.check(t["createdAt"] > before, "task created at %s, before the pre-crash %s", t["createdAt"], before)
    finally:
        second.stop()


CASES = [
    ("network, cluster, guide task definitions", network),
    ("guide services reach 2/2: services_stable (boto3) and aws ecs wait services-stable (CLI v1)",
     create_guide_services),
    ("RunTask -> tasks_running, StopTask -> tasks_stopped", run_and_stop_task),
    ("update-service --force-new-deployment: every task replaced, 2..4 live throughout", force_new_deployment),
    ("process task exits 3: EssentialContainerExited, exit code shown, replaced", crashing_process_task),
    ("kill -9 and restart with --data-dir: RunTask task STOPPED by the restart, service back to 2/2", restart),
]


def main():
    suite = h.Suite("test_scheduler_e2e")
    suite.deadline_s = min(suite.deadline_s, 110.0)
    server = h.Server(extra_args=["--time-scale", str(TIME_SCALE), "--process-image", "ecsemu-e2e/crasher*"])
    try:
        with suite.case("server starts with --time-scale %d" % TIME_SCALE):
            server.start()
        if not server.alive():
            return suite.finish()
        w = World(server)
        for name, fn in CASES:
            if suite.over_budget():
                with suite.case(name):
                    raise AssertionError("not run: time budget exhausted")
                continue
            with suite.case(name):
                fn(w)
        with suite.case("server still healthy"):
            h.check_eq(server.health(), 200, "health")
        print("\nmeasured at --time-scale %d (real seconds):" % TIME_SCALE)
        for what, value in w.figures.items():
            print("  %-55s %s" % (what, "%.2f s" % value if isinstance(value, float) else value))
    finally:
        code = server.stop()
        if code not in (0, None):
            print("server exited with %s; log tail:\n%s" % (code, server.log_tail()))
    return suite.finish()


if __name__ == "__main__":
    sys.exit(main())
