"""Every AWS Cloud Map (servicediscovery) operation ecsemu serves, through boto3, plus a few through both AWS CLIs.

Builds the guide's Service Connect namespace (HTTP namespace ielts.local with service backend and two task-like
instances), a private DNS namespace with an A+SRV service, follows the asynchronous operations from SUBMITTED to
SUCCESS, discovers instances with query/optional parameters and health filters, and checks the error codes (which
lack the Exception suffix). Each response body is validated against botocore's output shape by the harness.

DiscoverInstances/DiscoverInstancesRevision carry the model's "data-" host prefix: the harness clients are built
with Config(inject_host_prefix=False); aws-cli v1 (botocore 1.43) gets AWS_DISABLE_HOST_PREFIX_INJECTION=true;
aws-cli v2 here (botocore 1.29) cannot turn the prefix off, so it is not used for those two operations.
"""
import json
import re
import sys

import ecsemu_harness as h
from ecsemu_harness import check, check_eq, check_match, expect_client_error

ARN_PREFIX = "arn:aws:servicediscovery:%s:%s:" % (h.REGION, h.ACCOUNT_ID)
OPERATION_ID = r"[a-z0-9]{32}-[a-z0-9]{8}"


class Ctx:
    def __init__(self, server):
        self.server = server
        self.sd = h.client(server, "servicediscovery")
        self.http_ns = None
        self.dns_ns = None
        self.backend = None
        self.api = None
        self.create_operation = None


def operation_status(c, operation_id):
    return c.sd.get_operation(OperationId=operation_id)["Operation"]["Status"]


def namespaces(c):
    out = c.sd.create_http_namespace(Name="ielts.local", Description="Service Connect namespace",
                                     Tags=[{"Key": "Project", "Value": "ielts"}])
    c.create_operation = out["OperationId"]
    check_match(OPERATION_ID, c.create_operation, "OperationId")
    op = c.sd.get_operation(OperationId=c.create_operation)["Operation"]
    check_eq(op["Type"], "CREATE_NAMESPACE", "operation type")
    check(op["Status"] in ("SUBMITTED", "PENDING"), "fresh operation status %s", op["Status"])
    c.http_ns = op["Targets"]["NAMESPACE"]
    check_match(r"ns-[a-z0-9]{16}", c.http_ns, "namespace id")
    h.wait_until(lambda: operation_status(c, c.create_operation) == "SUCCESS", 5, what="CREATE_NAMESPACE SUCCESS")
    op = c.sd.get_operation(OperationId=c.create_operation)["Operation"]
    check(op["UpdateDate"] > op["CreateDate"], "UpdateDate after CreateDate")

    ns = c.sd.get_namespace(Id=c.http_ns)["Namespace"]
    check_eq(ns["Arn"], ARN_PREFIX + "namespace/" + c.http_ns, "namespace ARN")
    check_eq(ns["Type"], "HTTP", "Type")
    check_eq(ns["Name"], "ielts.local", "Name")
    check_eq(ns["Properties"]["HttpProperties"]["HttpName"], "ielts.local", "HttpName")
    check_eq(ns["ServiceCount"], 0, "ServiceCount")
    check_eq(ns["Description"], "Service Connect namespace", "Description")
    check("CreatorRequestId" in ns, "botocore fills CreatorRequestId")

    out = c.sd.create_private_dns_namespace(Name="internal.ielts", Vpc="vpc-0123456789abcdef0",
                                            Properties={"DnsProperties": {"SOA": {"TTL": 60}}})
    c.dns_ns = c.sd.get_operation(OperationId=out["OperationId"])["Operation"]["Targets"]["NAMESPACE"]
    dns = c.sd.get_namespace(Id=c.dns_ns)["Namespace"]
    check_eq(dns["Type"], "DNS_PRIVATE", "private Type")
    check_match(r"Z0[A-Z0-9]{19}", dns["Properties"]["DnsProperties"]["HostedZoneId"], "HostedZoneId")
    check_eq(dns["Properties"]["DnsProperties"]["SOA"]["TTL"], 60, "SOA TTL")
    c.sd.create_public_dns_namespace(Name="example-ielts.com")

    listed = c.sd.list_namespaces()["Namespaces"]
    check_eq(sorted(n["Name"] for n in listed), ["example-ielts.com", "ielts.local", "internal.ielts"], "listed")
    http_only = c.sd.list_namespaces(Filters=[{"Name": "TYPE", "Values": ["HTTP"], "Condition": "EQ"}])["Namespaces"]
    check_eq([n["Id"] for n in http_only], [c.http_ns], "TYPE filter")
    by_name = c.sd.list_namespaces(Filters=[{"Name": "NAME", "Values": ["internal"], "Condition": "BEGINS_WITH"}])
    check_eq([n["Id"] for n in by_name["Namespaces"]], [c.dns_ns], "NAME BEGINS_WITH")
    names = [n["Name"] for page in c.sd.get_paginator("list_namespaces").paginate(PaginationConfig={"PageSize": 1})
             for n in page["Namespaces"]]
    check_eq(len(names), 3, "paginator")

    c.sd.update_http_namespace(Id=c.http_ns, Namespace={"Description": "updated"})
    check_eq(c.sd.get_namespace(Id=c.http_ns)["Namespace"]["Description"], "updated", "UpdateHttpNamespace")


def namespace_errors(c):
    expect_client_error(lambda: c.sd.create_http_namespace(Name="ielts.local"), "NamespaceAlreadyExists", status=400)
    expect_client_error(lambda: c.sd.get_namespace(Id="ns-0000000000000000"), "NamespaceNotFound")
    expect_client_error(lambda: c.sd.create_http_namespace(Name="arn:aws:nope"), "InvalidInput")
    expect_client_error(lambda: c.sd.list_namespaces(Filters=[{"Name": "TYPE", "Values": ["HTTP", "DNS_PUBLIC"],
                                                                "Condition": "EQ"}]), "InvalidInput")
    expect_client_error(lambda: c.sd.delete_namespace(Id="ns-0000000000000000"), "NamespaceNotFound")
    expect_client_error(lambda: c.sd.get_operation(OperationId="nope"), "OperationNotFound")
    expect_client_error(lambda: c.sd.update_private_dns_namespace(Id=c.http_ns, Namespace={"Description": "x"}),
                        "InvalidInput")


def services(c):
    backend = c.sd.create_service(Name="backend", NamespaceId=c.http_ns, Description="ielts backend",
                                  HealthCheckCustomConfig={"FailureThreshold": 1},
                                  Tags=[{"Key": "AmazonECSManaged", "Value": "true"}])["Service"]
    c.backend = backend["Id"]
    check_match(r"srv-[a-z0-9]{16}", c.backend, "service id")
    check_eq(backend["Arn"], ARN_PREFIX + "service/" + c.backend, "service ARN")
    check_eq(backend["Type"], "HTTP", "HTTP service type")
    check_eq(backend["NamespaceId"], c.http_ns, "NamespaceId")
    check_eq(backend["InstanceCount"], 0, "InstanceCount")
    check("DnsConfig" not in backend, "no DnsConfig in an HTTP namespace")

    api = c.sd.create_service(Name="api", NamespaceId=c.dns_ns, DnsConfig={
        "RoutingPolicy": "MULTIVALUE", "DnsRecords": [{"Type": "A", "TTL": 60}, {"Type": "SRV", "TTL": 60}]})["Service"]
    c.api = api["Id"]
    check_eq(api["Type"], "DNS_HTTP", "DNS service type")
    check_eq(api["DnsConfig"]["DnsRecords"], [{"Type": "A", "TTL": 60}, {"Type": "SRV", "TTL": 60}], "records")
    check_eq(c.sd.get_service(Id=c.api)["Service"]["Name"], "api", "GetService")
    check_eq(c.sd.get_namespace(Id=c.dns_ns)["Namespace"]["ServiceCount"], 1, "ServiceCount")

    in_http = c.sd.list_services(Filters=[{"Name": "NAMESPACE_ID", "Values": [c.http_ns]}])["Services"]
    check_eq([s["Id"] for s in in_http], [c.backend], "NAMESPACE_ID filter")
    check_eq(len(c.sd.list_services()["Services"]), 2, "all services")
    first = c.sd.list_services(MaxResults=1)
    check("NextToken" in first, "NextToken")
    check_eq(len(c.sd.list_services(NextToken=first["NextToken"])["Services"]), 1, "page 2")

    op = c.sd.update_service(Id=c.api, Service={"Description": "api v2",
                                                "DnsConfig": {"DnsRecords": [{"Type": "A", "TTL": 10},
                                                                             {"Type": "SRV", "TTL": 10}]}})
    check_eq(c.sd.get_operation(OperationId=op["OperationId"])["Operation"]["Type"], "UPDATE_SERVICE", "update op")
    updated = c.sd.get_service(Id=c.api)["Service"]
    check_eq(updated["Description"], "api v2", "updated description")
    check_eq(updated["DnsConfig"]["DnsRecords"][0]["TTL"], 10, "updated TTL")


def service_errors(c):
    expect_client_error(lambda: c.sd.create_service(Name="backend", NamespaceId=c.http_ns), "ServiceAlreadyExists")
    expect_client_error(lambda: c.sd.create_service(Name="x", NamespaceId="ns-0000000000000000"), "NamespaceNotFound")
    expect_client_error(lambda: c.sd.create_service(Name="x", NamespaceId=c.http_ns,
                                                    DnsConfig={"DnsRecords": [{"Type": "A", "TTL": 60}]}),
                        "InvalidInput")
    expect_client_error(lambda: c.sd.get_service(Id="srv-0000000000000000"), "ServiceNotFound")
    expect_client_error(lambda: c.sd.delete_service(Id="srv-0000000000000000"), "ServiceNotFound")
    expect_client_error(lambda: c.sd.delete_namespace(Id=c.http_ns), "ResourceInUse")


def instances(c):
    task_a, task_b = "0123456789abcdef0123456789abcdef", "fedcba9876543210fedcba9876543210"
    out = c.sd.register_instance(ServiceId=c.backend, InstanceId=task_a, Attributes={
        "AWS_INSTANCE_IPV4": "10.0.1.15", "AWS_INSTANCE_PORT": "8080", "AvailabilityZone": h.REGION + "a"})
    op = c.sd.get_operation(OperationId=out["OperationId"])["Operation"]
    check_eq(op["Type"], "REGISTER_INSTANCE", "register op")
    check_eq(op["Targets"], {"SERVICE": c.backend, "INSTANCE": task_a}, "register op targets")
    c.sd.register_instance(ServiceId=c.backend, InstanceId=task_b, Attributes={
        "AWS_INSTANCE_IPV4": "10.0.2.15", "AWS_INSTANCE_PORT": "8080", "AvailabilityZone": h.REGION + "b"})

    got = c.sd.get_instance(ServiceId=c.backend, InstanceId=task_a)
    check_eq(got["Instance"]["Attributes"]["AWS_INSTANCE_IPV4"], "10.0.1.15", "GetInstance")
    listed = c.sd.list_instances(ServiceId=c.backend)["Instances"]
    check_eq([i["Id"] for i in listed], [task_a, task_b], "ListInstances")
    check_eq(c.sd.get_service(Id=c.backend)["Service"]["InstanceCount"], 2, "InstanceCount")
    status = c.sd.get_instances_health_status(ServiceId=c.backend)["Status"]
    check_eq(status, {task_a: "HEALTHY", task_b: "HEALTHY"}, "health")

    found = c.sd.discover_instances(NamespaceName="ielts.local", ServiceName="backend")
    check_eq(len(found["Instances"]), 2, "DiscoverInstances")
    first = found["Instances"][0]
    check_eq((first["NamespaceName"], first["ServiceName"], first["HealthStatus"]),
             ("ielts.local", "backend", "HEALTHY"), "discovered instance")
    revision = found["InstancesRevision"]
    check_eq(c.sd.discover_instances_revision(NamespaceName="ielts.local", ServiceName="backend")["InstancesRevision"],
             revision, "DiscoverInstancesRevision")
    zone_b = c.sd.discover_instances(NamespaceName="ielts.local", ServiceName="backend",
                                     QueryParameters={"AvailabilityZone": h.REGION + "b"})["Instances"]
    check_eq([i["InstanceId"] for i in zone_b], [task_b], "QueryParameters")
    preferred = c.sd.discover_instances(NamespaceName="ielts.local", ServiceName="backend",
                                        OptionalParameters={"AvailabilityZone": h.REGION + "a"})["Instances"]
    check_eq([i["InstanceId"] for i in preferred], [task_a], "OptionalParameters")
    check_eq(len(c.sd.discover_instances(NamespaceName="ielts.local", ServiceName="backend",
                                         MaxResults=1)["Instances"]), 1, "MaxResults")

    c.sd.update_instance_custom_health_status(ServiceId=c.backend, InstanceId=task_b, Status="UNHEALTHY")
    check_eq(c.sd.get_instances_health_status(ServiceId=c.backend, Instances=[task_b])["Status"],
             {task_b: "UNHEALTHY"}, "custom health")
    healthy = c.sd.discover_instances(NamespaceName="ielts.local", ServiceName="backend", HealthStatus="HEALTHY")
    check_eq([i["InstanceId"] for i in healthy["Instances"]], [task_a], "HEALTHY filter")
    check(healthy["InstancesRevision"] > revision, "revision moves on a health change")
    every = c.sd.discover_instances(NamespaceName="ielts.local", ServiceName="backend", HealthStatus="ALL")
    check_eq(sorted(i["HealthStatus"] for i in every["Instances"]), ["HEALTHY", "UNHEALTHY"], "ALL filter")

    c.sd.register_instance(ServiceId=c.api, InstanceId="i-1", Attributes={"AWS_INSTANCE_IPV4": "10.0.3.4",
                                                                          "AWS_INSTANCE_PORT": "80"})
    out = c.sd.deregister_instance(ServiceId=c.backend, InstanceId=task_b)
    check_eq(c.sd.get_operation(OperationId=out["OperationId"])["Operation"]["Type"], "DEREGISTER_INSTANCE", "dereg")
    check_eq([i["Id"] for i in c.sd.list_instances(ServiceId=c.backend)["Instances"]], [task_a], "after deregister")

    ops = [o for page in c.sd.get_paginator("list_operations").paginate(PaginationConfig={"PageSize": 3})
           for o in page["Operations"]]
    check(len(ops) >= 8, "ListOperations sees every operation: %d", len(ops))
    registers = c.sd.list_operations(Filters=[{"Name": "TYPE", "Values": ["REGISTER_INSTANCE"], "Condition": "EQ"}])
    check_eq(len(registers["Operations"]), 3, "TYPE filter")
    by_service = c.sd.list_operations(Filters=[{"Name": "SERVICE_ID", "Values": [c.backend]}])["Operations"]
    check_eq(len(by_service), 3, "SERVICE_ID filter")


def instance_errors(c):
    expect_client_error(lambda: c.sd.get_instance(ServiceId=c.backend, InstanceId="nope"), "InstanceNotFound")
    expect_client_error(lambda: c.sd.deregister_instance(ServiceId=c.backend, InstanceId="nope"), "InstanceNotFound")
    expect_client_error(lambda: c.sd.register_instance(ServiceId="srv-0000000000000000", InstanceId="x",
                                                       Attributes={}), "ServiceNotFound")
    expect_client_error(lambda: c.sd.register_instance(ServiceId=c.api, InstanceId="x",
                                                       Attributes={"AWS_INSTANCE_PORT": "80"}), "InvalidInput")
    expect_client_error(lambda: c.sd.list_instances(ServiceId="srv-0000000000000000"), "ServiceNotFound")
    expect_client_error(lambda: c.sd.discover_instances(NamespaceName="nope.local", ServiceName="backend"),
                        "NamespaceNotFound")
    expect_client_error(lambda: c.sd.discover_instances(NamespaceName="ielts.local", ServiceName="nope"),
                        "ServiceNotFound")
    expect_client_error(lambda: c.sd.update_instance_custom_health_status(ServiceId=c.api, InstanceId="i-1",
                                                                          Status="HEALTHY"), "CustomHealthNotFound")
    expect_client_error(lambda: c.sd.delete_service(Id=c.backend), "ResourceInUse")


def tags(c):
    arn = ARN_PREFIX + "namespace/" + c.http_ns
    check_eq(c.sd.list_tags_for_resource(ResourceARN=arn)["Tags"], [{"Key": "Project", "Value": "ielts"}], "tags")
    c.sd.tag_resource(ResourceARN=arn, Tags=[{"Key": "Env", "Value": "prod"}])
    check_eq(len(c.sd.list_tags_for_resource(ResourceARN=arn)["Tags"]), 2, "tagged")
    c.sd.untag_resource(ResourceARN=arn, TagKeys=["Project"])
    check_eq(c.sd.list_tags_for_resource(ResourceARN=arn)["Tags"], [{"Key": "Env", "Value": "prod"}], "untagged")
    service_arn = ARN_PREFIX + "service/" + c.backend
    check_eq(c.sd.list_tags_for_resource(ResourceARN=service_arn)["Tags"],
             [{"Key": "AmazonECSManaged", "Value": "true"}], "service tags")
    expect_client_error(lambda: c.sd.list_tags_for_resource(ResourceARN=arn + "0"), "ResourceNotFoundException")
    expect_client_error(lambda: c.sd.tag_resource(ResourceARN=ARN_PREFIX + "namespace/ns-0000000000000000",
                                                  Tags=[{"Key": "a", "Value": "b"}]), "ResourceNotFoundException")


def raw_wire(c):
    status, headers, body = h.http_request(
        c.server.host, c.server.port, "POST", "/", body=json.dumps({}),
        headers=h.json_headers("Route53AutoNaming_v20170314.Bogus", "servicediscovery"))
    check_eq(status, 400, "unknown operation status")
    check_eq(json.loads(body)["__type"], "UnknownOperationException", "unknown operation code")
    status, headers, body = h.http_request(
        c.server.host, c.server.port, "POST", "/", body=json.dumps({"Name": 7}),
        headers=h.json_headers("Route53AutoNaming_v20170314.CreateHttpNamespace", "servicediscovery"))
    check_eq((status, json.loads(body)["__type"]), (400, "SerializationException"), "type mismatch")
    status, headers, body = h.http_request(
        c.server.host, c.server.port, "POST", "/", body=json.dumps({}),
        headers=h.json_headers("Route53AutoNaming_v20170314.GetNamespace", "servicediscovery"))
    check_eq((status, json.loads(body)["__type"]), (400, "InvalidInput"), "missing Id")
    check_eq(headers.get("content-type"), "application/x-amz-json-1.1", "content type")


def regions(c):
    other = h.client(c.server, "servicediscovery", region="eu-west-1")
    check_eq(other.list_namespaces()["Namespaces"], [], "other region is empty")
    other.create_http_namespace(Name="ielts.local")  # same name, other region: allowed
    ns = other.list_namespaces()["Namespaces"][0]
    check(ns["Arn"].startswith("arn:aws:servicediscovery:eu-west-1:"), "ARN carries the region: %s", ns["Arn"])


def clis(c):
    for generation in ("v1", "v2"):
        cli = h.Cli(generation, c.server.endpoint)
        name = "cli-%s.local" % generation
        out = cli.ok("servicediscovery", "create-http-namespace", "--name", name)
        check_match(OPERATION_ID, out["OperationId"], "%s create-http-namespace" % generation)
        op = cli.ok("servicediscovery", "get-operation", "--operation-id", out["OperationId"])
        ns_id = op["Operation"]["Targets"]["NAMESPACE"]
        listed = cli.ok("servicediscovery", "list-namespaces", "--filters", "Name=TYPE,Values=HTTP,Condition=EQ")
        check(ns_id in [n["Id"] for n in listed["Namespaces"]], "%s list-namespaces", generation)
        svc = cli.ok("servicediscovery", "create-service", "--name", "web", "--namespace-id", ns_id)["Service"]
        cli.ok("servicediscovery", "register-instance", "--service-id", svc["Id"], "--instance-id", "web-1",
               "--attributes", "AWS_INSTANCE_IPV4=10.0.9.9,AWS_INSTANCE_PORT=80")
        instances_out = cli.ok("servicediscovery", "list-instances", "--service-id", svc["Id"])
        check_eq([i["Id"] for i in instances_out["Instances"]], ["web-1"], "%s list-instances" % generation)
        if generation == "v1":
            found = cli.ok("servicediscovery", "discover-instances", "--namespace-name", name, "--service-name", "web",
                           env={"AWS_DISABLE_HOST_PREFIX_INJECTION": "true"})
            check_eq(found["Instances"][0]["Attributes"]["AWS_INSTANCE_IPV4"], "10.0.9.9", "v1 discover-instances")
        bad = cli.run("servicediscovery", "get-namespace", "--id", "ns-0000000000000000")
        check(bad.rc != 0 and "NamespaceNotFound" in bad.stderr, "%s error: %s", generation, bad.describe())
        cli.ok("servicediscovery", "deregister-instance", "--service-id", svc["Id"], "--instance-id", "web-1")
        cli.ok("servicediscovery", "delete-service", "--id", svc["Id"])
        cli.ok("servicediscovery", "delete-namespace", "--id", ns_id)


def restart_replay(c):
    """Mutations are journaled and replayed: a restarted server has the same ids and operations."""
    with h.TempDir(prefix="ecsemu-e2e-cloudmap-") as data:
        first = h.Server(data_dir=data).start()
        try:
            sd = h.client(first, "servicediscovery")
            created = sd.create_http_namespace(Name="replay.local")["OperationId"]
            ns_id = sd.get_operation(OperationId=created)["Operation"]["Targets"]["NAMESPACE"]
            service_id = sd.create_service(Name="svc", NamespaceId=ns_id)["Service"]["Id"]
            sd.register_instance(ServiceId=service_id, InstanceId="i-1", Attributes={"AWS_INSTANCE_IPV4": "10.0.0.1"})
            before = sd.discover_instances(NamespaceName="replay.local", ServiceName="svc")
        finally:
            first.stop()
        second = h.Server(data_dir=data).start()
        try:
            sd = h.client(second, "servicediscovery")
            check_eq(sd.get_operation(OperationId=created)["Operation"]["Targets"]["NAMESPACE"], ns_id, "operation")
            check_eq(sd.get_service(Id=service_id)["Service"]["InstanceCount"], 1, "service after restart")
            after = sd.discover_instances(NamespaceName="replay.local", ServiceName="svc")
            check_eq(h.strip_metadata(after), h.strip_metadata(before), "discovery after restart")
            # The id sequence continues where it stopped rather than repeating.
            again = sd.create_service(Name="svc2", NamespaceId=ns_id)["Service"]["Id"]
            check(again != service_id, "new service id %s", again)
        finally:
            second.stop()


def teardown(c):
    for service_id in (c.backend, c.api):
        for instance in c.sd.list_instances(ServiceId=service_id)["Instances"]:
            c.sd.deregister_instance(ServiceId=service_id, InstanceId=instance["Id"])
        c.sd.delete_service(Id=service_id)
    out = c.sd.delete_namespace(Id=c.http_ns)
    check_eq(c.sd.get_operation(OperationId=out["OperationId"])["Operation"]["Type"], "DELETE_NAMESPACE", "delete op")
    expect_client_error(lambda: c.sd.get_namespace(Id=c.http_ns), "NamespaceNotFound")
    h.wait_until(lambda: operation_status(c, out["OperationId"]) == "SUCCESS", 5, what="DELETE_NAMESPACE SUCCESS")


CASES = [
    ("namespaces: create/get/list/update, operation lifecycle", namespaces),
    ("namespaces: error codes", namespace_errors),
    ("services: create/get/list/update", services),
    ("services: error codes", service_errors),
    ("instances: register/list/health/discover/deregister, ListOperations", instances),
    ("instances: error codes", instance_errors),
    ("tags", tags),
    ("raw JSON 1.1 wire", raw_wire),
    ("regions are isolated", regions),
    ("aws CLI v1 and v2", clis),
    ("journal: state survives a restart", restart_replay),
    ("teardown", teardown),
]


def main():
    suite = h.Suite("test_cloudmap_api")
    server = h.Server()
    try:
        with suite.case("server starts"):
            server.start()
        if not server.alive():
            return suite.finish()
        ctx = Ctx(server)
        for name, fn in CASES:
            with suite.case(name):
                fn(ctx)
        with suite.case("server still healthy"):
            check_eq(server.health(), 200, "health")
            check(server.alive(), "server process died")
    finally:
        server.stop()
    return suite.finish()


if __name__ == "__main__":
    sys.exit(main())
