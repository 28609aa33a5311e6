#!/usr/bin/env python3
"""Simulator speed: how simulated time per wall second and clock events per second change with fleet size and
duration. Runs `ecsemu sim` on scenarios/ielts.json (24 h, the peer every figure is compared with) and on
generated fleets of N services (diurnal load peaking at 12:00 UTC, target tracking on CPU at 50 %, each service
peaking near 100 tasks, so 100 services reach about 10,000), the same fleets behind one ALB for a day (every
task is a target health-checked every 30 s), and prints the stderr statistics line of each run with its wall
time and peak resident memory, each also as a multiple of the ielts day's (the peer measured in the same run).

    python3 tools/bench/sim_bench.py [--bin build/bin/ecsemu] [--services 10,100] [--days 1,7]
                                     [--alb-services 10]
"""
import argparse
import json
import os
import re
import subprocess
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
RUN_TIMEOUT_S = 3600  # each run stops by itself well within this; a hung one is killed
STATS = re.compile(r"in ([0-9.]+) s wall: ([0-9]+) simulated s per wall s, ([0-9]+) clock events \(([0-9]+)/s\), "
                   r"([0-9]+) engine passes(?:, ([0-9]+) service reconciles)?, peak ([0-9]+) tasks")


def fleet_scenario(services, days, alb=False):
    resources = [
        {"name": "vpc", "type": "ec2:CreateVpc", "request": {"CidrBlock": "10.0.0.0/16"}},
        {"name": "subnet-a", "type": "ec2:CreateSubnet",
         "request": {"VpcId": "${vpc}", "CidrBlock": "10.0.0.0/17", "AvailabilityZone": "ap-southeast-1a"}},
        {"name": "subnet-b", "type": "ec2:CreateSubnet",
         "request": {"VpcId": "${vpc}", "CidrBlock": "10.0.128.0/17", "AvailabilityZone": "ap-southeast-1b"}},
        {"name": "cluster", "type": "ecs:CreateCluster", "request": {"clusterName": "fleet"}},
        {"name": "td", "type": "ecs:RegisterTaskDefinition", "request": {
            "family": "worker", "networkMode": "awsvpc", "requiresCompatibilities": ["FARGATE"], "cpu": "512",
            "memory": "1024", "containerDefinitions": [{"name": "app", "image": "worker:1", "essential": True}]}},
    ]
    if alb:
        # One load balancer, a target group per service behind a path rule, health checks every 30 s: the
        # ALB's health checking and routing run for every task too.
        resources[-1]["request"]["containerDefinitions"][0]["portMappings"] = [{"containerPort": 8080}]
        resources += [
            {"name": "alb", "type": "elbv2:CreateLoadBalancer", "request": {
                "Name": "fleet-alb", "Type": "application", "Subnets": ["${subnet-a}", "${subnet-b}"]}},
        ]
    models = {}
    for i in range(services):
        name = "svc-%03d" % i
        service = {"cluster": "fleet", "serviceName": name, "taskDefinition": "${td}", "desiredCount": 2,
                   "launchType": "FARGATE", "networkConfiguration": {"awsvpcConfiguration": {
                       "subnets": ["${subnet-a}", "${subnet-b}"], "assignPublicIp": "DISABLED"}}}
        if alb:
            resources.append({"name": name + "-tg", "type": "elbv2:CreateTargetGroup", "request": {
                "Name": name + "-tg", "Protocol": "HTTP", "Port": 8080, "VpcId": "${vpc}", "TargetType": "ip"}})
            if i == 0:
                resources.append({"name": "listener", "type": "elbv2:CreateListener", "request": {
                    "LoadBalancerArn": "${alb}", "Protocol": "HTTP", "Port": 80,
                    "DefaultActions": [{"Type": "forward", "TargetGroupArn": "${%s-tg}" % name}]}})
            else:
                resources.append({"name": name + "-rule", "type": "elbv2:CreateRule", "request": {
                    "ListenerArn": "${listener}", "Priority": i,
                    "Conditions": [{"Field": "path-pattern", "Values": ["/%s/*" % name]}],
                    "Actions": [{"Type": "forward", "TargetGroupArn": "${%s-tg}" % name}]}})
            service["loadBalancers"] = [{"targetGroupArn": "${%s-tg}" % name, "containerName": "app",
                                         "containerPort": 8080}]
        resources.append({"name": name, "type": "ecs:CreateService", "request": service})
        resource_id = "service/fleet/" + name
        resources.append({"name": name + "-target", "type": "application-autoscaling:RegisterScalableTarget",
                          "request": {"ServiceNamespace": "ecs", "ScalableDimension": "ecs:service:DesiredCount",
                                      "ResourceId": resource_id, "MinCapacity": 2, "MaxCapacity": 120}})
        resources.append({"name": name + "-policy", "type": "application-autoscaling:PutScalingPolicy",
                          "request": {"ServiceNamespace": "ecs", "ScalableDimension": "ecs:service:DesiredCount",
                                      "ResourceId": resource_id, "PolicyName": name + "-cpu",
                                      "PolicyType": "TargetTrackingScaling",
                                      "TargetTrackingScalingPolicyConfiguration": {
                                          "TargetValue": 50.0, "PredefinedMetricSpecification": {
                                              "PredefinedMetricType": "ECSServiceAverageCPUUtilization"}}}})
        # 512 CPU units at 10 ms a request serve 51 requests/s; 2,600 at 50 % need about 100 tasks, and the
        # services peak together (12:00 UTC), so the fleet reaches about 100 x services tasks once a day.
        models[name] = {"traffic": {"shape": "diurnal", "rps": 40, "peakRps": 2600, "peakHourUtc": 12,
                                    "noise": 0.05}, "cpuMsPerRequest": 10, "latencyMs": 20}
    return {"region": "ap-southeast-1", "resources": resources,
            "ecsemu": {"simulation": {"duration": "%dd" % days, "step": "60s", "services": models}}}


def run_with_stats(binary, scenario_path):
    """The run's statistics line, and its peak resident memory in MiB (from the kernel's rusage of the child)."""
    with tempfile.TemporaryFile(mode="w+") as err:
        child = subprocess.Popen([binary, "sim", scenario_path], stdout=subprocess.DEVNULL, stderr=err, text=True)
        # Polled rather than waited for, so a run that hangs is stopped (the rusage comes only from wait4).
        deadline = time.monotonic() + RUN_TIMEOUT_S
        while True:
            pid, status, usage = os.wait4(child.pid, os.WNOHANG)
            if pid != 0:
                break
            if time.monotonic() > deadline:
                child.kill()
                os.wait4(child.pid, 0)
                raise SystemExit("ecsemu sim %s ran longer than %d s" % (scenario_path, RUN_TIMEOUT_S))
            time.sleep(0.05)
        child.returncode = os.waitstatus_to_exitcode(status)
        err.seek(0)
        stderr = err.read()
    if child.returncode != 0:
        raise SystemExit("ecsemu sim %s failed: %s" % (scenario_path, stderr[-500:]))
    match = STATS.search(stderr)
    if not match:
        raise SystemExit("no statistics line in: " + stderr[-500:])
    wall, per_s, events, events_s, passes, reconciles, peak = match.groups()
    # Binaries before the reconcile count print none (-1): the bench also compares against older builds.
    return (float(wall), int(per_s), int(events), int(events_s), int(passes), int(reconciles or -1), int(peak),
            usage.ru_maxrss / 1024.0)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--bin", default=os.path.join(ROOT, "build", "bin", "ecsemu"))
    parser.add_argument("--services", default="10,100")
    parser.add_argument("--days", default="1,7")
    parser.add_argument("--alb-services", default="10",
                        help="fleet sizes also run behind an ALB, for one day (empty: none)")
    args = parser.parse_args()
    rows = []
    peer = run_with_stats(args.bin, os.path.join(ROOT, "scenarios", "ielts.json"))
    rows.append(("ielts (2 services), 24 h", peer))
    work = tempfile.mkdtemp(prefix="ecsemu-sim-bench-")
    for services in (int(s) for s in args.services.split(",")):
        for days in (int(d) for d in args.days.split(",")):
            path = os.path.join(work, "fleet-%d-%dd.json" % (services, days))
            with open(path, "w") as f:
                json.dump(fleet_scenario(services, days), f)
            rows.append(("fleet %d services, %d d" % (services, days), run_with_stats(args.bin, path)))
    for services in (int(s) for s in args.alb_services.split(",") if s):
        path = os.path.join(work, "alb-fleet-%d-1d.json" % services)
        with open(path, "w") as f:
            json.dump(fleet_scenario(services, 1, alb=True), f)
        rows.append(("ALB fleet %d services, 1 d" % services, run_with_stats(args.bin, path)))
    print("%-30s %10s %14s %12s %12s %10s %10s %8s %9s %8s %12s" % (
        "run", "wall s", "sim s/wall s", "clock events", "events/s", "passes", "reconciles", "peak", "x ielts",
        "MiB", "MiB x ielts"))
    for name, (wall, per_s, events, events_s, passes, reconciles, peak, mib) in rows:
        print("%-30s %10.3f %14d %12d %12d %10d %10d %8d %9.1f %8.0f %12.1f" % (
            name, wall, per_s, events, events_s, passes, reconciles, peak, wall / peer[0], mib, mib / peer[7]))


if __name__ == "__main__":
    main()
