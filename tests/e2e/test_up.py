"""`ecsemu up scenarios/ielts.json`: the guide's whole stack from one file, end to end.

Starts `ecsemu up` (its own session, so its process group can be checked afterwards), waits for the steady state
it reports (and prints the time it took), then checks what the guide promises: `/api/...` through the load
balancer reaches a backend stub and `/` a frontend stub, which calls the backend through Service Connect
(backend.ielts.local:8080); `ecsemu status` shows both services 2/2 (and `--json` parses); `ecsemu apply` of the
same file reports every resource unchanged and makes no mutating call; a scenario with a wrong type is refused
with its file, resource and field, by `up` before anything starts and by `apply` without changing the server;
SIGINT stops `up` with exit status 0 and nothing of its process group left; `ecsemu down` stops a server.
"""
import json
import os
import queue
import re
import signal
import subprocess
import threading
import time
import urllib.request

import ecsemu_harness as h
from ecsemu_harness import check, check_eq

SCENARIO = os.path.join(h.REPO_ROOT, "scenarios", "ielts.json")
STEADY_BOUND_S = 90.0  # generous: the figure printed is the real one
SERVICES = ("ielts-backend-service", "ielts-frontend-service")


class UpProcess:
    """`ecsemu up FILE --port 0`, its stdout read line by line on a thread."""

    def __init__(self, scenario, *extra):
        self.lines = queue.Queue()
        self.seen = []
        self.cursor = 0  # seen[:cursor] were looked at by wait_for
        self.proc = subprocess.Popen([h.binary_path(), "up", scenario, "--port", "0"] + list(extra),
                                     stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                     start_new_session=True, preexec_fn=h.die_with_parent, env=h.scratch_env())
        self.stderr = []
        threading.Thread(target=self._read, args=(self.proc.stdout, self.lines), daemon=True).start()
        threading.Thread(target=self._read, args=(self.proc.stderr, None), daemon=True).start()

    def _read(self, stream, sink):
        for raw in iter(stream.readline, b""):
            line = raw.decode("utf-8", "replace").rstrip("\n")
            if sink is None:
                self.stderr.append(line)
            else:
                sink.put(line)

    def wait_for(self, pattern, timeout_s):
        """The first line after the previous match that matches pattern (lines already read count)."""
        deadline = time.monotonic() + timeout_s
        regex = re.compile(pattern)
        while self.cursor < len(self.seen):
            self.cursor += 1
            match = regex.search(self.seen[self.cursor - 1])
            if match:
                return match
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                raise AssertionError("no line matching %r within %.0f s; stdout so far:\n  %s\nstderr:\n  %s"
                                     % (pattern, timeout_s, "\n  ".join(self.seen[-40:]), "\n  ".join(self.stderr[-20:])))
            try:
                line = self.lines.get(timeout=min(left, 0.5))
            except queue.Empty:
                if self.proc.poll() is not None:
                    raise AssertionError("ecsemu up exited with %s; stdout:\n  %s\nstderr:\n  %s"
                                         % (self.proc.returncode, "\n  ".join(self.seen[-40:]), "\n  ".join(self.stderr[-20:])))
                continue
            self.seen.append(line)
            self.cursor = len(self.seen)
            match = regex.search(line)
            if match:
                return match

    def kill(self):
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait(timeout=10)


def run_cli(*args, timeout_s=60):
    return subprocess.run([h.binary_path()] + list(args), capture_output=True, text=True, timeout=timeout_s,
                          stdin=subprocess.DEVNULL, preexec_fn=h.die_with_parent)


def http_get(url, timeout=10):
    with urllib.request.urlopen(url, timeout=timeout) as response:
        return response.status, json.loads(response.read().decode("utf-8"))


def broken_scenario(directory):
    """ielts.json with the backend target group's Port as a string: the VPC before it must not be created."""
    with open(SCENARIO) as f:
        doc = json.load(f)
    index = next(i for i, r in enumerate(doc["resources"]) if r["name"] == "ielts-backend-tg")
    doc["resources"][index]["request"]["Port"] = "8080"
    doc["resources"][0]["request"]["CidrBlock"] = "10.99.0.0/16"
    doc["resources"][0]["request"]["TagSpecifications"][0]["Tags"][0]["Value"] = "broken-vpc"
    path = os.path.join(directory, "broken.json")
    with open(path, "w") as f:
        json.dump(doc, f)
    expected = ('%s: resources[%d] "ielts-backend-tg" (elbv2:CreateTargetGroup): request.Port: expected an integer'
                % (path, index))
    return path, expected


PROCESS_FRONTEND = r"""
import http.server, json, os
class Answer(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        body = json.dumps({"container": "frontend-process", "path": self.path}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
    def log_message(self, *args):
        pass
http.server.ThreadingHTTPServer((os.environ["ECSEMU_TASK_IP"], 3000), Answer).serve_forever()
"""


def process_scenario(directory):
    """ielts.json with the frontend run as a local process (a scenario process runtime) instead of a stub."""
    with open(SCENARIO) as f:
        doc = json.load(f)
    frontend = next(r for r in doc["resources"] if r["name"] == "ielts-frontend")
    # The script listens on the task's address only, where a localhost healthCheck cannot reach it.
    del frontend["request"]["containerDefinitions"][0]["healthCheck"]
    doc["ecsemu"]["runtimes"] = [r for r in doc["ecsemu"]["runtimes"] if "frontend" not in r["image"]]
    doc["ecsemu"]["runtimes"].append({"image": "*/ielts-frontend:*",
                                      "process": {"command": ["python3", "-c", PROCESS_FRONTEND]}})
    path = os.path.join(directory, "ielts-process.json")
    with open(path, "w") as f:
        json.dump(doc, f)
    return path


def children_of(pid):
    out = subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True).stdout
    return [int(p) for p in out.split()]


def alive(pid):
    try:
        os.kill(pid, 0)
        return True
    except ProcessLookupError:
        return False


def process_group_alive(pgid):
    return subprocess.run(["pgrep", "-g", str(pgid)], capture_output=True).returncode == 0


def main():
    suite = h.Suite("test_up")
    workdir = h.TempDir(prefix="ecsemu-up-").path
    broken, broken_message = broken_scenario(workdir)

    with suite.case("usage errors exit 2; no server to ask exits 1"):
        for args in (["up"], ["apply"], ["apply", "a.json", "b.json"], ["status", "--bogus", "1"],
                     ["down", "--endpoint", "ftp://x"], ["up", SCENARIO, "--time-scale", "0"]):
            out = run_cli(*args)
            check_eq(out.returncode, 2, "exit code of ecsemu %s" % " ".join(args))
            check("usage:" in out.stderr, "no usage for ecsemu %s: %r" % (" ".join(args), out.stderr[:200]))
        out = run_cli("status", "--endpoint", "http://127.0.0.1:9")
        check_eq(out.returncode, 1, "status without a server")
        check("cannot reach http://127.0.0.1:9" in out.stderr, "status stderr: %r" % out.stderr)

    with suite.case("up with a broken scenario: file/resource/field, exit 1, nothing served"):
        out = run_cli("up", broken, "--port", "0", timeout_s=20)
        check_eq(out.returncode, 1, "exit code")
        check(broken_message in out.stderr, "stderr lacks %r: %r", broken_message, out.stderr)
        check("listening on" not in out.stdout, "a server was started: %r", out.stdout)

    up = UpProcess(SCENARIO, "--time-scale", "10")
    endpoint = None
    alb = None
    try:
        with suite.case("up: listening, every resource applied"):
            match = up.wait_for(r"^ecsemu listening on (http://\S+)$", 20)
            endpoint = match.group(1)
            up.wait_for(r"^\d+ resources: \d+ created, \d+ updated, 0 unchanged", 30)
        with suite.case("up: steady state within %.0f s (services 2/2, deployments COMPLETED, targets healthy)"
                        % STEADY_BOUND_S):
            seconds = float(up.wait_for(r"^steady state after ([0-9.]+) s$", STEADY_BOUND_S).group(1))
            print("    steady state after %.1f s (time scale 10)" % seconds)
            alb = up.wait_for(r"load balancer ielts-prod-alb port 80: (http://\S+)", 5).group(1)
            up.wait_for(r"try: aws --endpoint-url %s .*ecs describe-services --cluster ielts-prod-cluster "
                        r"--services ielts-backend-service ielts-frontend-service" % re.escape(endpoint), 5)
            up.wait_for(r"^Ctrl-C stops everything", 5)
        with suite.case("ALB: /api/... reaches the backend, / the frontend, which calls the backend"):
            check(alb, "no load balancer URL printed")
            status, body = http_get(alb + "/api/questions")
            check_eq(status, 200, "GET /api/questions")
            check_eq(body.get("container"), "backend", "container answering /api/questions")
            status, body = http_get(alb + "/")
            check_eq(status, 200, "GET /")
            check_eq(body.get("container"), "frontend", "container answering /")
            upstream = body.get("upstream") or {}
            check_eq(upstream.get("status"), 200, "frontend's call to backend.ielts.local:8080")
            check_eq((upstream.get("body") or {}).get("container"), "backend", "who answered the frontend's call")
        with suite.case("status: both services 2/2; --json parses and is steady"):
            out = run_cli("status", "--endpoint", endpoint)
            check_eq(out.returncode, 0, "exit code (stderr %r)" % out.stderr)
            for name in SERVICES:
                check(re.search(r"service %s\s+ACTIVE\s+running 2/2" % name, out.stdout),
                      "status lacks %s running 2/2:\n%s", name, out.stdout)
            check("healthy" in out.stdout and "COMPLETED" in out.stdout, "status:\n%s", out.stdout)
            out = run_cli("status", "--endpoint", endpoint, "--json")
            doc = json.loads(out.stdout)
            services = {s["serviceName"]: s for c in doc["clusters"] for s in c["services"]}
            for name in SERVICES:
                check_eq((services[name]["runningCount"], services[name]["desiredCount"]), (2, 2), name)
                check_eq(len(services[name]["tasks"]), 2, name + " tasks")
                check(all(t["privateIp"].startswith("10.0.1") for t in services[name]["tasks"]),
                      "private IPs %r", [t["privateIp"] for t in services[name]["tasks"]])
            check_eq(doc.get("steady"), True, "steady")
        with suite.case("boto3: describe-services as printed shows 2/2 and one PRIMARY deployment"):
            ecs = h.client(endpoint, "ecs")
            described = ecs.describe_services(cluster="ielts-prod-cluster", services=list(SERVICES))["services"]
            for svc in described:
                check_eq((svc["runningCount"], svc["desiredCount"], len(svc["deployments"])), (2, 2, 1),
                         svc["serviceName"])
        with suite.case("apply again: every resource unchanged, no mutating call"):
            out = run_cli("apply", SCENARIO, "--endpoint", endpoint)
            check_eq(out.returncode, 0, "exit code (stderr %r)" % out.stderr)
            lines = [l for l in out.stdout.splitlines() if l.strip()]
            resources = lines[:-1]
            check(resources and all(l.startswith("unchanged ") for l in resources),
                  "not all unchanged:\n%s", out.stdout)
            check(re.search(r"0 created, 0 updated, \d+ unchanged \(0 mutating calls\)$", lines[-1]),
                  "summary: %r", lines[-1])
        with suite.case("apply of a broken scenario: file/resource/field, exit 1, server unchanged"):
            ec2 = h.client(endpoint, "ec2")
            before = sorted(v["VpcId"] for v in ec2.describe_vpcs()["Vpcs"])
            out = run_cli("apply", broken, "--endpoint", endpoint)
            check_eq(out.returncode, 1, "exit code")
            check(broken_message in out.stderr, "stderr lacks %r: %r", broken_message, out.stderr)
            after = sorted(v["VpcId"] for v in ec2.describe_vpcs()["Vpcs"])
            check_eq(after, before, "VPCs after the refused apply")
        with suite.case("SIGINT: exit 0, nothing of its process group left"):
            pgid = os.getpgid(up.proc.pid)
            up.proc.send_signal(signal.SIGINT)
            code = up.proc.wait(timeout=15)
            check_eq(code, 0, "exit code after SIGINT")
            deadline = time.monotonic() + 5
            while process_group_alive(pgid) and time.monotonic() < deadline:
                time.sleep(0.1)
            check(not process_group_alive(pgid), "processes of group %d still alive", pgid)
    finally:
        up.kill()

    data_dir = os.path.join(workdir, "data")
    with_process = process_scenario(workdir)
    for attempt in ("first", "resumed"):
        up = UpProcess(with_process, "--time-scale", "10", "--data-dir", data_dir)
        try:
            with suite.case("up --data-dir (%s) with a process frontend: steady, then SIGINT leaves no child"
                            % attempt):
                summary = up.wait_for(r"^\d+ resources: (\d+) created, (\d+) updated, (\d+) unchanged "
                                      r"\((\d+) mutating calls\)", 30)
                if attempt == "resumed":
                    check_eq((summary.group(1), summary.group(2), summary.group(4)), ("0", "0", "0"),
                             "resumed apply: created, updated, mutating calls")
                seconds = float(up.wait_for(r"^steady state after ([0-9.]+) s$", STEADY_BOUND_S).group(1))
                print("    steady state after %.1f s" % seconds)
                alb = up.wait_for(r"load balancer ielts-prod-alb port 80: (http://\S+)", 5).group(1)
                status, body = http_get(alb + "/")
                check_eq(body.get("container"), "frontend-process", "container answering /")
                children = children_of(up.proc.pid)
                check(len(children) >= 2, "expected the frontend processes as children, got %r", children)
                up.proc.send_signal(signal.SIGINT)
                check_eq(up.proc.wait(timeout=15), 0, "exit code after SIGINT")
                deadline = time.monotonic() + 5
                while any(alive(c) for c in children) and time.monotonic() < deadline:
                    time.sleep(0.1)
                check(not any(alive(c) for c in children), "children left: %r",
                      [c for c in children if alive(c)])
        finally:
            up.kill()

    with suite.case("down: a running server stops with exit 0"):
        server = h.Server().start()
        try:
            out = run_cli("down", "--endpoint", server.endpoint)
            check_eq(out.returncode, 0, "exit code (stderr %r)" % out.stderr)
            check_eq(server.proc.wait(timeout=10), 0, "server exit code")
        finally:
            server.kill()
    return suite.finish()


if __name__ == "__main__":
    raise SystemExit(main())
