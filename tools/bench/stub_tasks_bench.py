#!/usr/bin/env python3
"""What a thousand stub tasks cost: start-up time and memory.

Starts `ecsemu serve --time-scale 60`, creates one Fargate service of N stub tasks (default 1000) in the default
VPC's subnets, and prints the real time until all N are RUNNING (and until the deployment is COMPLETED), the
server's RSS before and after, and RSS per task. Then scales to 0 and prints how long the tasks take to reach STOPPED.

usage: tools/bench/stub_tasks_bench.py [--ecsemu build/bin/ecsemu] [--tasks 1000]
"""
import argparse
import os
import subprocess
import sys
import time

import boto3
from botocore.config import Config


def rss_mib(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024.0
    return float("nan")


def wait(predicate, timeout_s, what):
    t0 = time.perf_counter()
    while time.perf_counter() - t0 < timeout_s:
        value = predicate()
        if value:
            return time.perf_counter() - t0, value
        time.sleep(0.05)
    raise SystemExit(f"timed out after {timeout_s} s waiting for {what}")


def main():
    repo = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--ecsemu", default=os.path.join(repo, "build", "bin", "ecsemu"))
    ap.add_argument("--tasks", type=int, default=1000)
    args = ap.parse_args()

    proc = subprocess.Popen([args.ecsemu, "serve", "--port", "0", "--time-scale", "60"], stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL, text=True)
    try:
        endpoint = proc.stdout.readline().strip().rsplit(" ", 1)[-1]
        session = boto3.session.Session(aws_access_key_id="bench", aws_secret_access_key="bench",
                                        region_name="ap-southeast-1")
        cfg = Config(retries={"total_max_attempts": 1})
        ecs = session.client("ecs", endpoint_url=endpoint, config=cfg)
        ec2 = session.client("ec2", endpoint_url=endpoint, config=cfg)
        subnets = [s["SubnetId"] for s in ec2.describe_subnets(
            Filters=[{"Name": "default-for-az", "Values": ["true"]}])["Subnets"]]
        ecs.create_cluster(clusterName="bench")
        ecs.register_task_definition(
            family="stub", networkMode="awsvpc", requiresCompatibilities=["FARGATE"], cpu="256", memory="512",
            containerDefinitions=[{"name": "app", "image": "bench/stub:1", "essential": True,
                                   "portMappings": [{"containerPort": 8080, "name": "app"}]}])
        time.sleep(0.5)
        rss_before = rss_mib(proc.pid)

        t0 = time.perf_counter()
        ecs.create_service(cluster="bench", serviceName="many", taskDefinition="stub", desiredCount=args.tasks,
                           launchType="FARGATE",
                           networkConfiguration={"awsvpcConfiguration": {"subnets": subnets}})

        def service():
            return ecs.describe_services(cluster="bench", services=["many"])["services"][0]

        running_s, _ = wait(lambda: service()["runningCount"] == args.tasks, 300, f"{args.tasks} RUNNING")
        completed_s, _ = wait(lambda: service()["deployments"][0].get("rolloutState") == "COMPLETED", 300,
                              "deployment COMPLETED")
        rss_after = rss_mib(proc.pid)

        ecs.update_service(cluster="bench", service="many", desiredCount=0)
        stopped_s, _ = wait(lambda: service()["runningCount"] == 0, 300, "0 RUNNING")
    finally:
        proc.terminate()
        proc.wait(timeout=10)

    n = args.tasks
    print(f"{n} stub tasks, ecsemu serve --time-scale 60")
    print(f"  CreateService -> {n} RUNNING:            {running_s:8.2f} s real")
    print(f"  CreateService -> deployment COMPLETED:  {running_s + completed_s:8.2f} s real")
    print(f"  desired 0 -> 0 RUNNING:                 {stopped_s:8.2f} s real")
    print(f"  RSS before / after:                     {rss_before:8.1f} / {rss_after:.1f} MiB "
          f"({(rss_after - rss_before) * 1024 / n:.1f} KiB per task)")


if __name__ == "__main__":
    sys.exit(main())
