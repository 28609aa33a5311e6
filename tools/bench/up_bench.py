#!/usr/bin/env python3
"""How long `ecsemu up scenarios/ielts.json` takes to a steady state, against the bare server's start as a peer.

Each round starts `ecsemu serve --port 0` and waits for its ready line (the peer: process start, no stack), then
`ecsemu up scenarios/ielts.json --port 0 --time-scale T` and waits for "steady state after" (25 resources applied,
both services 2/2, deployments COMPLETED, targets healthy); both are stopped with SIGINT. Prints the median real
times and their ratio. The steady state is mostly emulated waiting (deployment settling), so it shrinks with T.

usage: tools/bench/up_bench.py [--ecsemu build/bin/ecsemu] [--rounds 3] [--time-scale 10]
"""
import argparse
import os
import signal
import statistics
import subprocess
import sys
import time

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def time_until(argv, marker, timeout_s=120):
    start = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL,
                            cwd=REPO, start_new_session=True)
    try:
        for raw in iter(proc.stdout.readline, b""):
            if marker in raw.decode("utf-8", "replace"):
                return time.perf_counter() - start
            if time.perf_counter() - start > timeout_s:
                break
        raise SystemExit("%s: %r not seen" % (" ".join(argv), marker))
    finally:
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--ecsemu", default=os.path.join(REPO, "build", "bin", "ecsemu"))
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--time-scale", default="10")
    args = parser.parse_args()
    serve, up = [], []
    for _ in range(args.rounds):
        serve.append(time_until([args.ecsemu, "serve", "--port", "0"], "ecsemu listening on"))
        up.append(time_until([args.ecsemu, "up", "scenarios/ielts.json", "--port", "0", "--time-scale",
                              args.time_scale], "steady state after"))
    s, u = statistics.median(serve), statistics.median(up)
    print("ecsemu up scenarios/ielts.json (--time-scale %s), %d rounds" % (args.time_scale, args.rounds))
    print("  serve ready line (peer):   median %.3f s" % s)
    print("  up to steady state:        median %.3f s  (min %.3f, max %.3f)" % (u, min(up), max(up)))
    print("  ratio up / serve start:    %.0fx" % (u / s if s > 0 else float("nan")))
    return 0


if __name__ == "__main__":
    sys.exit(main())
