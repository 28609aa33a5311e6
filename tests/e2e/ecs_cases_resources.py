"""boto3 cases for EC2/STS, clusters and task definitions."""
import ecsemu_harness as h
from ecs_cases_common import A, ARN, FARGATE_NOT_FOUND_PREFIX, INVALID_FARGATE, VALID_FARGATE, container, register
from ecsemu_harness import check, check_eq, check_match, expect_client_error


# ------------------------------------------------------------------------------------------------ EC2 / STS


def ec2_network(c):
    vpc = c.ec2.create_vpc(CidrBlock="10.1.0.0/16", TagSpecifications=[
        {"ResourceType": "vpc", "Tags": [{"Key": "Name", "Value": "e2e-vpc"}]}])["Vpc"]
    check_match(r"vpc-[0-9a-f]{17}", vpc["VpcId"], "VpcId")
    check_eq(vpc.get("CidrBlock"), "10.1.0.0/16", "Vpc.CidrBlock")
    check(vpc.get("State") in ("pending", "available"), "Vpc.State %r", vpc.get("State"))
    c.vpc = vpc["VpcId"]
    got = c.ec2.describe_vpcs(VpcIds=[c.vpc])["Vpcs"]
    check_eq([v["VpcId"] for v in got], [c.vpc], "DescribeVpcs VpcIds")
    check_eq(got[0].get("State"), "available", "DescribeVpcs State")
    check({"Key": "Name", "Value": "e2e-vpc"} in got[0].get("Tags", []), "DescribeVpcs tags %r", got[0].get("Tags"))
    by_tag = c.ec2.describe_vpcs(Filters=[{"Name": "tag:Name", "Values": ["e2e-vpc"]}])["Vpcs"]
    check_eq([v["VpcId"] for v in by_tag], [c.vpc], "DescribeVpcs tag:Name filter")
    for az, cidr in (("ap-southeast-1a", "10.1.1.0/24"), ("ap-southeast-1b", "10.1.2.0/24"),
                     ("ap-southeast-1c", "10.1.3.0/25")):
        s = c.ec2.create_subnet(VpcId=c.vpc, CidrBlock=cidr, AvailabilityZone=az)["Subnet"]
        check_match(r"subnet-[0-9a-f]{17}", s["SubnetId"], "SubnetId")
        check_eq((s.get("VpcId"), s.get("CidrBlock"), s.get("AvailabilityZone")), (c.vpc, cidr, az), "Subnet echo")
        check_eq(s.get("AvailableIpAddressCount"), 251 if cidr.endswith("/24") else 123, "AvailableIpAddressCount")
        c.subnets.append(s["SubnetId"])
    subnets = c.ec2.describe_subnets(Filters=[{"Name": "vpc-id", "Values": [c.vpc]}])["Subnets"]
    check_eq(sorted(s["SubnetId"] for s in subnets), sorted(c.subnets), "DescribeSubnets vpc-id filter")
    one = c.ec2.describe_subnets(SubnetIds=[c.subnets[1]])["Subnets"]
    check_eq([(s["SubnetId"], s["AvailabilityZone"]) for s in one], [(c.subnets[1], "ap-southeast-1b")],
             "DescribeSubnets SubnetIds")
    sg = c.ec2.create_security_group(GroupName="e2e-sg", Description="e2e test group", VpcId=c.vpc)
    check_match(r"sg-[0-9a-f]{17}", sg["GroupId"], "GroupId")
    c.sg = sg["GroupId"]
    groups = c.ec2.describe_security_groups(GroupIds=[c.sg])["SecurityGroups"]
    check_eq([(g["GroupId"], g["GroupName"], g.get("Description"), g.get("VpcId")) for g in groups],
             [(c.sg, "e2e-sg", "e2e test group", c.vpc)], "DescribeSecurityGroups")
    by_name = c.ec2.describe_security_groups(Filters=[{"Name": "group-name", "Values": ["e2e-sg"]}])["SecurityGroups"]
    check_eq([g["GroupId"] for g in by_name], [c.sg], "DescribeSecurityGroups group-name filter")


def ec2_errors(c):
    expect_client_error(lambda: c.ec2.create_security_group(GroupName="e2e-sg", Description="dup", VpcId=c.vpc),
                        "InvalidGroup.Duplicate", what="CreateSecurityGroup duplicate name")
    expect_client_error(lambda: c.ec2.create_subnet(VpcId="vpc-0123456789abcdef0", CidrBlock="10.9.0.0/24"),
                        "InvalidVpcID.NotFound", what="CreateSubnet unknown VPC")
    expect_client_error(lambda: c.ec2.create_subnet(VpcId=c.vpc, CidrBlock="10.1.1.0/24"),
                        "InvalidSubnet.Conflict", what="CreateSubnet overlapping CIDR")
    expect_client_error(lambda: c.ec2.create_subnet(VpcId=c.vpc, CidrBlock="192.168.0.0/24"),
                        ("InvalidSubnet.Range",), what="CreateSubnet CIDR outside the VPC")
    expect_client_error(lambda: c.ec2.describe_subnets(SubnetIds=["subnet-0123456789abcdef0"]),
                        "InvalidSubnetID.NotFound", what="DescribeSubnets unknown id")
    expect_client_error(lambda: c.ec2.describe_vpcs(VpcIds=["vpc-0123456789abcdef0"]),
                        "InvalidVpcID.NotFound", what="DescribeVpcs unknown id")
    expect_client_error(lambda: c.ec2.describe_security_groups(GroupIds=["sg-0123456789abcdef0"]),
                        "InvalidGroup.NotFound", what="DescribeSecurityGroups unknown id")
    expect_client_error(lambda: c.ec2.create_vpc(CidrBlock="not-a-cidr"),
                        ("InvalidParameterValue", "InvalidVpcRange"), what="CreateVpc bad CIDR")
    expect_client_error(lambda: c.ec2.create_subnet(VpcId=c.vpc, CidrBlock="10.1.9.0/24",
                                                    AvailabilityZone="ap-southeast-1z"),
                        "InvalidParameterValue", what="CreateSubnet unknown AZ")


def sts_identity(c):
    ident = c.sts.get_caller_identity()
    check_eq(ident.get("Account"), A, "GetCallerIdentity Account")
    check_match(r"arn:aws:(iam|sts)::%s:.+" % A, ident.get("Arn"), "GetCallerIdentity Arn")
    check(bool(ident.get("UserId")), "GetCallerIdentity UserId empty")
    ident2 = h.client(c.server, "sts", region="us-east-1").get_caller_identity()
    check_eq(ident2.get("Account"), A, "GetCallerIdentity (us-east-1) Account")


# ------------------------------------------------------------------------------------------------ clusters


def clusters_create_describe(c):
    out = c.ecs.create_cluster(clusterName="e2e-a", tags=[{"key": "team", "value": "qa"}],
                               settings=[{"name": "containerInsights", "value": "enabled"}])["cluster"]
    check_eq(out.get("clusterArn"), ARN + "cluster/e2e-a", "clusterArn")
    check_eq(out.get("clusterName"), "e2e-a", "clusterName")
    check_eq(out.get("status"), "ACTIVE", "status")
    for k in ("runningTasksCount", "pendingTasksCount", "activeServicesCount", "registeredContainerInstancesCount"):
        check_eq(out.get(k), 0, k)
    again = c.ecs.create_cluster(clusterName="e2e-a")["cluster"]
    check_eq(again.get("clusterArn"), out["clusterArn"], "CreateCluster on an existing name is idempotent")
    default = c.ecs.create_cluster()["cluster"]
    check_eq(default.get("clusterArn"), ARN + "cluster/default", "CreateCluster without a name -> default")
    d = c.ecs.describe_clusters(clusters=["e2e-a", ARN + "cluster/e2e-a", "e2e-missing"], include=["TAGS", "SETTINGS"])
    check_eq([x["clusterArn"] for x in d["clusters"]], [ARN + "cluster/e2e-a"] * 2, "DescribeClusters by name and ARN")
    check_eq(d["clusters"][0].get("tags"), [{"key": "team", "value": "qa"}], "DescribeClusters include=TAGS")
    check({"name": "containerInsights", "value": "enabled"} in (d["clusters"][0].get("settings") or []),
          "DescribeClusters settings %r", d["clusters"][0].get("settings"))
    check_eq(d.get("failures"), [{"arn": ARN + "cluster/e2e-missing", "reason": "MISSING"}], "DescribeClusters failures")
    no_args = c.ecs.describe_clusters()
    check_eq([x["clusterArn"] for x in no_args["clusters"]], [ARN + "cluster/default"],
             "DescribeClusters without names describes 'default'")
    fresh = h.client(c.server, "ecs", region="eu-west-3").describe_clusters()
    check_eq(fresh.get("clusters"), [], "DescribeClusters default in an empty region: clusters")
    check_eq(fresh.get("failures"), [{"arn": "arn:aws:ecs:eu-west-3:%s:cluster/default" % A, "reason": "MISSING"}],
             "DescribeClusters default in an empty region: failures")


def clusters_invalid(c):
    expect_client_error(lambda: c.ecs.create_cluster(clusterName="bad name!"),
                        ("InvalidParameterException", "ClientException"), what="CreateCluster invalid name")
    expect_client_error(lambda: c.ecs.create_cluster(clusterName="x" * 256),
                        ("InvalidParameterException", "ClientException"), what="CreateCluster 256-char name")
    expect_client_error(lambda: c.ecs.create_cluster(clusterName="e2e-badsetting",
                                                     settings=[{"name": "containerInsights", "value": "maybe"}]),
                        ("InvalidParameterException", "ClientException"), what="CreateCluster bad setting value")


def clusters_list_pagination(c):
    names = ["e2e-page-%02d" % i for i in range(7)]
    for n in names:
        c.ecs.create_cluster(clusterName=n)
    seen, token, pages = [], None, 0
    while True:
        kw = {"maxResults": 3}
        if token:
            kw["nextToken"] = token
        page = c.ecs.list_clusters(**kw)
        pages += 1
        check(len(page["clusterArns"]) <= 3, "ListClusters maxResults=3 returned %d", len(page["clusterArns"]))
        seen += page["clusterArns"]
        token = page.get("nextToken")
        if not token:
            break
        check(pages < 50, "ListClusters pagination does not end")
    check_eq(len(seen), len(set(seen)), "ListClusters pages overlap (duplicates)")
    all_arns = c.ecs.list_clusters(maxResults=100)["clusterArns"]
    check_eq(sorted(seen), sorted(all_arns), "ListClusters pages == single page")
    for n in names:
        check(ARN + "cluster/" + n in seen, "ListClusters lacks %s", n)
    via_paginator = [a for p in c.ecs.get_paginator("list_clusters").paginate(PaginationConfig={"PageSize": 2})
                     for a in p["clusterArns"]]
    check_eq(sorted(via_paginator), sorted(all_arns), "list_clusters paginator")
    expect_client_error(lambda: c.ecs.list_clusters(nextToken="not-a-token"),
                        ("InvalidParameterException", "ClientException"), what="ListClusters garbage nextToken")
    expect_client_error(lambda: c.ecs.list_clusters(maxResults=101),
                        ("InvalidParameterException", "ClientException"), what="ListClusters maxResults=101")


def clusters_capacity_providers(c):
    c.ecs.create_cluster(clusterName="e2e-cp")
    out = c.ecs.put_cluster_capacity_providers(
        cluster="e2e-cp", capacityProviders=["FARGATE", "FARGATE_SPOT"],
        defaultCapacityProviderStrategy=[{"capacityProvider": "FARGATE", "weight": 1, "base": 1},
                                         {"capacityProvider": "FARGATE_SPOT", "weight": 3}])["cluster"]
    check_eq(sorted(out.get("capacityProviders") or []), ["FARGATE", "FARGATE_SPOT"], "capacityProviders")
    strategy = {s["capacityProvider"]: (s.get("weight"), s.get("base", 0))
                for s in out.get("defaultCapacityProviderStrategy") or []}
    check_eq(strategy, {"FARGATE": (1, 1), "FARGATE_SPOT": (3, 0)}, "defaultCapacityProviderStrategy")
    d = c.ecs.describe_clusters(clusters=["e2e-cp"])["clusters"][0]
    check_eq(sorted(d.get("capacityProviders") or []), ["FARGATE", "FARGATE_SPOT"], "described capacityProviders")
    expect_client_error(lambda: c.ecs.put_cluster_capacity_providers(
        cluster="e2e-nope", capacityProviders=["FARGATE"], defaultCapacityProviderStrategy=[]),
        "ClusterNotFoundException", "Cluster not found.", what="PutClusterCapacityProviders unknown cluster")
    expect_client_error(lambda: c.ecs.put_cluster_capacity_providers(
        cluster="e2e-cp", capacityProviders=["NO_SUCH_PROVIDER"], defaultCapacityProviderStrategy=[]),
        ("InvalidParameterException", "ClientException"), what="PutClusterCapacityProviders unknown provider")
    cleared = c.ecs.put_cluster_capacity_providers(cluster="e2e-cp", capacityProviders=[],
                                                   defaultCapacityProviderStrategy=[])["cluster"]
    check_eq(cleared.get("capacityProviders") or [], [], "capacityProviders after clearing")


def clusters_delete(c):
    c.ecs.create_cluster(clusterName="e2e-del")
    out = c.ecs.delete_cluster(cluster="e2e-del")["cluster"]
    check_eq(out.get("status"), "INACTIVE", "DeleteCluster status")
    check_eq(out.get("clusterArn"), ARN + "cluster/e2e-del", "DeleteCluster clusterArn")
    check(ARN + "cluster/e2e-del" not in c.ecs.list_clusters(maxResults=100)["clusterArns"],
          "deleted cluster still listed")
    d = c.ecs.describe_clusters(clusters=["e2e-del"])
    statuses = [x.get("status") for x in d["clusters"]]
    check(statuses == ["INACTIVE"] or d.get("failures") == [{"arn": ARN + "cluster/e2e-del", "reason": "MISSING"}],
          "deleted cluster: expected INACTIVE (or MISSING), got clusters=%r failures=%r", statuses, d.get("failures"))
    expect_client_error(lambda: c.ecs.delete_cluster(cluster="e2e-never"), "ClusterNotFoundException",
                        "Cluster not found.", what="DeleteCluster unknown")
    recreated = c.ecs.create_cluster(clusterName="e2e-del")["cluster"]
    check_eq(recreated.get("status"), "ACTIVE", "re-created cluster status")


# ------------------------------------------------------------------------------------------------ task definitions


def taskdefs_register(c):
    td = register(c.ecs, "e2e-web", tags=[{"key": "app", "value": "web"}])
    check_eq(td.get("taskDefinitionArn"), ARN + "task-definition/e2e-web:1", "taskDefinitionArn")
    check_eq((td.get("family"), td.get("revision"), td.get("status")), ("e2e-web", 1, "ACTIVE"), "family/revision/status")
    check_eq((td.get("cpu"), td.get("memory")), ("256", "512"), "cpu/memory")
    check_eq(td.get("networkMode"), "awsvpc", "networkMode")
    check("FARGATE" in (td.get("compatibilities") or []), "compatibilities %r", td.get("compatibilities"))
    check(td.get("registeredAt") is not None, "registeredAt missing")
    r2 = register(c.ecs, "e2e-web", cpu="1 vCPU", memory="2GB")
    check_eq((r2.get("revision"), r2.get("cpu"), r2.get("memory")), (2, "1024", "2048"),
             "revision 2 with cpu '1 vCPU' memory '2GB' normalised")
    r3 = register(c.ecs, "e2e-web", cpu="512", memory="1024")
    check_eq(r3.get("revision"), 3, "revision 3")
    hc = register(c.ecs, "e2e-hc", containerDefinitions=[container(healthCheck={"command": ["CMD-SHELL", "true"]})])
    got = hc["containerDefinitions"][0].get("healthCheck") or {}
    check_eq((got.get("interval"), got.get("timeout"), got.get("retries")), (30, 5, 3), "healthCheck defaults")


def taskdefs_fargate_validation(c):
    for cpu, mem in VALID_FARGATE:
        td = register(c.ecs, "e2e-sizes", cpu=str(cpu), memory=str(mem))
        check_eq((td["cpu"], td["memory"]), (str(cpu), str(mem)), "valid Fargate size %s/%s" % (cpu, mem))
    for cpu, mem in INVALID_FARGATE:
        e = expect_client_error(lambda: register(c.ecs, "e2e-badsize", cpu=str(cpu), memory=str(mem)),
                                "ClientException", what="Fargate %s CPU / %s MiB" % (cpu, mem))
        check((h.error_message(e) or "").startswith(FARGATE_NOT_FOUND_PREFIX),
              "Fargate %s/%s message %r does not start with %r", cpu, mem, h.error_message(e), FARGATE_NOT_FOUND_PREFIX)
    expect_client_error(lambda: c.ecs.register_task_definition(
        family="e2e-nocpu", networkMode="awsvpc", requiresCompatibilities=["FARGATE"], memory="512",
        containerDefinitions=[container()]), "ClientException", what="Fargate without task cpu")
    expect_client_error(lambda: c.ecs.register_task_definition(
        family="e2e-nomem", networkMode="awsvpc", requiresCompatibilities=["FARGATE"], cpu="256",
        containerDefinitions=[container()]), "ClientException", what="Fargate without task memory")
    expect_client_error(lambda: register(c.ecs, "e2e-bridge", networkMode="bridge"),
                        "ClientException", what="Fargate with networkMode bridge")
    expect_client_error(lambda: register(c.ecs, "e2e-nocontainers", containerDefinitions=[]),
                        "ClientException", what="no container definitions")
    expect_client_error(lambda: register(c.ecs, "bad family!"), "ClientException", what="family with '!'")
    families = c.ecs.list_task_definition_families(familyPrefix="e2e-badsize", status="ALL")["families"]
    check_eq(families, [], "rejected registrations must not create a family")


def taskdefs_describe(c):
    latest = c.ecs.describe_task_definition(taskDefinition="e2e-web")["taskDefinition"]
    check_eq(latest.get("revision"), 3, "describe by family -> latest ACTIVE revision")
    by_rev = c.ecs.describe_task_definition(taskDefinition="e2e-web:2")["taskDefinition"]
    check_eq(by_rev.get("taskDefinitionArn"), ARN + "task-definition/e2e-web:2", "describe family:revision")
    by_arn = c.ecs.describe_task_definition(taskDefinition=ARN + "task-definition/e2e-web:1", include=["TAGS"])
    check_eq(by_arn["taskDefinition"].get("revision"), 1, "describe by ARN")
    check_eq(by_arn.get("tags"), [{"key": "app", "value": "web"}], "describe include=TAGS")
    expect_client_error(lambda: c.ecs.describe_task_definition(taskDefinition="e2e-nope"), "ClientException",
                        "Unable to describe task definition.", what="DescribeTaskDefinition unknown family")
    expect_client_error(lambda: c.ecs.describe_task_definition(taskDefinition="e2e-web:99"), "ClientException",
                        "Unable to describe task definition.", what="DescribeTaskDefinition unknown revision")


def taskdefs_list(c):
    arns = c.ecs.list_task_definitions(familyPrefix="e2e-web")["taskDefinitionArns"]
    check_eq(arns, [ARN + "task-definition/e2e-web:%d" % i for i in (1, 2, 3)], "ListTaskDefinitions familyPrefix")
    desc = c.ecs.list_task_definitions(familyPrefix="e2e-web", sort="DESC")["taskDefinitionArns"]
    check_eq(desc, list(reversed(arns)), "ListTaskDefinitions sort=DESC")
    p1 = c.ecs.list_task_definitions(familyPrefix="e2e-web", maxResults=2)
    check_eq(p1["taskDefinitionArns"], arns[:2], "ListTaskDefinitions page 1")
    check(p1.get("nextToken"), "ListTaskDefinitions page 1 lacks nextToken")
    p2 = c.ecs.list_task_definitions(familyPrefix="e2e-web", maxResults=2, nextToken=p1["nextToken"])
    check_eq(p2["taskDefinitionArns"], arns[2:], "ListTaskDefinitions page 2")
    check("nextToken" not in p2, "ListTaskDefinitions last page has nextToken %r" % p2.get("nextToken"))
    fams = c.ecs.list_task_definition_families(familyPrefix="e2e-")["families"]
    for f in ("e2e-web", "e2e-hc", "e2e-sizes"):
        check(f in fams, "ListTaskDefinitionFamilies lacks %s: %r" % (f, fams))
    check_eq(fams, sorted(fams), "ListTaskDefinitionFamilies order")
    pages = [f for p in c.ecs.get_paginator("list_task_definition_families").paginate(
        familyPrefix="e2e-", PaginationConfig={"PageSize": 1}) for f in p["families"]]
    check_eq(pages, fams, "list_task_definition_families paginator (page size 1)")


def taskdefs_deregister(c):
    out = c.ecs.deregister_task_definition(taskDefinition="e2e-web:1")["taskDefinition"]
    check_eq((out.get("revision"), out.get("status")), (1, "INACTIVE"), "deregistered revision status")
    check(out.get("deregisteredAt") is not None, "deregisteredAt missing")
    still = c.ecs.describe_task_definition(taskDefinition="e2e-web:1")["taskDefinition"]
    check_eq(still.get("status"), "INACTIVE", "INACTIVE revision still describable")
    active = c.ecs.list_task_definitions(familyPrefix="e2e-web", status="ACTIVE")["taskDefinitionArns"]
    check(ARN + "task-definition/e2e-web:1" not in active, "ACTIVE list contains the deregistered revision")
    inactive = c.ecs.list_task_definitions(familyPrefix="e2e-web", status="INACTIVE")["taskDefinitionArns"]
    check_eq(inactive, [ARN + "task-definition/e2e-web:1"], "INACTIVE list")
    nxt = register(c.ecs, "e2e-web")
    check_eq(nxt.get("revision"), 4, "revision numbers are never reused")
    expect_client_error(lambda: c.ecs.deregister_task_definition(taskDefinition="e2e-web"),
                        ("ClientException", "InvalidParameterException"), what="Deregister without revision")
    expect_client_error(lambda: c.ecs.deregister_task_definition(taskDefinition="e2e-nope:1"),
                        ("ClientException", "InvalidParameterException"), what="Deregister unknown")
    # A family whose revisions are all inactive is INACTIVE in ListTaskDefinitionFamilies.
    register(c.ecs, "e2e-gone")
    c.ecs.deregister_task_definition(taskDefinition="e2e-gone:1")
    check("e2e-gone" not in c.ecs.list_task_definition_families(familyPrefix="e2e-gone", status="ACTIVE")["families"],
          "fully deregistered family listed as ACTIVE")
    check_eq(c.ecs.list_task_definition_families(familyPrefix="e2e-gone", status="INACTIVE")["families"],
             ["e2e-gone"], "ListTaskDefinitionFamilies status=INACTIVE")
