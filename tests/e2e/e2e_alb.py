"""The guide's load balancer for the end-to-end tests, and a bounded load generator to drive traffic through it.

The guide's ALB (reference: shared/seed/ecs-service-guide.md and its Load Balancer step): one internet-facing ALB
over the two private app subnets, target groups ielts-backend-tg (8080, /actuator/health) and ielts-frontend-tg
(3000, /api/health), listener 80 forwarding to the frontend by default and `/api/*` (priority 10) to the backend.
Tests lower the deregistration delay and the health-check interval, as the common advice for fast deploys says.
"""
import collections
import http.client
import json
import threading
import time

import ecsemu_harness as h

TARGET_GROUPS = {
    "backend": {"name": "ielts-backend-tg", "port": 8080, "health": "/actuator/health"},
    "frontend": {"name": "ielts-frontend-tg", "port": 3000, "health": "/api/health"},
}


def create_guide_alb(elbv2, vpc_id, subnets, security_group, deregistration_delay_s=10, interval_s=5):
    """Creates the guide's ALB; returns {"lb": arn, "listener": arn, "backend": tg arn, "frontend": tg arn}."""
    lb = elbv2.create_load_balancer(Name="ielts-prod-alb", Subnets=subnets, SecurityGroups=[security_group],
                                    Scheme="internet-facing", Type="application")["LoadBalancers"][0]
    out = {"lb": lb["LoadBalancerArn"], "dns": lb["DNSName"]}
    for key, spec in TARGET_GROUPS.items():
        tg = elbv2.create_target_group(
            Name=spec["name"], Protocol="HTTP", Port=spec["port"], VpcId=vpc_id, TargetType="ip",
            HealthCheckPath=spec["health"], HealthCheckIntervalSeconds=interval_s, HealthCheckTimeoutSeconds=2, HealthyThresholdCount=2,
            UnhealthyThresholdCount=2)["TargetGroups"][0]
        elbv2.modify_target_group_attributes(
            TargetGroupArn=tg["TargetGroupArn"],
            Attributes=[{"Key": "deregistration_delay.timeout_seconds", "Value": str(deregistration_delay_s)}])
        out[key] = tg["TargetGroupArn"]
    listener = elbv2.create_listener(
        LoadBalancerArn=out["lb"], Protocol="HTTP", Port=80,
        DefaultActions=[{"Type": "forward", "TargetGroupArn": out["frontend"]}])["Listeners"][0]
    out["listener"] = listener["ListenerArn"]
    elbv2.create_rule(ListenerArn=out["listener"], Priority=10,
                      Conditions=[{"Field": "path-pattern", "PathPatternConfig": {"Values": ["/api/*"]}}],
                      Actions=[{"Type": "forward", "TargetGroupArn": out["backend"]}])
    return out


def listener_address(server, listener_arn):
    """(host, port) where the listener's proxy is reachable, from GET /_ecsemu/endpoints."""
    status, body = server.endpoints()
    h.check_eq(status, 200, "GET /_ecsemu/endpoints status")
    endpoints = json.loads(body)
    for lb in endpoints.get("loadBalancers") or []:
        for listener in lb.get("listeners") or []:
            if listener.get("arn") == listener_arn:
                url = listener["url"]
                host, port = url.split("://", 1)[1].rstrip("/").rsplit(":", 1)
                return host, int(port)
    raise AssertionError("listener %s not in /_ecsemu/endpoints: %s" % (listener_arn, body[:2000]))


def get(address, path, headers=None, timeout=10):
    """One request on a fresh connection: (status, headers dict lower-cased, body bytes)."""
    conn = http.client.HTTPConnection(address[0], address[1], timeout=timeout)
    try:
        conn.request("GET", path, headers=headers or {})
        response = conn.getresponse()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
    finally:
        conn.close()


class LoadGenerator:
    """Keep-alive GETs at a fixed total rate from a few threads, until stop(). Counts every outcome: statuses,
    connection errors, and which task (the stub's "taskArn") answered. Bounded: stops by itself after max_s."""

    def __init__(self, address, path, rate_per_s=250, connections=4, max_s=120, validate=None):
        """validate(body bytes) -> None when the answer is good, else a short reason (counted in .invalid)."""
        self.address, self.path, self.validate = address, path, validate
        self.invalid = collections.Counter()
        self.interval_s = connections / float(rate_per_s)
        self.connections, self.max_s = connections, max_s
        self.lock = threading.Lock()
        self.statuses = collections.Counter()
        self.errors = []
        self.by_task = collections.Counter()
        self.latencies = []
        self.stopping = threading.Event()
        self.threads = []
        self.started = self.stopped = None

    def start(self):
        self.started = time.monotonic()
        for _ in range(self.connections):
            t = threading.Thread(target=self._run, daemon=True)
            t.start()
            self.threads.append(t)
        return self

    def stop(self):
        self.stopping.set()
        for t in self.threads:
            t.join(30)
        self.stopped = time.monotonic()
        return self

    @property
    def sent(self):
        return sum(self.statuses.values()) + len(self.errors)

    def rate(self):
        return self.sent / max(1e-9, (self.stopped or time.monotonic()) - self.started)

    def _run(self):
        conn = None
        next_at = time.monotonic()
        deadline = self.started + self.max_s
        while not self.stopping.is_set() and time.monotonic() < deadline:
            delay = next_at - time.monotonic()
            if delay > 0:
                time.sleep(delay)
            next_at += self.interval_s
            began = time.monotonic()
            try:
                if conn is None:
                    conn = http.client.HTTPConnection(self.address[0], self.address[1], timeout=10)
                conn.request("GET", self.path)
                response = conn.getresponse()
                body = response.read()
                task = ""
                problem = self.validate(body) if self.validate and response.status == 200 else None
                if problem:
                    with self.lock:
                        self.invalid[problem] += 1
                if response.status == 200:
                    try:
                        task = json.loads(body).get("taskArn", "")
                    except ValueError:
                        task = "<not json>"
                with self.lock:
                    self.statuses[response.status] += 1
                    self.by_task[task] += 1
                    self.latencies.append(time.monotonic() - began)
                if response.getheader("Connection", "").lower() == "close":
                    conn.close()
                    conn = None
            except (OSError, http.client.HTTPException) as exc:
                with self.lock:
                    self.errors.append("%s: %s" % (type(exc).__name__, exc))
                if conn is not None:
                    conn.close()
                conn = None
        if conn is not None:
            conn.close()

    def summary(self):
        lat = sorted(self.latencies)
        p = (lambda q: lat[min(len(lat) - 1, int(q * len(lat)))] * 1000 if lat else 0.0)
        return ("%d requests in %.1f s (%.0f/s), statuses %s, %d connection errors, %d invalid answers, "
                "p50 %.1f ms, p99 %.1f ms"
                % (self.sent, (self.stopped or time.monotonic()) - self.started, self.rate(),
                   dict(self.statuses), len(self.errors), sum(self.invalid.values()), p(0.5), p(0.99)))


def recorded_metric(server, namespace, metric, dimensions, until=bool, timeout_s=20):
    """Waits until GET /_ecsemu/metrics shows the metric with exactly these dimensions and until(datapoints) holds;
    returns the datapoints."""
    def find():
        status, _, body = h.http_request(server.host, server.port, "GET", "/_ecsemu/metrics", timeout=5)
        h.check_eq(status, 200, "GET /_ecsemu/metrics")
        for m in json.loads(body):
            if (m["namespace"], m["metricName"], m["dimensions"]) == (namespace, metric, dimensions):
                return m["datapoints"] if until(m["datapoints"]) else None
        return None
    return h.wait_until(find, timeout_s, 0.5, "%s %s %s recorded" % (namespace, metric, dimensions))
