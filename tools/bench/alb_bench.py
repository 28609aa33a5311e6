#!/usr/bin/env python3
"""ALB data plane throughput and latency next to nginx and haproxy.

Starts four fast loopback targets (one nginx serving a static 200 on four ports), then measures with wrk at
1, 16 and 64 connections: direct to one target, ecsemu's ALB proxy, and nginx and haproxy configured as the
same round-robin proxy over the same four targets with keep-alive upstream connections. The ALB runs through
tools/bench/alb_bench_driver (the proxy with a hand-built routing snapshot: one listener, default rule
forwarding to one target group), so the figures are the data plane's, not the API's.
Prints a markdown table: requests/s, p50 and p99 per setup and connection count, and ratios vs nginx and
haproxy. Needs the Debian packages nginx (or nginx-light), haproxy and wrk.

usage: tools/bench/alb_bench.py [--driver build/bin/alb_bench_driver] [--duration 10] [--threads 2]
"""
import argparse
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time

CONNECTIONS = (1, 16, 64)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_listening(port, timeout_s=10):
    deadline = time.time() + timeout_s
    while time.time() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.05)
    raise SystemExit(f"nothing listens on 127.0.0.1:{port} after {timeout_s} s")


def find_tool(name, package):
    for candidate in (shutil.which(name), f"/usr/sbin/{name}"):
        if candidate and os.access(candidate, os.X_OK):
            return candidate
    raise SystemExit(f"{name} not found: install the Debian package '{package}' (apt-get install {package})")


def nginx_targets_conf(tmp, ports):
    servers = "\n".join(
        f"    server {{ listen 127.0.0.1:{p}; location / {{ return 200 'ok\\n'; }} }}" for p in ports)
    return f"""worker_processes 1;
pid {tmp}/targets.pid;
error_log {tmp}/targets.err;
events {{ worker_connections 4096; }}
http {{
    access_log off;
    keepalive_requests 1000000;
    keepalive_timeout 75s;
    client_body_temp_path {tmp}/body; proxy_temp_path {tmp}/proxy; fastcgi_temp_path {tmp}/fastcgi;
    uwsgi_temp_path {tmp}/uwsgi; scgi_temp_path {tmp}/scgi;
{servers}
}}
"""


def nginx_proxy_conf(tmp, port, targets, threads):
    upstreams = "\n".join(f"        server 127.0.0.1:{p};" for p in targets)
    return f"""worker_processes {threads};
pid {tmp}/proxy.pid;
error_log {tmp}/proxy.err;
events {{ worker_connections 4096; }}
http {{
    access_log off;
    keepalive_requests 1000000;
    client_body_temp_path {tmp}/pbody; proxy_temp_path {tmp}/pproxy; fastcgi_temp_path {tmp}/pfastcgi;
    uwsgi_temp_path {tmp}/puwsgi; scgi_temp_path {tmp}/pscgi;
    upstream targets {{
{upstreams}
        keepalive 256;
        keepalive_requests 1000000;
    }}
    server {{
        listen 127.0.0.1:{port};
        location / {{
            proxy_pass http://targets;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
            proxy_buffering on;
        }}
    }}
}}
"""


def haproxy_conf(port, targets, threads):
    servers = "\n".join(f"    server t{i} 127.0.0.1:{p}" for i, p in enumerate(targets))
    return f"""global
    nbthread {threads}
    maxconn 4096
defaults
    mode http
    timeout connect 10s
    timeout client 60s
    timeout server 60s
    option http-keep-alive
    option forwardfor
    http-reuse always
frontend bench
    bind 127.0.0.1:{port}
    default_backend targets
backend targets
    balance roundrobin
{servers}
"""


def to_us(value, unit):
    scale = {"us": 1.0, "ms": 1000.0, "s": 1_000_000.0}[unit]
    return float(value) * scale


def run_wrk(wrk, url, connections, duration):
    threads = 1 if connections == 1 else 2
    out = subprocess.run([wrk, f"-t{threads}", f"-c{connections}", f"-d{duration}s", "--latency", url],
                         capture_output=True, text=True, check=True).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    p50 = re.search(r"50%\s+([\d.]+)(us|ms|s)\b", out)
    p99 = re.search(r"99%\s+([\d.]+)(us|ms|s)\b", out)
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return {"rps": rps, "p50": to_us(*p50.groups()), "p99": to_us(*p99.groups()),
            "non2xx": int(errors.group(1)) if errors else 0}


def main():
    repo = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--driver", default=os.path.join(repo, "build", "bin", "alb_bench_driver"))
    ap.add_argument("--duration", type=int, default=10)
    ap.add_argument("--threads", type=int, default=2, help="threads/workers for every proxy")
    args = ap.parse_args()

    nginx = find_tool("nginx", "nginx")
    haproxy = find_tool("haproxy", "haproxy")
    wrk = find_tool("wrk", "wrk")
    if not os.access(args.driver, os.X_OK):
        raise SystemExit(f"{args.driver} missing: build the alb_bench_driver target")

    tmp = tempfile.mkdtemp(prefix="alb-bench-")
    processes = []

    def start(cmd, port):
        processes.append(subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
        wait_listening(port)

    try:
        targets = [free_port() for _ in range(4)]
        with open(f"{tmp}/targets.conf", "w") as f:
            f.write(nginx_targets_conf(tmp, targets))
        start([nginx, "-p", tmp, "-c", f"{tmp}/targets.conf", "-g", "daemon off;"], targets[0])
        for p in targets[1:]:
            wait_listening(p)

        setups = [("direct", f"http://127.0.0.1:{targets[0]}/")]
        alb_port = free_port()
        start([args.driver, "--port", str(alb_port), "--threads", str(args.threads),
               "--targets", ",".join(f"127.0.0.1:{p}" for p in targets)], alb_port)
        setups.append(("ecsemu ALB", f"http://127.0.0.1:{alb_port}/"))
        nginx_port = free_port()
        with open(f"{tmp}/proxy.conf", "w") as f:
            f.write(nginx_proxy_conf(tmp, nginx_port, targets, args.threads))
        start([nginx, "-p", tmp, "-c", f"{tmp}/proxy.conf", "-g", "daemon off;"], nginx_port)
        setups.append(("nginx", f"http://127.0.0.1:{nginx_port}/"))
        haproxy_port = free_port()
        with open(f"{tmp}/haproxy.cfg", "w") as f:
            f.write(haproxy_conf(haproxy_port, targets, args.threads))
        start([haproxy, "-f", f"{tmp}/haproxy.cfg"], haproxy_port)
        setups.append(("haproxy", f"http://127.0.0.1:{haproxy_port}/"))

        results = {}
        for name, url in setups:
            for c in CONNECTIONS:
                results[(name, c)] = run_wrk(wrk, url, c, args.duration)
                r = results[(name, c)]
                print(f"  {name:<11} c={c:<3} {r['rps']:>10.0f} req/s  p50 {r['p50']:>8.1f} us  "
                      f"p99 {r['p99']:>8.1f} us", file=sys.stderr)

        print(f"\nwrk {args.duration} s per cell; proxies with {args.threads} threads/workers; "
              f"4 nginx targets (1 worker); {os.cpu_count()} CPUs shared by wrk, proxy and targets\n")
        print("| setup | conns | req/s | p50 µs | p99 µs | req/s vs nginx | req/s vs haproxy | p99 vs haproxy |"
              " p50 added vs direct µs | non-2xx |")
        print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
        for name, _ in setups:
            for c in CONNECTIONS:
                r = results[(name, c)]
                ng, hp, direct = results[("nginx", c)], results[("haproxy", c)], results[("direct", c)]
                print(f"| {name} | {c} | {r['rps']:.0f} | {r['p50']:.1f} | {r['p99']:.1f} | "
                      f"{r['rps'] / ng['rps']:.2f} | {r['rps'] / hp['rps']:.2f} | {r['p99'] / hp['p99']:.2f} | "
                      f"{r['p50'] - direct['p50']:+.1f} | {r['non2xx']} |")
    finally:
        for p in processes:
            p.send_signal(signal.SIGTERM)
        for p in processes:
            try:
                p.wait(timeout=5)
            except subprocess.TimeoutExpired:
                p.kill()
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
