"""Service Connect, Cloud Map and DNS end to end: the guide's two services in namespace ielts.local with the
aliases backend.ielts.local:8080 and frontend.ielts.local:3000, stub frontends calling the backend through
Service Connect (ECSEMU_STUB_UPSTREAM).

Cases:
  - tasks show ECS's Service Connect proxy container (ecs-service-connect-xxxxx, RUNNING, HEALTHY) and a
    ServiceConnect attachment;
  - Cloud Map shows what ECS made: the HTTP namespace ielts.local, one AmazonECSManaged service per discoveryName
    (the ARNs DescribeServices lists in serviceConnectResources), one instance per RUNNING task (instance id = task
    id, AWS_INSTANCE_IPV4 = the ENI address, AWS_INSTANCE_PORT = the container port); DiscoverInstances agrees;
  - DNS: the aliases resolve (raw UDP and TCP queries, `ecsemu dns`), unknown names in the zone are NXDOMAIN,
    names outside every zone REFUSED, a malformed datagram does not disturb the next query;
  - traffic: the backend alias reaches both backend tasks; frontend stubs call the backend through the alias;
  - a backend rolling deployment while the frontend calls the backend continuously: zero failed calls;
  - an endpoint answering 500 (a Cloud Map instance registered by hand) is ejected and traffic moves to the
    healthy tasks;
  - a process task finds the aliases' addresses and the DNS server in its environment.
"""
import http.server
import json
import os
import socket
import subprocess
import sys
import threading
import time

import ecsemu_harness as h
import e2e_alb
from e2e_dns import dns_query, parse_answer, tcp, udp

TIME_SCALE = 10
CLUSTER = "ielts-prod-cluster"
NAMESPACE = "ielts.local"
ENV_DUMP_IMAGE = "ecsemu-e2e/env-dump:1"
SERVICES = {
    "backend": {"service": "ielts-backend-service", "family": "ielts-backend", "port": 8080, "env": []},
    "frontend": {"service": "ielts-frontend-service", "family": "ielts-frontend", "port": 3000,
                 "env": [{"name": "ECSEMU_STUB_UPSTREAM",
                          "value": "http://backend.ielts.local:8080/api/from-frontend"}]},
}


class Stack:
    def __init__(self, server):
        self.server = server
        self.ecs = h.client(server, "ecs")
        self.ec2 = h.client(server, "ec2")
        self.sd = h.client(server, "servicediscovery")
        self.v = {}
        self.figures = {}

    def tasks(self, key):
        arns = self.ecs.list_tasks(cluster=CLUSTER, serviceName=SERVICES[key]["service"])["taskArns"]
        return self.ecs.describe_tasks(cluster=CLUSTER, tasks=arns)["tasks"] if arns else []

    def endpoints(self):
        status, body = self.server.endpoints()
        h.check_eq(status, 200, "GET /_ecsemu/endpoints")
        return json.loads(body)

    def alias(self, dns_name):
        for sc in self.endpoints()["serviceConnect"]:
            if sc["dnsName"] == dns_name:
                return sc["address"], sc["boundPort"]
        raise AssertionError("alias %s not listed in /_ecsemu/endpoints" % dns_name)


def build(s):
    vpc = s.ec2.create_vpc(CidrBlock="10.0.0.0/16")["Vpc"]["VpcId"]
    subnets = [s.ec2.create_subnet(VpcId=vpc, CidrBlock=c, AvailabilityZone=az)["Subnet"]["SubnetId"]
               for az, c in (("ap-southeast-1a", "10.0.11.0/24"), ("ap-southeast-1b", "10.0.12.0/24"))]
    sg = s.ec2.create_security_group(GroupName="ielts-sg", Description="sg", VpcId=vpc)["GroupId"]
    s.ecs.create_cluster(clusterName=CLUSTER, serviceConnectDefaults={"namespace": NAMESPACE})
    for key, spec in SERVICES.items():
        s.ecs.register_task_definition(
            family=spec["family"], networkMode="awsvpc", requiresCompatibilities=["FARGATE"], cpu="512",
            memory="1024", containerDefinitions=[{
                "name": key, "image": "ielts/%s:latest" % key, "essential": True, "environment": spec["env"],
                "portMappings": [{"containerPort": spec["port"], "protocol": "tcp", "name": key,
                                  "appProtocol": "http"}]}])
        s.ecs.create_service(
            cluster=CLUSTER, serviceName=spec["service"], taskDefinition=spec["family"], desiredCount=2,
            launchType="FARGATE",
            networkConfiguration={"awsvpcConfiguration": {"subnets": subnets, "securityGroups": [sg]}},
            serviceConnectConfiguration={"enabled": True, "namespace": NAMESPACE, "services": [{
                "portName": key, "discoveryName": key,
                "clientAliases": [{"port": spec["port"], "dnsName": "%s.%s" % (key, NAMESPACE)}]}]})
    s.ecs.get_waiter("services_stable").wait(cluster=CLUSTER, services=[x["service"] for x in SERVICES.values()],
                                             WaiterConfig={"Delay": 1, "MaxAttempts": 60})


def cloud_map_shows_tasks(s):
    namespaces = s.sd.list_namespaces()["Namespaces"]
    ns = [n for n in namespaces if n["Name"] == NAMESPACE]
    h.check_eq(len(ns), 1, "one namespace %s" % NAMESPACE)
    h.check_eq(ns[0]["Type"], "HTTP", "namespace type (ECS creates HTTP namespaces)")
    services = {x["Name"]: x for x in s.sd.list_services(
        Filters=[{"Name": "NAMESPACE_ID", "Values": [ns[0]["Id"]]}])["Services"]}
    h.check_eq(sorted(services), ["backend", "frontend"], "Cloud Map services")
    for key, spec in SERVICES.items():
        svc = s.ecs.describe_services(cluster=CLUSTER, services=[spec["service"]])["services"][0]
        resources = svc["deployments"][0].get("serviceConnectResources") or []
        h.check_eq([(r["discoveryName"], r["discoveryArn"]) for r in resources], [(key, services[key]["Arn"])],
                   "%s serviceConnectResources name the Cloud Map service" % key)
        tags = s.sd.list_tags_for_resource(ResourceARN=services[key]["Arn"])["Tags"]
        h.check({"Key": "AmazonECSManaged", "Value": "true"} in tags, "AmazonECSManaged tag missing: %r", tags)
        instances = {i["Id"]: i["Attributes"] for i in s.sd.list_instances(ServiceId=services[key]["Id"])["Instances"]}
        tasks = s.tasks(key)
        h.check_eq(sorted(instances), sorted(t["taskArn"].rsplit("/", 1)[1] for t in tasks),
                   "%s instances are the RUNNING tasks" % key)
        for t in tasks:
            agents = [c for c in t["containers"] if c["name"].startswith("ecs-service-connect-")]
            h.check_eq([(len(c["name"]), c["lastStatus"], c.get("healthStatus")) for c in agents],
                       [(len("ecs-service-connect-") + 5, "RUNNING", "HEALTHY")], "Service Connect proxy container")
            sc = [a for a in t["attachments"] if a["type"] == "ServiceConnect"]
            h.check_eq([(a["status"], a["details"]) for a in sc],
                       [("ATTACHED", [{"name": "ContainerName", "value": agents[0]["name"]}])],
                       "ServiceConnect attachment")
            details = {d["name"]: d["value"] for d in t["attachments"][0]["details"]}
            attrs = instances[t["taskArn"].rsplit("/", 1)[1]]
            h.check_eq((attrs.get("AWS_INSTANCE_IPV4"), attrs.get("AWS_INSTANCE_PORT")),
                       (details["privateIPv4Address"], str(spec["port"])), "instance attributes")
        found = s.sd.discover_instances(NamespaceName=NAMESPACE, ServiceName=key)["Instances"]
        h.check_eq(sorted(i["InstanceId"] for i in found), sorted(instances), "DiscoverInstances %s" % key)


def dns_answers(s):
    dns = s.endpoints()["dns"]
    h.check(dns and dns.get("port"), "no dns in /_ecsemu/endpoints: %r", dns)
    vip, _ = s.alias("backend.ielts.local")
    rcode, addresses = parse_answer(udp(dns, dns_query("backend.ielts.local")))
    h.check_eq((rcode, addresses), (0, [vip]), "UDP A backend.ielts.local")
    rcode, addresses = parse_answer(tcp(dns, dns_query("Frontend.IELTS.local")))
    h.check_eq((rcode, len(addresses)), (0, 1), "TCP A Frontend.IELTS.local (names are case-insensitive)")
    h.check_eq(parse_answer(udp(dns, dns_query("nothere.ielts.local")))[0], 3, "NXDOMAIN inside the zone")
    h.check_eq(parse_answer(udp(dns, dns_query("example.com")))[0], 5, "REFUSED outside every zone")
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as raw:
        raw.sendto(b"\x12", (dns["host"], dns["port"]))
    h.check_eq(parse_answer(udp(dns, dns_query("backend.ielts.local", qid=7)))[1], [vip],
               "a query after a malformed datagram")
    out = subprocess.run([h.binary_path(), "dns", "backend.ielts.local", "--endpoint", s.server.endpoint],
                         capture_output=True, text=True, timeout=20)
    h.check(out.returncode == 0 and vip in out.stdout, "ecsemu dns: rc=%s out=%r err=%r", out.returncode,
            out.stdout, out.stderr)


def traffic(s):
    backend = {t["taskArn"] for t in s.tasks("backend")}
    address = s.alias("backend.ielts.local")
    seen = set()
    for _ in range(20):
        status, _, body = e2e_alb.get(address, "/api/x", {"Host": "backend.ielts.local:8080"})
        h.check_eq(status, 200, "GET through backend.ielts.local:8080")
        seen.add(json.loads(body)["taskArn"])
    h.check_eq(seen, backend, "the alias balances over both backend tasks")
    front = s.alias("frontend.ielts.local")
    seen = set()
    for _ in range(20):
        status, _, body = e2e_alb.get(front, "/page")
        answer = json.loads(body)
        h.check_eq((status, answer.get("upstream", {}).get("status")), (200, 200), "frontend -> backend call")
        seen.add(answer["upstream"]["body"]["taskArn"])
    h.check_eq(seen, backend, "frontend stubs reached both backend tasks through Service Connect")


def upstream_ok(body):
    try:
        answer = json.loads(body)
    except ValueError:
        return "not json"
    upstream = answer.get("upstream") or {}
    if upstream.get("status") == 200:
        return None
    return "upstream %s %s %s" % (upstream.get("status"), upstream.get("error", ""), str(upstream.get("body"))[:80])


def deploy_under_load(s):
    before = {t["taskArn"] for t in s.tasks("backend")}
    load = e2e_alb.LoadGenerator(s.alias("frontend.ielts.local"), "/page", rate_per_s=150, connections=3,
                                 max_s=90, validate=upstream_ok).start()
    time.sleep(1.0)
    started = time.monotonic()
    s.ecs.update_service(cluster=CLUSTER, service=SERVICES["backend"]["service"], forceNewDeployment=True)

    def done():
        svc = s.ecs.describe_services(cluster=CLUSTER, services=[SERVICES["backend"]["service"]])["services"][0]
        old = s.ecs.describe_tasks(cluster=CLUSTER, tasks=sorted(before))["tasks"]
        return (len(svc["deployments"]) == 1 and svc["deployments"][0]["rolloutState"] == "COMPLETED"
                and all(t["lastStatus"] == "STOPPED" for t in old))
    try:
        h.wait_until(done, 60, 0.25, "backend deployment COMPLETED, old tasks STOPPED")
        s.figures["backend deploy under frontend load"] = time.monotonic() - started
        time.sleep(1.0)
    finally:
        load.stop()
    print("  frontend -> backend during deploy: " + load.summary())
    h.check(load.sent >= 300, "too little load: %s", load.summary())
    h.check_eq(dict(load.statuses), {200: load.sent - len(load.errors)}, "only 200s from the frontend")
    h.check_eq(load.errors[:5], [], "connection errors")
    h.check_eq(dict(load.invalid), {}, "failed frontend -> backend calls")
    # The proxy's counts become AWS/ECS datapoints at the next minute of the emulated clock (6 s real at 10x).
    e2e_alb.recorded_metric(s.server, "AWS/ECS", "RequestCount", {"DiscoveryName": "backend"},
                            until=lambda points: sum(p["sum"] for p in points) >= load.sent)
    points = e2e_alb.recorded_metric(s.server, "AWS/ECS", "TargetResponseTime", {"TargetDiscoveryName": "backend"})
    h.check(all(p["unit"] == "Milliseconds" and p["sampleCount"] > 0 for p in points), "TargetResponseTime %r",
            points)


class FailingHandler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_GET(self):
        body = b'{"failing": true}'
        self.send_response(500)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


def failing_endpoint_ejected(s):
    failing = http.server.ThreadingHTTPServer(("127.0.0.1", 0), FailingHandler)
    threading.Thread(target=failing.serve_forever, daemon=True).start()
    try:
        service_id = [x for x in s.sd.list_services()["Services"] if x["Name"] == "backend"][0]["Id"]
        s.sd.register_instance(ServiceId=service_id, InstanceId="failing-endpoint", Attributes={
            "AWS_INSTANCE_IPV4": "127.0.0.1", "AWS_INSTANCE_PORT": str(failing.server_address[1])})
        address = s.alias("backend.ielts.local")
        statuses = []
        h.wait_until(lambda: e2e_alb.get(address, "/api/x")[0] == 500 or None, 10, 0.05,
                     "the hand-registered endpoint receives traffic")
        for _ in range(60):
            statuses.append(e2e_alb.get(address, "/api/x")[0])
        h.check(statuses.count(500) <= 5, "500s after ejection: %r", statuses)
        h.check_eq(set(statuses[-30:]), {200}, "traffic moved to the healthy endpoints")
        s.sd.deregister_instance(ServiceId=service_id, InstanceId="failing-endpoint")
    finally:
        failing.shutdown()


def process_task_environment(s, workdir):
    # A process task learns the aliases' addresses and the DNS server from its environment (where ECS would write
    # /etc/hosts), and can resolve through that server.
    dump = os.path.join(workdir, "env.txt")
    s.ecs.register_task_definition(
        family="env-dump", networkMode="awsvpc", requiresCompatibilities=["FARGATE"], cpu="256", memory="512",
        containerDefinitions=[{"name": "dump", "image": ENV_DUMP_IMAGE, "essential": True,
                               "command": ["/bin/sh", "-c", "env > %s.tmp && mv %s.tmp %s && sleep 600"
                                           % (dump, dump, dump)]}])
    subnets = s.ecs.describe_services(cluster=CLUSTER, services=[SERVICES["backend"]["service"]])["services"][0][
        "networkConfiguration"]["awsvpcConfiguration"]["subnets"]
    task = s.ecs.run_task(cluster=CLUSTER, taskDefinition="env-dump", launchType="FARGATE", networkConfiguration={
        "awsvpcConfiguration": {"subnets": subnets}})["tasks"][0]["taskArn"]
    h.wait_until(lambda: os.path.exists(dump), 20, 0.1, "the process task wrote its environment")
    with open(dump) as f:
        env = dict(line.rstrip("\n").split("=", 1) for line in f if "=" in line)
    vip, port = s.alias("backend.ielts.local")
    dns = s.endpoints()["dns"]
    h.check_eq(env.get("ECSEMU_SC_BACKEND_IELTS_LOCAL_8080"), "%s:%d" % (vip, port), "alias variable")
    h.check_eq(env.get("ECSEMU_DNS_SERVER"), "%s:%d" % (dns["host"], dns["port"]), "DNS server variable")
    s.ecs.stop_task(cluster=CLUSTER, task=task)


def main():
    suite = h.Suite("service-connect-e2e")
    with h.TempDir() as workdir, h.Server(extra_args=["--time-scale", str(TIME_SCALE),
                                                      "--process-image", ENV_DUMP_IMAGE]) as server:
        s = Stack(server)
        with suite.case("guide services with Service Connect in ielts.local reach steady state"):
            build(s)
        with suite.case("Cloud Map shows the namespace, the services and the RUNNING tasks"):
            cloud_map_shows_tasks(s)
        with suite.case("DNS answers the aliases (UDP, TCP, ecsemu dns), NXDOMAIN, REFUSED"):
            dns_answers(s)
        with suite.case("backend.ielts.local:8080 balances; frontend stubs call the backend through it"):
            traffic(s)
        with suite.case("backend rolling deployment while the frontend calls it: zero failed calls"):
            deploy_under_load(s)
        with suite.case("an endpoint answering 500 is ejected"):
            failing_endpoint_ejected(s)
        with suite.case("process tasks get the alias addresses and the DNS server in their environment"):
            process_task_environment(s, workdir)
        for name, value in s.figures.items():
            print("  %s: %.2f s" % (name, value))
    return suite.finish()


if __name__ == "__main__":
    sys.exit(main())
