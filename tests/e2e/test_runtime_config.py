"""`serve --runtime-config FILE`: images mapped to local processes from a JSON file.

- a task whose image matches an entry runs that entry's command in its workingDirectory, with the container's
  `command` appended; its exit code lands in DescribeTasks;
- malformed files stop `serve` at once with exit status 2 and a message naming the file and the field.
"""
import json
import os
import subprocess
import sys

import ecsemu_harness as h

CLUSTER = "runtime-config"


def write(path, value):
    with open(path, "w") as f:
        f.write(value if isinstance(value, str) else json.dumps(value))
    return path


def process_task_runs_in_its_directory(server, workdir):
    ecs = h.client(server, "ecs")
    ec2 = h.client(server, "ec2")
    subnets = [s["SubnetId"] for s in ec2.describe_subnets(
        Filters=[{"Name": "default-for-az", "Values": ["true"]}])["Subnets"]]
    ecs.create_cluster(clusterName=CLUSTER)
    ecs.register_task_definition(
        family="worker", networkMode="awsvpc", requiresCompatibilities=["FARGATE"], cpu="256", memory="512",
        containerDefinitions=[{"name": "worker", "image": "e2e/worker:1", "essential": True,
                               "command": ["pwd > where.txt; exit 5"]}])
    arn = ecs.run_task(cluster=CLUSTER, taskDefinition="worker", launchType="FARGATE",
                       networkConfiguration={"awsvpcConfiguration": {"subnets": subnets}})["tasks"][0]["taskArn"]
    ecs.get_waiter("tasks_stopped").wait(cluster=CLUSTER, tasks=[arn], WaiterConfig={"Delay": 1, "MaxAttempts": 30})
    task = ecs.describe_tasks(cluster=CLUSTER, tasks=[arn])["tasks"][0]
    h.check_eq(task["containers"][0].get("exitCode"), 5, "exit code of the mapped process")
    with open(os.path.join(workdir, "where.txt")) as f:
        h.check_eq(f.read().strip(), os.path.realpath(workdir), "the process ran in workingDirectory")


def malformed_files_are_refused(tmp):
    cases = {
        "not JSON": ("{", "not a JSON object"),
        "unknown top-level field": ({"processes": []}, "processes: unknown field"),
        "entry without image": ({"process": [{"command": ["x"]}]}, "process[0].image: missing"),
        "command not a list": ({"process": [{"image": "a", "command": "x"}]}, "process[0].command"),
        "misspelt field": ({"process": [{"image": "a", "workdir": "/"}]}, "process[0].workdir: unknown field"),
    }
    for label, (content, expected) in cases.items():
        path = write(os.path.join(tmp, label.replace(" ", "-") + ".json"), content)
        run = subprocess.run([os.environ["ECSEMU_BIN"], "serve", "--port", "0", "--runtime-config", path],
                             capture_output=True, text=True, timeout=10)
        h.check_eq(run.returncode, 2, label + ": exit status")
        h.check(path in run.stderr and expected in run.stderr, "%s: stderr %r does not name %r and %r",
                label, run.stderr, path, expected)
    missing = os.path.join(tmp, "absent.json")
    run = subprocess.run([os.environ["ECSEMU_BIN"], "serve", "--port", "0", "--runtime-config", missing],
                         capture_output=True, text=True, timeout=10)
    h.check(run.returncode == 2 and "cannot be read" in run.stderr, "missing file: %r", run.stderr)


def main():
    suite = h.Suite("test_runtime_config")
    tmp = h.TempDir().path
    workdir = os.path.join(tmp, "work")
    os.makedirs(workdir)
    config = write(os.path.join(tmp, "runtime.json"), {
        "process": [{"image": "e2e/worker:*", "command": ["/bin/sh", "-c"], "workingDirectory": workdir}]})
    server = h.Server(extra_args=["--time-scale", "10", "--runtime-config", config])
    try:
        with suite.case("server starts with --runtime-config"):
            server.start()
        if server.alive():
            with suite.case("a mapped image runs as a process in its workingDirectory; exit code shown"):
                process_task_runs_in_its_directory(server, workdir)
        with suite.case("malformed runtime configs stop serve with exit 2, naming file and field"):
            malformed_files_are_refused(tmp)
    finally:
        server.stop()
    return suite.finish()


if __name__ == "__main__":
    sys.exit(main())
