"""Target tracking end to end, on real metrics: `ecsemu serve --time-scale 60` (an emulated minute per real
second), the guide's stack applied from scenarios/ielts.json (backend stubs cost 20 ms of modelled CPU per request,
the backend's policy tracks 70 % CPU with cooldowns 60/120 s), then bounded load through the ALB.

Checks, in order: desiredCount rises above 2 once AlarmHigh has three breaching datapoints and RUNNING follows;
DescribeScalingActivities shows a Successful "Setting desired count to N." activity caused by AlarmHigh;
CPUUtilization datapoints above the target are visible through GetMetricStatistics over JSON 1.0 (boto3) and
Query (Debian's aws v2); no request through the ALB failed while the service grew; after the load stops the
service returns to 2 through an AlarmLow-caused activity; `ecsemu sim`, given the requests the ALB counted in
each emulated minute, makes the same scale-outs and scale-in at the same emulated times (within a minute).
Prints the emulated and real times it took.
"""
import datetime
import json
import os
import subprocess
import sys
import time

import ecsemu_harness as h
import e2e_alb
from ecsemu_harness import check, check_eq

TIME_SCALE = 60
CLUSTER = "ielts-prod-cluster"
BACKEND = "ielts-backend-service"
RESOURCE = "service/%s/%s" % (CLUSTER, BACKEND)
SCENARIO = os.path.join(h.REPO_ROOT, "scenarios", "ielts.json")
LOAD_RPS = 120  # 2.4 vCPU of modelled demand against two 0.5 vCPU tasks
CPU_DIMENSIONS = [{"Name": "ClusterName", "Value": CLUSTER}, {"Name": "ServiceName", "Value": BACKEND}]


class Ctx:
    def __init__(self, server):
        self.server = server
        self.ecs = h.client(server, "ecs")
        self.elbv2 = h.client(server, "elbv2")
        self.aas = h.client(server, "application-autoscaling")
        self.cloudwatch = h.client(server, "cloudwatch", validator=None)
        self.address = None
        self.load = None
        self.scaled_out_to = 0

    def backend(self):
        return self.ecs.describe_services(cluster=CLUSTER, services=[BACKEND])["services"][0]


def apply_scenario(ctx):
    out = subprocess.run([h.binary_path(), "apply", SCENARIO, "--endpoint", ctx.server.endpoint],
                         capture_output=True, text=True, timeout=120, stdin=subprocess.DEVNULL)
    check_eq(out.returncode, 0, "ecsemu apply exit status (stderr: %s)" % out.stderr[-2000:])
    lb = ctx.elbv2.describe_load_balancers(Names=["ielts-prod-alb"])["LoadBalancers"][0]
    listener = ctx.elbv2.describe_listeners(LoadBalancerArn=lb["LoadBalancerArn"])["Listeners"][0]
    # The proxy binds the listener once the load balancer is reconciled, a moment after the API answered.
    def bound():
        try:
            return e2e_alb.listener_address(ctx.server, listener["ListenerArn"])
        except AssertionError:
            return None
    ctx.address = h.wait_until(bound, 20, 0.25, "listener bound")
    tg = ctx.elbv2.describe_target_groups(Names=["ielts-backend-tg"])["TargetGroups"][0]

    def steady():
        service = ctx.backend()
        health = ctx.elbv2.describe_target_health(TargetGroupArn=tg["TargetGroupArn"])["TargetHealthDescriptions"]
        healthy = [t for t in health if t["TargetHealth"]["State"] == "healthy"]
        return service["runningCount"] == 2 and len(healthy) == 2
    h.wait_until(steady, 60, 0.5, "backend 2/2 with two healthy targets")
    status, _, _ = e2e_alb.get(ctx.address, "/api/questions")
    check_eq(status, 200, "GET /api/questions through the ALB")


def scale_out(ctx):
    ctx.load = e2e_alb.LoadGenerator(ctx.address, "/api/questions", rate_per_s=LOAD_RPS, connections=4, max_s=120)
    started = time.monotonic()
    ctx.load.start()
    service = h.wait_until(lambda: (lambda s: s if s["desiredCount"] > 2 else None)(ctx.backend()), 40, 0.25,
                           "desiredCount above 2 under load")
    took = time.monotonic() - started
    print("  scaled out to %d after %.1f s real (~%.0f emulated minutes) of load"
          % (service["desiredCount"], took, took * TIME_SCALE / 60))
    # AlarmHigh needs three one-minute datapoints above 70 %: not before the third emulated minute.
    check(took * TIME_SCALE >= 2 * 60, "scaled out after only %.1f emulated s", took * TIME_SCALE)

    def followed():
        s = ctx.backend()
        return s if s["runningCount"] == s["desiredCount"] and s["desiredCount"] > 2 else None
    service = h.wait_until(followed, 40, 0.25, "runningCount follows desiredCount")
    ctx.scaled_out_to = service["desiredCount"]
    target = ctx.aas.describe_scalable_targets(ServiceNamespace="ecs", ResourceIds=[RESOURCE])["ScalableTargets"][0]
    check(ctx.scaled_out_to <= target["MaxCapacity"], "desired %d above max", ctx.scaled_out_to)

    def successful_out():
        for a in ctx.aas.describe_scaling_activities(ServiceNamespace="ecs", ResourceId=RESOURCE)["ScalingActivities"]:
            if a["StatusCode"] == "Successful" and "-AlarmHigh-" in a["Cause"]:
                return a
        return None
    activity = h.wait_until(successful_out, 20, 0.25, "a Successful scale-out activity")
    check(activity["Description"].startswith("Setting desired count to "), "description %r", activity["Description"])
    check(activity["Cause"].startswith("monitor alarm TargetTracking-%s-AlarmHigh-" % RESOURCE), "cause %r",
          activity["Cause"])
    check(activity["Cause"].endswith("in state ALARM triggered policy backend-cpu-scaling"), "cause %r",
          activity["Cause"])
    check(activity["StatusMessage"].startswith("Successfully set desired count to "), "message %r",
          activity.get("StatusMessage"))


def cpu_metrics(ctx):
    end = datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(hours=2)
    start = end - datetime.timedelta(hours=4)
    stats = ctx.cloudwatch.get_metric_statistics(Namespace="AWS/ECS", MetricName="CPUUtilization",
                                                 Dimensions=CPU_DIMENSIONS, StartTime=start, EndTime=end,
                                                 Period=60, Statistics=["Average", "Maximum"])
    points = stats["Datapoints"]
    check(len(points) >= 3, "only %d CPUUtilization datapoints", len(points))
    check(max(p["Average"] for p in points) > 70, "no average above the 70 %% target: %s", points)
    check(all(p["Maximum"] <= 100.0001 for p in points), "utilization above 100 %%: %s", points)
    check(all(p["Unit"] == "Percent" for p in points), "units %s", {p["Unit"] for p in points})
    if h.ensure_cli_v2():
        cli = h.Cli("v2", ctx.server.endpoint)
        out = cli.run("cloudwatch", "get-metric-statistics", "--namespace", "AWS/ECS", "--metric-name",
                      "CPUUtilization", "--dimensions", "Name=ClusterName,Value=%s" % CLUSTER,
                      "Name=ServiceName,Value=%s" % BACKEND, "--start-time", start.strftime("%Y-%m-%dT%H:%M:%SZ"),
                      "--end-time", end.strftime("%Y-%m-%dT%H:%M:%SZ"), "--period", "60", "--statistics",
                      "Average")
        check_eq(out.rc, 0, "aws v2 get-metric-statistics exit (%s)" % out.describe())
        v2_points = json.loads(out.stdout)["Datapoints"]
        check(len(v2_points) >= len(points), "v2 (Query) saw %d datapoints, boto3 %d", len(v2_points), len(points))


def scale_in(ctx):
    ctx.load.stop()
    print("  load: " + ctx.load.summary())
    failed = {s: n for s, n in ctx.load.statuses.items() if s != 200}
    check(not failed and not ctx.load.errors, "requests failed while scaling out: %s, %d connection errors",
          failed, len(ctx.load.errors))
    stopped = time.monotonic()
    h.wait_until(lambda: ctx.backend()["desiredCount"] == 2, 90, 0.5, "desiredCount back to 2")
    took = time.monotonic() - stopped
    print("  back to 2 after %.1f s real (~%.0f emulated minutes) without load" % (took, took * TIME_SCALE / 60))
    # AlarmLow needs fifteen one-minute datapoints below 63 %.
    check(took * TIME_SCALE >= 14 * 60, "scaled in after only %.1f emulated s", took * TIME_SCALE)
    activities = ctx.aas.describe_scaling_activities(ServiceNamespace="ecs", ResourceId=RESOURCE)["ScalingActivities"]
    check(any("-AlarmLow-" in a["Cause"] for a in activities), "no AlarmLow activity: %s",
          [a["Cause"] for a in activities])
    h.wait_until(lambda: ctx.backend()["runningCount"] == 2, 60, 0.5, "runningCount back to 2")


def activity_to(activity):
    return int(activity["Description"].rsplit(" ", 1)[1].rstrip("."))


def simulator_agrees(ctx):
    """The same stack and the same load, minute by minute, in `ecsemu sim` make the same scaling decisions:
    every scale-out and the scale-in, to the same desired counts, each at the same emulated time within one
    metric period."""
    activities = ctx.aas.describe_scaling_activities(ServiceNamespace="ecs", ResourceId=RESOURCE)["ScalingActivities"]
    decisions = sorted((a for a in activities if "-AlarmHigh-" in a["Cause"] or "-AlarmLow-" in a["Cause"]),
                       key=lambda a: a["StartTime"])
    check(decisions, "no scaling activity")
    # The load minute by minute. The ALB's RequestCount says which minutes were loaded (the emulator's load
    # starts and stops mid-minute). The stubs charge 20 ms of CPU per request over the real length of each
    # minute's window, nominally one second at --time-scale 60 but longer or shorter when a tick comes late, so
    # the CPU each minute really carried is read back from CPUUtilization (average over SampleCount tasks,
    # less the stubs' 1 % idle); the ALB's count and the stubs' CPU windows are not cut at quite the same
    # instant either. A saturated minute (capped at 100 %) hides the demand: it replays at least enough to
    # saturate that many tasks (or the request count at the nominal rate, if more).
    lb = ctx.elbv2.describe_load_balancers(Names=["ielts-prod-alb"])["LoadBalancers"][0]
    end = datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(hours=2)
    window = {"StartTime": end - datetime.timedelta(hours=4), "EndTime": end, "Period": 60}
    counts = ctx.cloudwatch.get_metric_statistics(
        Namespace="AWS/ApplicationELB", MetricName="RequestCount",
        Dimensions=[{"Name": "LoadBalancer", "Value": lb["LoadBalancerArn"].split(":loadbalancer/", 1)[1]}],
        Statistics=["Sum"], **window)["Datapoints"]
    per_minute = {p["Timestamp"]: p["Sum"] for p in counts if p["Sum"] > 0}
    check(per_minute, "no RequestCount datapoint")
    cpu = {p["Timestamp"]: p for p in ctx.cloudwatch.get_metric_statistics(
        Namespace="AWS/ECS", MetricName="CPUUtilization", Dimensions=CPU_DIMENSIONS,
        Statistics=["Average", "SampleCount"], **window)["Datapoints"]}
    task_definition = ctx.ecs.describe_task_definition(taskDefinition=ctx.backend()["taskDefinition"])
    task_vcpu = int(task_definition["taskDefinition"]["cpu"]) / 1024.0
    load_start = min(per_minute)
    load_minutes = int((max(per_minute) - load_start).total_seconds() // 60) + 1
    emulator = [("out" if "-AlarmHigh-" in a["Cause"] else "in", (a["StartTime"] - load_start).total_seconds(),
                 activity_to(a)) for a in decisions]

    cpu_s_per_request = 0.020 * TIME_SCALE  # emulated CPU seconds a request costs at the nominal tick
    lead_s = 300
    steps = []
    replayed = []
    for minute in range(load_minutes + 1):
        at = load_start + datetime.timedelta(minutes=minute)
        point = cpu.get(at)
        if point is not None and point["Average"] < 99:
            demand_vcpu = max(0.0, point["Average"] - 1.0) / 100.0 * point["SampleCount"] * task_vcpu
            rps = demand_vcpu / cpu_s_per_request
        elif point is not None:
            saturating = 1.2 * point["SampleCount"] * task_vcpu / cpu_s_per_request
            rps = max(per_minute.get(at, 0) / 60.0, saturating)
        else:
            rps = per_minute.get(at, 0) / 60.0
        steps.append({"at": "%ds" % (lead_s + 60 * minute), "rps": rps})
        replayed.append("%d req, %s %% -> %.2f rps" % (per_minute.get(at, 0),
                                                       "-" if point is None else "%.0f" % point["Average"], rps))
    work = h.TempDir("ecsemu-agree-")
    scenario = os.path.join(work.path, "agree.json")
    with open(scenario, "w") as f:
        json.dump({"extends": SCENARIO, "ecsemu": {"simulation": {
            "duration": "%dm" % (lead_s // 60 + load_minutes + 30), "seed": 1,
            "startup": {"provisioning": "2s", "startMedianSeconds": 0.5, "startP95Seconds": 1, "activating": "1s",
                        "stopMaxSeconds": 2, "deprovisioning": "1s"},
            "services": {BACKEND: {"traffic": {"shape": "step", "rps": 0, "steps": steps},
                                   "cpuMsPerRequest": 20 * TIME_SCALE, "latencyMs": 1}}}}}, f)
    out_dir = os.path.join(work.path, "out")
    out = subprocess.run([h.binary_path(), "sim", scenario, "--out", out_dir, "--quiet"], capture_output=True,
                         text=True, timeout=120, stdin=subprocess.DEVNULL)
    check_eq(out.returncode, 0, "ecsemu sim exit status (stderr: %s)" % out.stderr[-2000:])
    with open(os.path.join(out_dir, "events.jsonl")) as f:
        simulated = [("out" if e["kind"] == "scale-out" else "in", e["offsetSeconds"] - lead_s, e["to"])
                     for e in map(json.loads, f)
                     if e["kind"] in ("scale-out", "scale-in") and e["service"] == BACKEND]
    print("  per emulated minute: %s" % "; ".join(replayed))
    print("  decisions (kind, s after the first loaded minute began, to):")
    print("    emulator:  %s" % ", ".join("%s %.0f s -> %d" % d for d in emulator))
    print("    simulator: %s" % ", ".join("%s %.0f s -> %d" % d for d in simulated))
    check_eq([(k, to) for k, _, to in simulated], [(k, to) for k, _, to in emulator], "decisions (kind, to)")
    for (kind, at_emulator, to), (_, at_sim, _) in zip(emulator, simulated):
        check(abs(at_emulator - at_sim) <= 60, "%s to %d: emulator %.0f s vs simulator %.0f s", kind, to,
              at_emulator, at_sim)


CASES = [
    ("apply the ielts scenario; backend steady behind the ALB", apply_scenario),
    ("load through the ALB scales the backend out; RUNNING follows", scale_out),
    ("CPUUtilization through GetMetricStatistics (JSON 1.0 and Query)", cpu_metrics),
    ("without load the backend returns to 2", scale_in),
    ("the simulator makes the same scale-outs and scale-in within one metric period", simulator_agrees),
]


def main():
    suite = h.Suite("test_autoscaling_e2e")
    server = h.Server(extra_args=["--time-scale", str(TIME_SCALE)])
    ctx = None
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
    finally:
        if ctx and ctx.load:
            ctx.load.stop()
        server.stop()
    return suite.finish()


if __name__ == "__main__":
    sys.exit(main())
