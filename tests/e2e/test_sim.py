"""`ecsemu sim`: the scenarios of scenarios/ replayed on the virtual clock, through the same control plane.

Checks determinism (same scenario and seed give byte-identical outputs), the documented target-tracking
timing on the spike (scale-out at the third breaching one-minute datapoint), the circuit breaker's rollback of
a bad deployment, the AZ outage's replacements, the outputs' shapes, and that a malformed scenario or trace is
reported by file and field or line with nothing written.
"""
import csv
import filecmp
import json
import os
import subprocess

import ecsemu_harness as h
from ecsemu_harness import check, check_eq

SCENARIOS = os.path.join(h.REPO_ROOT, "scenarios")


def run_sim(*args, timeout_s=120):
    return subprocess.run([h.binary_path(), "sim"] + list(args), capture_output=True, text=True,
                          timeout=timeout_s, stdin=subprocess.DEVNULL, preexec_fn=h.die_with_parent)


def events(out_dir):
    with open(os.path.join(out_dir, "events.jsonl")) as f:
        return [json.loads(line) for line in f]


def write(path, text):
    with open(path, "w") as f:
        f.write(text)
    return path


def main():
    suite = h.Suite("test_sim")
    work = h.TempDir(prefix="ecsemu-sim-").path

    with suite.case("the same scenario and seed give byte-identical outputs; another seed differs"):
        spike = os.path.join(SCENARIOS, "spike.json")
        a, b, c = (os.path.join(work, n) for n in ("a", "b", "c"))
        out_a = run_sim(spike, "--out", a, "--quiet")
        check_eq(out_a.returncode, 0, "exit code: " + out_a.stderr[-400:])
        out_b = run_sim(spike, "--out", b, "--quiet")
        check_eq(out_a.stdout.replace(a, "DIR"), out_b.stdout.replace(b, "DIR"), "stdout summaries")
        names = sorted(os.listdir(a))
        check_eq(names, sorted(os.listdir(b)), "output files")
        for name in ("events.jsonl", "summary.json", "report.html", "timeline-ielts-backend-service.csv",
                     "timeline-ielts-frontend-service.csv"):
            check(name in names, "missing output " + name)
        match, mismatch, errors = filecmp.cmpfiles(a, b, names, shallow=False)
        check_eq(mismatch + errors, [], "files that differ between two runs")
        run_sim(spike, "--out", c, "--quiet", "--seed", "8")
        check(not filecmp.cmp(os.path.join(a, "events.jsonl"), os.path.join(c, "events.jsonl"), shallow=False),
              "seed 8 gave the same events as seed 7")

    with suite.case("spike: scale-out at the third breaching datapoint, timeline per minute"):
        evs = events(a)
        outs = [e for e in evs if e["kind"] == "scale-out" and e["service"] == "ielts-backend-service"]
        check(len(outs) >= 1, "no scale-out")
        # The spike starts rising at 30:00; minutes 30, 31 and 32 breach 70 % CPU; the alarm fires at 33:00.
        check_eq(outs[0]["offsetSeconds"], 1980.0, "first scale-out offset")
        check(outs[0]["to"] > outs[0]["from"] >= 2, "scale-out counts %r" % outs[0])
        check(all(e["offsetSeconds"] % 60 == 0 for e in outs), "scaling decisions off the minute boundaries")
        with open(os.path.join(a, "timeline-ielts-backend-service.csv")) as f:
            rows = list(csv.DictReader(f))
        check_eq(len(rows), 120, "rows in a 2 h timeline")
        check_eq(rows[0]["minute"], "2026-01-05T00:00:00Z", "first minute")
        peak = max(float(r["cpu_percent"]) for r in rows)
        check(peak > 70, "CPU never rose above the target: %s" % peak)
        check(max(int(r["desired"]) for r in rows) > 2, "desired never rose")
        summary = json.load(open(os.path.join(a, "summary.json")))
        check(summary["services"][0]["tasks"]["max"] > 2 if "tasks" in summary["services"][0] else True,
              "summary max tasks")
        html = open(os.path.join(a, "report.html")).read()
        check("<svg" in html and "http://" not in html.replace("http://www.w3.org/2000/svg", ""),
              "report.html is not a self-contained SVG report")

    with suite.case("bad deployment: the circuit breaker fails it and rolls back"):
        out_dir = os.path.join(work, "bad")
        out = run_sim(os.path.join(SCENARIOS, "bad-deploy.json"), "--out", out_dir, "--quiet")
        check_eq(out.returncode, 0, "exit code: " + out.stderr[-400:])
        evs = events(out_dir)
        injected = [e for e in evs if e["kind"] == "injection"]
        check_eq(len(injected), 1, "injections")
        check_eq(injected[0]["offsetSeconds"], 1800.0, "injection time")
        failed = [e for e in evs if e["kind"] == "deployment" and "circuit breaker" in e["detail"]]
        check(failed, "no deployment failed by the circuit breaker")
        rollback = [e for e in evs if e["kind"] == "deployment" and e["detail"].startswith("CreateRollbackDeployment")]
        check(rollback and rollback[0]["offsetSeconds"] > 1800, "no rollback after the bad deployment")

    with suite.case("AZ outage: tasks in the zone stop and are replaced"):
        out_dir = os.path.join(work, "az")
        out = run_sim(os.path.join(SCENARIOS, "az-outage.json"), "--out", out_dir, "--quiet")
        check_eq(out.returncode, 0, "exit code: " + out.stderr[-400:])
        evs = events(out_dir)
        stopped = [e for e in evs if e["kind"] == "task-stopped" and 2400 <= e["offsetSeconds"] < 2700]
        check(len(stopped) >= 2, "tasks stopped by the outage: %d" % len(stopped))
        started_after = [e for e in evs if e["kind"] == "task-started" and e["offsetSeconds"] > 2400]
        check(started_after, "no task replaced after the outage")

    with suite.case("malformed scenarios and traces: file and field or line named, nothing written"):
        base = os.path.join(SCENARIOS, "ielts.json")
        bad_rps = write(os.path.join(work, "bad-rps.json"), json.dumps({
            "extends": base, "ecsemu": {"simulation": {"services": {
                "ielts-backend-service": {"traffic": {"shape": "constant", "rps": -5}}}}}}))
        trace = write(os.path.join(work, "trace.csv"), "timestamp,requests_per_second\n0,10\n60,20\n30,5\n")
        bad_trace = write(os.path.join(work, "bad-trace.json"), json.dumps({
            "extends": base, "ecsemu": {"simulation": {"services": {
                "ielts-backend-service": {"traffic": {"shape": "trace", "trace": "trace.csv"}}}}}}))
        unknown = write(os.path.join(work, "unknown.json"), json.dumps({
            "extends": base, "ecsemu": {"simulation": {"servces": {}}}}))
        not_json = write(os.path.join(work, "not-json.json"), '{"resources": [')
        cases = [(bad_rps, "ecsemu.simulation.services[\"ielts-backend-service\"].traffic.rps"),
                 (bad_trace, "trace.csv:4"),
                 (unknown, "servces"),
                 (not_json, "not-json.json")]
        for path, expected in cases:
            out_dir = os.path.join(work, "never-" + os.path.basename(path))
            out = run_sim(path, "--out", out_dir)
            check_eq(out.returncode, 1, "exit code for %s" % path)
            check(expected in out.stderr, "message for %s lacks %r: %r" % (path, expected, out.stderr[:300]))
            check(not os.path.exists(out_dir), "%s was created for a malformed scenario" % out_dir)
        out = run_sim(os.path.join(SCENARIOS, "spike.json"), "--duration", "-3m")
        check_eq(out.returncode, 2, "bad --duration")
        out = run_sim()
        check_eq(out.returncode, 2, "no scenario")
        check("usage:" in out.stderr, "usage missing")
        # An --out directory holding other files is not replaced.
        keep = os.path.join(work, "keep")
        os.makedirs(keep)
        write(os.path.join(keep, "notes.txt"), "mine")
        out = run_sim(os.path.join(SCENARIOS, "spike.json"), "--out", keep, "--quiet")
        check_eq(out.returncode, 1, "exit code with a foreign --out directory")
        check_eq(os.listdir(keep), ["notes.txt"], "foreign directory contents")

    return suite.finish()


if __name__ == "__main__":
    raise SystemExit(main())
