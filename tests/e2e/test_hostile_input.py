"""Hostile input over raw sockets: every malformed request must get a well-formed HTTP 4xx, promptly.

For each case: send the bytes, parse the response strictly (status line, headers, framing), require 400-499
and, by routing kind, an AWS error body (JSON with __type for JSON-routed requests, <ErrorResponse> for Query,
<Response><Errors> for EC2). After every single case GET /_ecsemu/health must answer 200 and a valid
DescribeClusters must still work. Then slow clients (slowloris, slow bodies, idle connections) must not delay
other requests. Prints a count table by category.
"""
import http.client
import json
import os
import socket
import sys
import threading
import time
import xml.etree.ElementTree as ET

import ecsemu_harness as h
import hostile_cases_json
import hostile_cases_wire
from hostile_requests import CANARY, CT_JSON, ECS, CaseList, auth, json_request
from shape_validator import ShapeValidator
from shape_xml import local_name


def cases(vpc_id):
    collected = CaseList()
    hostile_cases_json.all_cases(collected.add, vpc_id)
    hostile_cases_wire.all_cases(collected.add, vpc_id)
    return collected.cases


# ---------------------------------------------------------------------------------------------- checking


def check_body(kind, resp, validator):
    problems = []
    body = resp.body
    if kind == "http":
        return problems
    if kind in ("json", "aws"):
        try:
            doc = json.loads(body.decode("utf-8"))
            return validator.check_json_error(doc, resp.status)
        except (ValueError, UnicodeDecodeError) as e:
            if kind == "json":
                return ["body is not a JSON error (%s): %r" % (e, body[:200])]
    try:
        root = ET.fromstring(body)
    except ET.ParseError as e:
        return ["body is not an XML error (%s): %r" % (e, body[:200])]
    if kind == "query" or (kind == "aws" and local_name(root.tag) == "ErrorResponse"):
        return validator.check_query_error(root, resp.status)
    return validator.check_ec2_error(root, resp.status)


def error_label(resp):
    """The AWS error code in a response body, for the verbose listing."""
    try:
        doc = json.loads(resp.body.decode("utf-8"))
        return doc.get("__type", "") if isinstance(doc, dict) else ""
    except (ValueError, UnicodeDecodeError):
        pass
    try:
        root = ET.fromstring(resp.body)
        codes = [e.text for e in root.iter() if local_name(e.tag) == "Code"]
        return codes[0] if codes else local_name(root.tag)
    except ET.ParseError:
        return repr(resp.body[:60])


class Runner:
    def __init__(self, suite):
        self.suite = suite
        self.validator = ShapeValidator()
        self.server = None
        self.table = {}  # category -> [total, ok]
        self.failures = []
        self.restarts = 0

    def start(self):
        self.server = h.Server().start()
        ecs = h.client(self.server, "ecs")
        ecs.create_cluster(clusterName=CANARY)
        ec2 = h.client(self.server, "ec2")
        self.vpc_id = ec2.create_vpc(CidrBlock="10.99.0.0/16")["Vpc"]["VpcId"]

    def canary(self):
        """health 200 and a valid DescribeClusters after every case."""
        status = self.server.health(timeout=5)
        if status != 200:
            return "GET /_ecsemu/health -> %s" % status
        status, headers, body = h.ecs_json_call(self.server, "DescribeClusters", {"clusters": [CANARY]}, timeout=5)
        if status != 200:
            return "DescribeClusters -> %s %r" % (status, body[:200])
        try:
            names = [c["clusterName"] for c in json.loads(body)["clusters"]]
        except (ValueError, KeyError, TypeError) as e:
            return "DescribeClusters body unreadable (%s): %r" % (e, body[:200])
        if names != [CANARY]:
            return "DescribeClusters returned %r" % names
        return None

    def wait_responsive(self, limit_s):
        start = time.monotonic()
        while time.monotonic() - start < limit_s:
            try:
                if self.canary() is None:
                    return time.monotonic() - start
            except (OSError, http.client.HTTPException):
                pass
            time.sleep(0.5)
        return None

    def run_case(self, case):
        payload = case.payload() if callable(case.payload) else case.payload
        problems = []
        start = time.monotonic()
        try:
            resp = h.raw_exchange(self.server.host, self.server.port, payload, timeout=case.timeout_s,
                                  shutdown_write=case.shutdown_write)
        except h.RawTimeout as e:
            resp = None
            problems.append("no response: %s" % e)
        except OSError as e:
            resp = None
            problems.append("socket error: %r" % e)
        elapsed = time.monotonic() - start
        if resp is not None:
            if resp.closed_without_response:
                if not case.allow_close:
                    problems.append("connection closed without any response")
            else:
                problems += ["HTTP framing: " + p for p in resp.problems]
                if resp.status is None:
                    problems.append("no parsable status line")
                elif not 400 <= resp.status <= 499:
                    problems.append("status %s (expected 4xx); body %r" % (resp.status, resp.body[:300]))
                else:
                    problems += check_body(case.kind, resp, self.validator)
        if not self.server.alive():
            problems.append("SERVER DIED (exit %s); log tail:\n%s" % (self.server.proc.returncode,
                                                                      self.server.log_tail(1500)))
            self.server.kill()
            self.restarts += 1
            self.start()
        else:
            try:
                canary = self.canary()
            except (OSError, http.client.HTTPException) as e:
                canary = "canary request failed: %r" % e
            if canary:
                problems.append("after the case: " + canary)
                # Let a busy server catch up so one slow case does not fail the ones after it.
                waited = self.wait_responsive(60)
                problems.append("server answered health + DescribeClusters again after %s"
                                % ("%.1f s" % waited if waited is not None else "more than 60 s"))
        if os.environ.get("ECSEMU_E2E_VERBOSE") and resp is not None:
            print("    [%s] %s -> %s %s" % (case.category, case.name, resp.status, error_label(resp)))
        row = self.table.setdefault(case.category, [0, 0])
        row[0] += 1
        if problems:
            got = resp.summary() if resp is not None else "-"
            self.failures.append((case, problems, got, elapsed))
        else:
            row[1] += 1

    def slow_clients(self):
        """slowloris + slow body + idle connections while normal requests must stay fast."""
        stop = threading.Event()
        socks = []
        errors = []

        def dribble(data, delay_s):
            try:
                s = socket.create_connection((self.server.host, self.server.port), timeout=5)
                socks.append(s)
                for b in data:
                    if stop.is_set():
                        return
                    s.sendall(bytes([b]))
                    time.sleep(delay_s)
            except OSError:
                pass  # the server may cut slow clients off; that is allowed

        slow_head = json_request(json.dumps({"clusters": [CANARY]}))
        slow_body = h.build_request("POST", "/", [("Content-Type", CT_JSON), ("X-Amz-Target", ECS + "ListClusters"),
                                                  ("Content-Length", "1000")] + auth("ecs"), b"", content_length=False)
        threads = [threading.Thread(target=dribble, args=(slow_head, 0.3), daemon=True) for _ in range(5)]
        threads += [threading.Thread(target=dribble, args=(slow_body + b" " * 1000, 0.2), daemon=True)]
        idle = []
        for _ in range(50):
            try:
                idle.append(socket.create_connection((self.server.host, self.server.port), timeout=5))
            except OSError as e:
                errors.append("idle connection refused: %r" % e)
                break
        for t in threads:
            t.start()
        worst = 0.0
        try:
            time.sleep(1.0)
            for i in range(20):
                t0 = time.monotonic()
                canary = self.canary()
                dt = time.monotonic() - t0
                worst = max(worst, dt)
                if canary:
                    errors.append("request %d while slow clients hold connections: %s" % (i, canary))
                if dt > 2.0:
                    errors.append("request %d took %.2f s while slow clients hold connections" % (i, dt))
                time.sleep(0.25)
        except (OSError, http.client.HTTPException) as e:
            errors.append("request failed while slow clients hold connections: %r" % e)
        finally:
            stop.set()
            for s in socks + idle:
                try:
                    s.close()
                except OSError:
                    pass
        if not self.server.alive():
            errors.append("server died during the slow-client phase")
        print("    slow clients: 5 slowloris heads, 1 slow body, %d idle connections; worst request %.3f s"
              % (len(idle), worst))
        return errors


def main():
    suite = h.Suite("test_hostile_input", validator=None)
    runner = Runner(suite)
    try:
        with suite.case("server starts"):
            runner.start()
        if not runner.server or not runner.server.alive():
            return suite.finish()
        all_cases = cases(runner.vpc_id)
        deadline = time.monotonic() + float(os.environ.get("ECSEMU_E2E_HOSTILE_BUDGET_S", "140"))
        skipped = 0
        with suite.case("%d malformed requests: 4xx, well-formed, server stays healthy" % len(all_cases)):
            for case in all_cases:
                if time.monotonic() > deadline:
                    skipped += 1
                    continue
                runner.run_case(case)
            print("\n    %-24s %7s %7s %7s" % ("category", "sent", "ok", "failed"))
            total = ok = 0
            for category, (n, good) in runner.table.items():
                print("    %-24s %7d %7d %7d" % (category, n, good, n - good))
                total += n
                ok += good
            print("    %-24s %7d %7d %7d" % ("TOTAL", total, ok, total - ok))
            if skipped:
                print("    %d cases not sent: time budget exhausted" % skipped)
            for case, problems, got, elapsed in runner.failures:
                print("    FAIL [%s] %s (%.2f s): got %s\n        - %s"
                      % (case.category, case.name, elapsed, got, "\n        - ".join(problems)))
            h.check(total >= 200 or skipped, "only %d malformed requests defined (need >= 200)" % total)
            h.check(not runner.failures and not skipped, "%d of %d cases failed, %d not sent, %d server restarts"
                    % (len(runner.failures), total, skipped, runner.restarts))
        with suite.case("slow clients do not delay other requests"):
            errors = runner.slow_clients()
            h.check(not errors, "\n".join(errors[:10]))
        with suite.case("no malformed request changed state"):
            ecs = h.client(runner.server, "ecs")
            names = sorted(a.rsplit("/", 1)[1] for a in ecs.list_clusters()["clusterArns"])
            h.check_eq(names, [CANARY], "clusters after the hostile run")
            fams = ecs.list_task_definition_families(status="ALL")["families"]
            h.check_eq(fams, [], "task definition families after the hostile run")
            ec2 = h.client(runner.server, "ec2")
            groups = ec2.describe_security_groups(Filters=[{"Name": "vpc-id", "Values": [runner.vpc_id]}])
            h.check_eq(sorted(g["GroupName"] for g in groups["SecurityGroups"]), ["default"],
                       "security groups in the hostile run's VPC (only its default group may exist)")
            vpcs = [v["CidrBlock"] for v in ec2.describe_vpcs()["Vpcs"] if not v.get("IsDefault")]
            h.check_eq(vpcs, ["10.99.0.0/16"], "non-default VPCs after the hostile run")
        with suite.case("validator self-test: it rejects bad error bodies"):
            v = ShapeValidator()
            h.check(v.check_json_error({"message": "no type"}, 400), "JSON error without __type accepted")
            h.check(v.check_query_error(b"<ErrorResponse><Oops/></ErrorResponse>", 400), "bad query error accepted")
            h.check(v.check_ec2_error(b"<Response><Errors/></Response>", 400), "bad EC2 error accepted")
    finally:
        if runner.server:
            runner.server.stop()
    return suite.finish()


if __name__ == "__main__":
    sys.exit(main())
