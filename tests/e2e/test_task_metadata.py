"""The task metadata endpoint v4 end to end: `ecsemu serve --time-scale 10`, RunTask, and the metadata URLs.

Cases:
  - a stub task (RunTask, FARGATE, awsvpc, a healthCheck) reaches RUNNING; its metadata URLs, computed as
    <endpoint>/_ecsemu/metadata/v4/<task id>-0 (stubs do not echo their environment), answer the container JSON,
    /task, /stats and /task/stats in the shapes of reference §8 and agree with DescribeTasks;
  - an unknown id is a 404 with a JSON error, a POST a 405;
  - a process task (--process-image) reads ECS_CONTAINER_METADATA_URI_V4 and the other injected variables from
    its own environment and fetches ${URI}/task from inside the container: the URL works as given.
"""
import json
import os
import sys
import time

import ecsemu_harness as h

TIME_SCALE = 10
CLUSTER = "metadata-cluster"
PROBE_IMAGE = "ecsemu-e2e/metadata-probe:1"
RFC3339 = r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$"

# Writes its environment and what ${ECS_CONTAINER_METADATA_URI_V4}/task answered to argv[1], then stays up.
PROBE_SCRIPT = """
import json, os, sys, time, urllib.request
env = {k: v for k, v in os.environ.items() if k.startswith(("AWS_", "ECS_", "ECSEMU_TASK_IP"))}
with urllib.request.urlopen(os.environ["ECS_CONTAINER_METADATA_URI_V4"] + "/task", timeout=5) as r:
    task = json.loads(r.read())
tmp = sys.argv[1] + ".tmp"
with open(tmp, "w") as f:
    json.dump({"env": env, "task": task}, f)
os.rename(tmp, sys.argv[1])
time.sleep(600)
"""


class World:
    def __init__(self, server, tmp):
        self.server = server
        self.tmp = tmp
        self.ecs = h.client(server, "ecs")
        self.ec2 = h.client(server, "ec2")
        self.subnet = None
        self.cidr = "10.0.21.0/24"
        self.sg = None

    def awsvpc(self):
        return {"awsvpcConfiguration": {"subnets": [self.subnet], "securityGroups": [self.sg],
                                        "assignPublicIp": "DISABLED"}}

    def get(self, path, method="GET"):
        status, headers, body = h.http_request(self.server.host, self.server.port, method, path)
        h.check(headers.get("content-type", "").startswith("application/json"), "%s content type %r", path,
                headers.get("content-type"))
        return status, json.loads(body)


def run_task(w, family):
    arn = w.ecs.run_task(cluster=CLUSTER, taskDefinition=family, count=1, launchType="FARGATE",
                         networkConfiguration=w.awsvpc())["tasks"][0]["taskArn"]
    w.ecs.get_waiter("tasks_running").wait(cluster=CLUSTER, tasks=[arn], WaiterConfig={"Delay": 1, "MaxAttempts": 30})
    return w.ecs.describe_tasks(cluster=CLUSTER, tasks=[arn])["tasks"][0]


def setup(w):
    vpc = w.ec2.create_vpc(CidrBlock="10.0.0.0/16")["Vpc"]["VpcId"]
    w.subnet = w.ec2.create_subnet(VpcId=vpc, CidrBlock=w.cidr, AvailabilityZone=h.REGION + "a")["Subnet"]["SubnetId"]
    w.sg = w.ec2.create_security_group(GroupName="metadata-sg", Description="metadata", VpcId=vpc)["GroupId"]
    cluster_arn = w.ecs.create_cluster(clusterName=CLUSTER)["cluster"]["clusterArn"]
    w.ecs.register_task_definition(
        family="meta-stub", networkMode="awsvpc", requiresCompatibilities=["FARGATE"], cpu="512", memory="1024",
        containerDefinitions=[{
            "name": "web", "image": "ecsemu-e2e/stub:1", "essential": True, "cpu": 256, "memory": 512,
            "portMappings": [{"containerPort": 8080, "protocol": "tcp"}],
            "healthCheck": {"command": ["CMD-SHELL", "curl -f http://localhost:8080/ || exit 1"],
                            "interval": 5, "timeout": 2, "retries": 3},
        }])
    return cluster_arn


def check_container(w, c, task, cluster_arn, what):
    for key in ("DockerId", "Name", "DockerName", "Image", "ImageID", "Labels", "DesiredStatus", "KnownStatus",
                "Limits", "CreatedAt", "StartedAt", "Type", "ContainerARN", "Networks"):
        h.check(key in c, "%s: %s missing", what, key)
    h.check_eq((c["Name"], c["Image"], c["Type"]), ("web", "ecsemu-e2e/stub:1", "NORMAL"), what + " name/image/type")
    h.check_eq(c["ContainerARN"], task["containers"][0]["containerArn"], what + " ContainerARN")
    h.check_eq(c["DockerId"], task["containers"][0]["runtimeId"], what + " DockerId (runtimeId)")
    h.check_match(r"^sha256:[0-9a-f]{64}$", c["ImageID"], what + " ImageID")
    h.check_eq(c["Labels"], {
        "com.amazonaws.ecs.cluster": cluster_arn,
        "com.amazonaws.ecs.container-name": "web",
        "com.amazonaws.ecs.task-arn": task["taskArn"],
        "com.amazonaws.ecs.task-definition-family": "meta-stub",
        "com.amazonaws.ecs.task-definition-version": "1",
    }, what + " Labels")
    h.check_eq((c["DesiredStatus"], c["KnownStatus"]), ("RUNNING", "RUNNING"), what + " statuses")
    h.check_eq(c["Limits"], {"CPU": 256, "Memory": 512}, what + " Limits")
    h.check_match(RFC3339, c["CreatedAt"], what + " CreatedAt")
    h.check_match(RFC3339, c["StartedAt"], what + " StartedAt")
    h.check("Health" in c and c["Health"]["status"] in ("HEALTHY", "UNKNOWN"), "%s Health %r", what, c.get("Health"))
    net = c["Networks"]
    h.check_eq(len(net), 1, what + " one network")
    eni_ip = [d["value"] for d in task["attachments"][0]["details"] if d["name"] == "privateIPv4Address"][0]
    h.check_eq(net[0]["NetworkMode"], "awsvpc", what + " NetworkMode")
    h.check_eq(net[0]["IPv4Addresses"], [eni_ip], what + " IPv4Addresses")
    h.check_eq(net[0]["IPv4SubnetCIDRBlock"], w.cidr, what + " IPv4SubnetCIDRBlock")
    h.check_eq(net[0]["SubnetGatewayIpv4Address"], "10.0.21.1/24", what + " SubnetGatewayIpv4Address")
    h.check_match(r"^ip-10-0-21-\d+\..+$", net[0]["PrivateDNSName"], what + " PrivateDNSName")


def stub_task_metadata(w, cluster_arn):
    task = run_task(w, "meta-stub")
    task_id = task["taskArn"].rsplit("/", 1)[1]
    base = "/_ecsemu/metadata/v4/%s-0" % task_id

    status, own = w.get(base)
    h.check_eq(status, 200, "GET ${URI}")
    check_container(w, own, task, cluster_arn, "${URI}")

    status, body = w.get(base + "/task")
    h.check_eq(status, 200, "GET ${URI}/task")
    for key in ("Cluster", "TaskARN", "Family", "Revision", "DesiredStatus", "KnownStatus", "Limits", "PullStartedAt",
                "PullStoppedAt", "AvailabilityZone", "LaunchType", "Containers"):
        h.check(key in body, "/task: %s missing", key)
    h.check_eq((body["Cluster"], body["TaskARN"], body["Family"], body["Revision"]),
               (cluster_arn, task["taskArn"], "meta-stub", "1"), "/task identity")
    h.check_eq((body["DesiredStatus"], body["KnownStatus"], body["LaunchType"]), ("RUNNING", "RUNNING", "FARGATE"),
               "/task statuses")
    h.check_eq(body["Limits"], {"CPU": 0.5, "Memory": 1024}, "/task Limits")
    h.check_eq(body["AvailabilityZone"], task["availabilityZone"], "/task AvailabilityZone")
    h.check_match(RFC3339, body["PullStartedAt"], "/task PullStartedAt")
    h.check_match(RFC3339, body["PullStoppedAt"], "/task PullStoppedAt")
    h.check("ExecutionStoppedAt" not in body, "ExecutionStoppedAt on a RUNNING task")
    h.check("ServiceName" not in body, "ServiceName on a RunTask task")
    h.check_eq(len(body["Containers"]), 1, "/task Containers")
    check_container(w, body["Containers"][0], task, cluster_arn, "/task Containers[0]")

    status, stats = w.get(base + "/stats")
    h.check_eq(status, 200, "GET ${URI}/stats")
    for key in ("read", "name", "id", "cpu_stats", "precpu_stats", "memory_stats", "networks", "network_rate_stats"):
        h.check(key in stats, "/stats: %s missing", key)
    h.check_eq(stats["id"], own["DockerId"], "/stats id")
    h.check_eq(stats["memory_stats"]["limit"], 512 * 1024 * 1024, "/stats memory limit")

    status, all_stats = w.get(base + "/task/stats")
    h.check_eq(status, 200, "GET ${URI}/task/stats")
    h.check_eq(list(all_stats), [own["DockerId"]], "/task/stats keys")

    status, v3 = w.get("/_ecsemu/metadata/v3/%s-0/task" % task_id)
    h.check_eq((status, v3.get("TaskARN")), (200, task["taskArn"]), "v3 /task")


def errors(w):
    for path in ("/_ecsemu/metadata/v4/0123456789abcdef0123456789abcdef-0",
                 "/_ecsemu/metadata/v4/not-a-task/task", "/_ecsemu/metadata/v4/", "/_ecsemu/metadata/v9/x-0"):
        status, body = w.get(path)
        h.check_eq(status, 404, "GET " + path)
        h.check(isinstance(body.get("message"), str) and body["message"], "%s: no JSON error message %r", path, body)
    status, body = w.get("/_ecsemu/metadata/v4/x-0/task", method="POST")
    h.check_eq(status, 405, "POST to the metadata endpoint")


def process_task_reads_its_environment(w, cluster_arn):
    out = os.path.join(w.tmp.path, "probe.json")
    w.ecs.register_task_definition(
        family="meta-probe", networkMode="awsvpc", requiresCompatibilities=["FARGATE"], cpu="256", memory="512",
        containerDefinitions=[{"name": "probe", "image": PROBE_IMAGE, "essential": True,
                               "entryPoint": [sys.executable, "-c", PROBE_SCRIPT], "command": [out]}])
    task = run_task(w, "meta-probe")
    task_id = task["taskArn"].rsplit("/", 1)[1]
    h.wait_until(lambda: os.path.exists(out), 20, 0.2, "the probe's output")
    with open(out) as f:
        probe = json.load(f)
    env = probe["env"]
    expected = w.server.endpoint + "/_ecsemu/metadata/%s/" + task_id + "-0"
    h.check_eq(env.get("ECS_CONTAINER_METADATA_URI_V4"), expected % "v4", "ECS_CONTAINER_METADATA_URI_V4")
    h.check_eq(env.get("ECS_CONTAINER_METADATA_URI"), expected % "v3", "ECS_CONTAINER_METADATA_URI")
    h.check_eq((env.get("AWS_EXECUTION_ENV"), env.get("AWS_REGION"), env.get("AWS_DEFAULT_REGION")),
               ("AWS_ECS_FARGATE", h.REGION, h.REGION), "AWS_* variables")
    h.check_match(r"^127\.\d+\.\d+\.\d+$", env.get("ECSEMU_TASK_IP", ""), "ECSEMU_TASK_IP")
    h.check_eq((probe["task"]["TaskARN"], probe["task"]["Cluster"]), (task["taskArn"], cluster_arn),
               "${URI}/task fetched from inside the container")
    w.ecs.stop_task(cluster=CLUSTER, task=task["taskArn"], reason="e2e: probe done")


def main():
    suite = h.Suite("test_task_metadata")
    suite.deadline_s = min(suite.deadline_s, 90.0)
    tmp = h.TempDir()
    server = h.Server(extra_args=["--time-scale", str(TIME_SCALE), "--process-image", "ecsemu-e2e/metadata-probe*",
                                  "--task-log-dir", os.path.join(tmp.path, "logs")])
    try:
        with suite.case("server starts with --time-scale %d" % TIME_SCALE):
            server.start()
        if not server.alive():
            return suite.finish()
        w = World(server, tmp)
        cluster_arn = None
        with suite.case("setup: VPC, subnet, cluster, stub task definition"):
            cluster_arn = setup(w)
        cases = [
            ("stub task: ${URI}, /task, /stats, /task/stats shapes", lambda: stub_task_metadata(w, cluster_arn)),
            ("unknown id -> 404 JSON error, POST -> 405", lambda: errors(w)),
            ("process task: injected env and ${URI}/task from inside", lambda: process_task_reads_its_environment(
                w, cluster_arn)),
        ]
        for name, fn in cases:
            with suite.case(name):
                if suite.over_budget():
                    raise AssertionError("not run: time budget exhausted")
                fn()
        with suite.case("server still healthy"):
            h.check_eq(server.health(), 200, "health")
    finally:
        code = server.stop()
        if code not in (0, None):
            print("server exited with %s; log tail:\n%s" % (code, server.log_tail()))
        tmp.cleanup()
    return suite.finish()


if __name__ == "__main__":
    sys.exit(main())
