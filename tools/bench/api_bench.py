#!/usr/bin/env python3
"""ecsemu versus moto's server, measured in one run on the same machine.

Prints, for each server: cold start to first answered request, RSS idle and after 1000 services' worth of
mutations, and DescribeServices throughput with p50/p99 latency over keep-alive connections at 1 and 16
connections (wrk, so the server's own cost shows, not an SDK's). Then the ratios ecsemu/moto.

usage: tools/bench/api_bench.py [--ecsemu build/bin/ecsemu] [--moto moto_server] [--services 1000] [--seconds 5]
Only 127.0.0.1 is used; every server started here is stopped before the script exits.
"""
import argparse
import http.client
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time

TARGET_PREFIX = "AmazonEC2ContainerServiceV20141113."
AUTH = ("AWS4-HMAC-SHA256 Credential=AKIDBENCH/20261126/ap-southeast-1/ecs/aws4_request, "
        "SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature=" + "0" * 64)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def headers_for(operation):
    return {"Content-Type": "application/x-amz-json-1.1", "X-Amz-Target": TARGET_PREFIX + operation,
            "Authorization": AUTH, "X-Amz-Date": "20261126T000000Z"}


class Server:
    def __init__(self, name, argv, port):
        self.name, self.argv, self.port = name, argv, port
        self.proc = None
        self.conn = None

    def start(self):
        """Returns seconds from spawn to the first answered API request."""
        t0 = time.perf_counter()
        self.proc = subprocess.Popen(self.argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = t0 + 30
        while time.perf_counter() < deadline:
            try:
                conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=5)
                conn.request("POST", "/", body="{}", headers=headers_for("ListClusters"))
                resp = conn.getresponse()
                resp.read()
                if resp.status == 200:
                    elapsed = time.perf_counter() - t0
                    self.conn = conn
                    return elapsed
            except OSError:
                time.sleep(0.0005)
        raise RuntimeError(f"{self.name} did not answer within 30 s")

    def call(self, operation, body):
        self.conn.request("POST", "/", body=json.dumps(body), headers=headers_for(operation))
        resp = self.conn.getresponse()
        data = resp.read()
        if resp.status != 200:
            raise RuntimeError(f"{self.name} {operation} -> {resp.status} {data[:300]!r}")
        return json.loads(data)

    def rss_mib(self):
        with open(f"/proc/{self.proc.pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024.0
        return float("nan")

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


def ec2_call(server, form):
    """One EC2 query-protocol call; returns the raw XML text."""
    headers = {"Content-Type": "application/x-www-form-urlencoded; charset=utf-8",
               "Authorization": AUTH.replace("/ecs/", "/ec2/"), "X-Amz-Date": "20261126T000000Z"}
    server.conn.request("POST", "/", body=form + "&Version=2016-11-15", headers=headers)
    resp = server.conn.getresponse()
    data = resp.read().decode()
    if resp.status != 200:
        raise RuntimeError(f"{server.name} {form} -> {resp.status} {data[:300]}")
    return data


def populate(server, services):
    # Real subnets and a security group first: moto, like ECS, checks the ones a service names.
    vpc = re.search(r"<vpcId>([^<]+)", ec2_call(server, "Action=CreateVpc&CidrBlock=10.0.0.0/16")).group(1)
    subnet = re.search(r"<subnetId>([^<]+)", ec2_call(
        server, f"Action=CreateSubnet&VpcId={vpc}&CidrBlock=10.0.1.0/24&AvailabilityZone=ap-southeast-1a")).group(1)
    group = re.search(r"<groupId>([^<]+)", ec2_call(
        server, f"Action=CreateSecurityGroup&GroupName=bench&GroupDescription=bench&VpcId={vpc}")).group(1)
    server.call("CreateCluster", {"clusterName": "bench"})
    server.call("RegisterTaskDefinition", {
        "family": "bench", "networkMode": "awsvpc", "requiresCompatibilities": ["FARGATE"],
        "cpu": "256", "memory": "512",
        "containerDefinitions": [{"name": "app", "image": "bench/app:1", "essential": True,
                                  "portMappings": [{"containerPort": 8080, "name": "app"}]}]})
    for i in range(services):
        server.call("CreateService", {
            "cluster": "bench", "serviceName": f"svc-{i}", "taskDefinition": "bench", "desiredCount": 0,
            "launchType": "FARGATE",
            "networkConfiguration": {"awsvpcConfiguration": {"subnets": [subnet], "securityGroups": [group]}}})


WRK_SCRIPT = """
wrk.method = "POST"
wrk.body = '{"cluster":"bench","services":["svc-7"]}'
wrk.headers["Content-Type"] = "application/x-amz-json-1.1"
wrk.headers["X-Amz-Target"] = "AmazonEC2ContainerServiceV20141113.DescribeServices"
wrk.headers["Authorization"] = "%s"
wrk.headers["X-Amz-Date"] = "20261126T000000Z"
""" % AUTH


def to_ms(text):
    value, unit = re.match(r"([\d.]+)(us|ms|s)", text).groups()
    return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]


def wrk(port, connections, seconds, script_path):
    threads = min(connections, 2)
    out = subprocess.run(["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--latency",
                          "-s", script_path, f"http://127.0.0.1:{port}/"],
                         capture_output=True, text=True, timeout=seconds + 60).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    p50 = to_ms(re.search(r"\s50%\s+(\S+)", out).group(1))
    p99 = to_ms(re.search(r"\s99%\s+(\S+)", out).group(1))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return {"rps": rps, "p50_ms": p50, "p99_ms": p99, "non2xx": int(errors.group(1)) if errors else 0}


def measure(server, services, seconds, script_path):
    result = {"cold_start_ms": server.start() * 1000.0}
    time.sleep(1.0)
    result["rss_idle_mib"] = server.rss_mib()
    t0 = time.perf_counter()
    populate(server, services)
    result["populate_s"] = time.perf_counter() - t0
    result["rss_after_mib"] = server.rss_mib()
    for c in (1, 16):
        result[f"c{c}"] = wrk(server.port, c, seconds, script_path)
    return result


def main():
    repo = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--ecsemu", default=os.path.join(repo, "build", "bin", "ecsemu"))
    ap.add_argument("--moto", default=shutil.which("moto_server"))
    ap.add_argument("--services", type=int, default=1000)
    ap.add_argument("--seconds", type=int, default=5)
    args = ap.parse_args()
    if args.moto and "/shims/" in args.moto:
        # A pyenv shim is a shell script that re-resolves the interpreter on every start; time moto itself.
        real = subprocess.run(["pyenv", "which", "moto_server"], capture_output=True, text=True).stdout.strip()
        args.moto = real or args.moto
    if not shutil.which("wrk"):
        sys.exit("wrk not found: apt-get install wrk")

    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as f:
        f.write(WRK_SCRIPT)
        script_path = f.name

    results = {}
    port = free_port()
    servers = [Server("ecsemu", [args.ecsemu, "serve", "--port", str(port)], port)]
    if args.moto:
        moto_port = free_port()
        servers.append(Server("moto", [args.moto, "-H", "127.0.0.1", "-p", str(moto_port)], moto_port))
    else:
        print("moto_server not found: ecsemu figures only", file=sys.stderr)
    try:
        for server in servers:
            try:
                results[server.name] = measure(server, args.services, args.seconds, script_path)
            finally:
                server.stop()
    finally:
        os.unlink(script_path)

    rows = [("cold start to first answer (ms)", lambda r: r["cold_start_ms"], "lower"),
            ("RSS idle (MiB)", lambda r: r["rss_idle_mib"], "lower"),
            (f"RSS after {args.services} services (MiB)", lambda r: r["rss_after_mib"], "lower"),
            (f"{args.services} CreateService, one connection (s)", lambda r: r["populate_s"], "lower"),
            ("DescribeServices req/s, 1 conn", lambda r: r["c1"]["rps"], "higher"),
            ("  p50 / p99 ms, 1 conn", lambda r: (r["c1"]["p50_ms"], r["c1"]["p99_ms"]), None),
            ("DescribeServices req/s, 16 conns", lambda r: r["c16"]["rps"], "higher"),
            ("  p50 / p99 ms, 16 conns", lambda r: (r["c16"]["p50_ms"], r["c16"]["p99_ms"]), None)]
    names = list(results)
    print(f"\n{'metric':<42}" + "".join(f"{n:>18}" for n in names) + ("   ecsemu vs moto" if len(names) == 2 else ""))
    for label, get, better in rows:
        cells = []
        for n in names:
            v = get(results[n])
            cells.append(f"{v[0]:.3f} / {v[1]:.3f}" if isinstance(v, tuple) else f"{v:.2f}")
        line = f"{label:<42}" + "".join(f"{c:>18}" for c in cells)
        if len(names) == 2 and better:
            a, b = get(results["ecsemu"]), get(results["moto"])
            ratio = (b / a) if better == "lower" else (a / b)
            line += f"   {ratio:,.1f}x {'better' if ratio >= 1 else 'worse'}"
        print(line)
    for n in names:
        for c in (1, 16):
            if results[n][f"c{c}"]["non2xx"]:
                print(f"warning: {n} answered {results[n][f'c{c}']['non2xx']} non-2xx responses at {c} conns")
    print("\n" + json.dumps(results, indent=1))


if __name__ == "__main__":
    main()
