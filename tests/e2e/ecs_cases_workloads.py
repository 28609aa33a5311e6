"""boto3 cases for services, tasks, tags, regions and the --account-id flag."""
import re

import ecsemu_harness as h
from ecs_cases_common import A, ARN, create_service, register
from ecsemu_harness import check, check_eq, check_match, expect_client_error


# ------------------------------------------------------------------------------------------------ services


def services_create(c):
    c.ecs.create_cluster(clusterName="e2e-svc")
    s = create_service(c, "e2e-svc", "web")
    check_eq(s.get("serviceArn"), ARN + "service/e2e-svc/web", "serviceArn")
    check_eq(s.get("clusterArn"), ARN + "cluster/e2e-svc", "clusterArn")
    check_eq((s.get("status"), s.get("desiredCount"), s.get("launchType")), ("ACTIVE", 2, "FARGATE"),
             "status/desiredCount/launchType")
    latest = c.ecs.describe_task_definition(taskDefinition="e2e-web")["taskDefinition"]["taskDefinitionArn"]
    check_eq(s.get("taskDefinition"), latest, "taskDefinition resolved to the latest ACTIVE revision's ARN")
    dc = s.get("deploymentConfiguration") or {}
    check_eq((dc.get("maximumPercent"), dc.get("minimumHealthyPercent")), (200, 100), "deployment percents")
    check_eq(dc.get("deploymentCircuitBreaker"), {"enable": False, "rollback": False}, "circuit breaker default")
    check_eq(s.get("schedulingStrategy"), "REPLICA", "schedulingStrategy")
    check_eq(s.get("deploymentController"), {"type": "ECS"}, "deploymentController")
    check_eq(s.get("platformVersion"), "LATEST", "platformVersion")
    check_eq(s.get("networkConfiguration"), c.awsvpc(), "networkConfiguration echo")
    deps = s.get("deployments") or []
    check_eq([d.get("status") for d in deps], ["PRIMARY"], "deployments")
    check_match(r"ecs-svc/\d{19}", deps[0].get("id"), "deployment id")
    check(s.get("createdAt") is not None, "createdAt missing")
    check_eq(c.ecs.describe_clusters(clusters=["e2e-svc"])["clusters"][0].get("activeServicesCount"), 1,
             "cluster activeServicesCount")


def services_create_errors(c):
    e = expect_client_error(lambda: create_service(c, "e2e-svc", "web", desired=3), "InvalidParameterException",
                            "Creation of service was not idempotent.", what="CreateService existing name, other params")
    expect_client_error(lambda: create_service(c, "e2e-nocluster", "web"), "ClusterNotFoundException",
                        "Cluster not found.", what="CreateService unknown cluster")
    expect_client_error(lambda: create_service(c, "e2e-svc", "ghost", td="e2e-nope"), "ClientException",
                        "TaskDefinition not found.", what="CreateService unknown task definition")
    expect_client_error(lambda: create_service(c, "e2e-svc", "ghost", td="e2e-web:1"),
                        ("ClientException", "InvalidParameterException"), what="CreateService INACTIVE revision")
    expect_client_error(lambda: c.ecs.create_service(cluster="e2e-svc", serviceName="nonet", taskDefinition="e2e-web",
                                                     desiredCount=1, launchType="FARGATE"),
                        "InvalidParameterException", what="CreateService awsvpc without networkConfiguration")
    expect_client_error(lambda: create_service(c, "e2e-svc", "neg", desired=-1),
                        ("InvalidParameterException", "ClientException"), what="CreateService desiredCount -1")
    expect_client_error(lambda: create_service(c, "e2e-svc", "bad name!"),
                        ("InvalidParameterException", "ClientException"), what="CreateService invalid name")
    names = c.ecs.describe_services(cluster="e2e-svc", services=["ghost", "nonet", "neg"])
    check_eq(names.get("services"), [], "failed CreateService calls must not create services")
    return e


def services_describe(c):
    d = c.ecs.describe_services(cluster="e2e-svc", services=["web", ARN + "service/e2e-svc/web", "missing"])
    check_eq([s["serviceArn"] for s in d["services"]], [ARN + "service/e2e-svc/web"] * 2, "by name and ARN")
    fails = d.get("failures") or []
    check_eq(len(fails), 1, "one failure")
    check_eq(fails[0].get("reason"), "MISSING", "failure reason")
    check(fails[0].get("arn") in (ARN + "service/e2e-svc/missing", ARN + "service/missing"),
          "failure arn %r" % fails[0].get("arn"))
    expect_client_error(lambda: c.ecs.describe_services(cluster="e2e-nocluster", services=["web"]),
                        "ClusterNotFoundException", "Cluster not found.", what="DescribeServices unknown cluster")
    expect_client_error(lambda: c.ecs.describe_services(cluster="e2e-svc", services=["s%d" % i for i in range(11)]),
                        ("InvalidParameterException", "ClientException"), what="DescribeServices 11 names")
    with_tags = c.ecs.describe_services(cluster="e2e-svc", services=["web"], include=["TAGS"])
    check_eq(len(with_tags["services"]), 1, "include=TAGS")


def services_list(c):
    c.ecs.create_cluster(clusterName="e2e-many")
    for i in range(12):
        create_service(c, "e2e-many", "svc-%02d" % i, desired=0)
    first = c.ecs.list_services(cluster="e2e-many")
    check_eq(len(first["serviceArns"]), 10, "ListServices default page size")
    check(first.get("nextToken"), "ListServices lacks nextToken after 10 of 12")
    rest = c.ecs.list_services(cluster="e2e-many", nextToken=first["nextToken"])
    all_arns = first["serviceArns"] + rest["serviceArns"]
    check_eq(sorted(all_arns), sorted(ARN + "service/e2e-many/svc-%02d" % i for i in range(12)), "all services")
    paged = [a for p in c.ecs.get_paginator("list_services").paginate(cluster="e2e-many",
                                                                      PaginationConfig={"PageSize": 5})
             for a in p["serviceArns"]]
    check_eq(sorted(paged), sorted(all_arns), "list_services paginator")
    check_eq(c.ecs.list_services(cluster="e2e-many", launchType="EC2")["serviceArns"], [], "launchType=EC2 filter")
    check_eq(len(c.ecs.list_services(cluster="e2e-many", launchType="FARGATE", maxResults=100)["serviceArns"]), 12,
             "launchType=FARGATE filter")
    expect_client_error(lambda: c.ecs.list_services(cluster="e2e-nocluster"), "ClusterNotFoundException",
                        "Cluster not found.", what="ListServices unknown cluster")


def services_update(c):
    s = c.ecs.update_service(cluster="e2e-svc", service="web", desiredCount=3)["service"]
    check_eq(s.get("desiredCount"), 3, "UpdateService desiredCount")
    s = c.ecs.update_service(cluster="e2e-svc", service="web", taskDefinition="e2e-web:3",
                             deploymentConfiguration={"maximumPercent": 150, "minimumHealthyPercent": 50})["service"]
    check_eq(s.get("taskDefinition"), ARN + "task-definition/e2e-web:3", "UpdateService taskDefinition")
    deps = s.get("deployments") or []
    check(len(deps) >= 1 and deps[0].get("status") == "PRIMARY", "first deployment must be PRIMARY: %r",
          [(d.get("status"), d.get("taskDefinition")) for d in deps])
    check_eq(deps[0].get("taskDefinition"), ARN + "task-definition/e2e-web:3", "PRIMARY deployment taskDefinition")
    check(all(d.get("status") in ("ACTIVE", "INACTIVE") for d in deps[1:]), "older deployments %r",
          [d.get("status") for d in deps])
    dc = s.get("deploymentConfiguration") or {}
    check_eq((dc.get("maximumPercent"), dc.get("minimumHealthyPercent")), (150, 50), "updated deployment percents")
    expect_client_error(lambda: c.ecs.update_service(cluster="e2e-svc", service="nope", desiredCount=1),
                        "ServiceNotFoundException", "Service not found.", what="UpdateService unknown service")
    expect_client_error(lambda: c.ecs.update_service(cluster="e2e-nocluster", service="web", desiredCount=1),
                        "ClusterNotFoundException", "Cluster not found.", what="UpdateService unknown cluster")
    expect_client_error(lambda: c.ecs.update_service(cluster="e2e-svc", service="web", taskDefinition="e2e-nope"),
                        ("ClientException", "InvalidParameterException"), what="UpdateService unknown task definition")
    expect_client_error(lambda: c.ecs.update_service(cluster="e2e-svc", service="web", taskDefinition="e2e-web:1"),
                        "ClientException", what="UpdateService INACTIVE revision")


def services_settle(c):
    def settled():
        s = c.ecs.describe_services(cluster="e2e-svc", services=["web"])["services"][0]
        deps = s.get("deployments") or []
        return (len(deps) == 1 and deps[0].get("rolloutState") == "COMPLETED"
                and s.get("runningCount") == s.get("desiredCount") == 3 and s)
    s = h.wait_until(settled, 45, 0.5, "service e2e-svc/web with 1 COMPLETED deployment and 3/3 running")
    dep = s["deployments"][0]
    check_eq((dep.get("status"), dep.get("rolloutState")), ("PRIMARY", "COMPLETED"), "settled deployment")
    tasks = c.ecs.list_tasks(cluster="e2e-svc", serviceName="web")["taskArns"]
    check_eq(len(tasks), 3, "ListTasks serviceName=web")
    described = c.ecs.describe_tasks(cluster="e2e-svc", tasks=tasks)["tasks"]
    for t in described:
        check_eq(t.get("group"), "service:web", "service task group")
        check_eq(t.get("taskDefinitionArn"), ARN + "task-definition/e2e-web:3", "service task taskDefinitionArn")
        check_match(r"ecs-svc/\d{19}", t.get("startedBy"), "service task startedBy")
        check_eq(t.get("startedBy"), dep.get("id"), "startedBy == deployment id")
    events = s.get("events") or []
    check(any("has reached a steady state." in e.get("message", "") for e in events),
          "no steady-state event in %r" % [e.get("message") for e in events[:5]])
    check(c.ecs.get_waiter("services_stable").wait(cluster="e2e-svc", services=["web"],
                                                   WaiterConfig={"Delay": 1, "MaxAttempts": 5}) is None,
          "services_stable waiter")


def services_delete(c):
    expect_client_error(lambda: c.ecs.delete_service(cluster="e2e-svc", service="web"),
                        ("InvalidParameterException", "ClientException"),
                        "The service cannot be stopped while it is scaled above 0.", what="DeleteService scaled above 0")
    expect_client_error(lambda: c.ecs.delete_cluster(cluster="e2e-svc"), "ClusterContainsServicesException",
                        what="DeleteCluster with an active service")
    out = c.ecs.delete_service(cluster="e2e-svc", service="web", force=True)["service"]
    check(out.get("status") in ("DRAINING", "INACTIVE"), "DeleteService status %r", out.get("status"))
    expect_client_error(lambda: c.ecs.update_service(cluster="e2e-svc", service="web", desiredCount=1),
                        "ServiceNotActiveException", "Service was not ACTIVE.", what="UpdateService deleted service")
    expect_client_error(lambda: c.ecs.delete_service(cluster="e2e-svc", service="never"),
                        "ServiceNotFoundException", "Service not found.", what="DeleteService unknown")
    expect_client_error(lambda: c.ecs.delete_service(cluster="e2e-nocluster", service="web"),
                        "ClusterNotFoundException", "Cluster not found.", what="DeleteService unknown cluster")

    def inactive():
        s = c.ecs.describe_services(cluster="e2e-svc", services=["web"])
        return (s["services"] and s["services"][0].get("status") == "INACTIVE") or \
            (s.get("failures") and s["failures"][0].get("reason") == "MISSING")
    h.wait_until(inactive, 60, 0.5, "deleted service INACTIVE")
    c.ecs.get_waiter("services_inactive").wait(cluster="e2e-svc", services=["web"],
                                               WaiterConfig={"Delay": 1, "MaxAttempts": 5})
    check(ARN + "service/e2e-svc/web" not in c.ecs.list_services(cluster="e2e-svc")["serviceArns"],
          "INACTIVE service still listed")
    h.wait_until(lambda: not c.ecs.list_tasks(cluster="e2e-svc", family="e2e-web")["taskArns"], 60, 0.5,
                 "tasks of the deleted service stopped")
    again = create_service(c, "e2e-svc", "web", desired=0)
    check_eq(again.get("status"), "ACTIVE", "re-created service status")


# ------------------------------------------------------------------------------------------------ tasks


def tasks_run_describe(c):
    c.ecs.create_cluster(clusterName="e2e-tasks")
    out = c.ecs.run_task(cluster="e2e-tasks", taskDefinition="e2e-web", count=2, launchType="FARGATE",
                         networkConfiguration=c.awsvpc(), startedBy="e2e-runner",
                         tags=[{"key": "purpose", "value": "test"}])
    check_eq(out.get("failures"), [], "RunTask failures")
    tasks = out.get("tasks") or []
    c.tasks = [t["taskArn"] for t in tasks if "taskArn" in t]
    check_eq(len(tasks), 2, "RunTask count=2")
    for t in tasks:
        check_match(re.escape(ARN) + r"task/e2e-tasks/[0-9a-f]{32}", t.get("taskArn"), "taskArn")
        check_eq(t.get("clusterArn"), ARN + "cluster/e2e-tasks", "task clusterArn")
        check_eq(t.get("desiredStatus"), "RUNNING", "task desiredStatus")
        check(t.get("lastStatus") in ("PROVISIONING", "PENDING", "ACTIVATING", "RUNNING"), "lastStatus %r",
              t.get("lastStatus"))
        check_eq(t.get("launchType"), "FARGATE", "task launchType")
        check_eq(t.get("group"), "family:e2e-web", "RunTask group")
        check_eq(t.get("startedBy"), "e2e-runner", "startedBy")
        check_eq((t.get("cpu"), t.get("memory")), ("256", "512"), "task cpu/memory")
        check_eq([x.get("name") for x in t.get("containers") or []], ["web"], "task containers")
        check(t.get("availabilityZone") in ("ap-southeast-1a", "ap-southeast-1b", "ap-southeast-1c"),
              "task AZ %r not one of the subnets' AZs", t.get("availabilityZone"))
        eni = [a for a in t.get("attachments") or [] if a.get("type") == "ElasticNetworkInterface"]
        check_eq(len(eni), 1, "one ENI attachment")
        details = {d["name"]: d["value"] for d in eni[0].get("details") or []}
        check(details.get("subnetId") in c.subnets, "ENI subnetId %r", details.get("subnetId"))
        check_match(r"eni-[0-9a-f]{8,17}", details.get("networkInterfaceId"), "networkInterfaceId")
    arns = [t["taskArn"] for t in tasks]
    task_id = arns[0].rsplit("/", 1)[1]
    d = c.ecs.describe_tasks(cluster="e2e-tasks", tasks=[arns[0], task_id, ARN + "task/e2e-tasks/" + "0" * 32],
                             include=["TAGS"])
    check_eq([t["taskArn"] for t in d["tasks"]], [arns[0], arns[0]], "DescribeTasks by ARN and id")
    check_eq(d["tasks"][0].get("tags"), [{"key": "purpose", "value": "test"}], "DescribeTasks include=TAGS")
    check_eq(d.get("failures"), [{"arn": ARN + "task/e2e-tasks/" + "0" * 32, "reason": "MISSING"}],
             "DescribeTasks failures")
    c.ecs.get_waiter("tasks_running").wait(cluster="e2e-tasks", tasks=arns, WaiterConfig={"Delay": 1, "MaxAttempts": 45})
    running = c.ecs.describe_tasks(cluster="e2e-tasks", tasks=arns)["tasks"]
    for t in running:
        check_eq(t.get("lastStatus"), "RUNNING", "task lastStatus after tasks_running")
        check(t.get("startedAt") is not None, "startedAt missing on a RUNNING task")
        check_eq(t.get("platformVersion"), "1.4.0", "task platformVersion")
    cl = c.ecs.describe_clusters(clusters=["e2e-tasks"])["clusters"][0]
    check_eq(cl.get("runningTasksCount"), 2, "cluster runningTasksCount")


def tasks_errors(c):
    expect_client_error(lambda: c.ecs.run_task(cluster="e2e-tasks", taskDefinition="e2e-nope", launchType="FARGATE",
                                               networkConfiguration=c.awsvpc()),
                        ("ClientException", "InvalidParameterException"), what="RunTask unknown task definition")
    expect_client_error(lambda: c.ecs.run_task(cluster="e2e-tasks", taskDefinition="e2e-web:1", launchType="FARGATE",
                                               networkConfiguration=c.awsvpc()),
                        ("InvalidParameterException", "ClientException"), what="RunTask INACTIVE revision")
    expect_client_error(lambda: c.ecs.run_task(cluster="e2e-nocluster", taskDefinition="e2e-web",
                                               launchType="FARGATE", networkConfiguration=c.awsvpc()),
                        "ClusterNotFoundException", "Cluster not found.", what="RunTask unknown cluster")
    expect_client_error(lambda: c.ecs.run_task(cluster="e2e-tasks", taskDefinition="e2e-web", launchType="FARGATE"),
                        "InvalidParameterException", what="RunTask awsvpc without networkConfiguration")
    expect_client_error(lambda: c.ecs.run_task(cluster="e2e-tasks", taskDefinition="e2e-web", launchType="FARGATE",
                                               count=11, networkConfiguration=c.awsvpc()),
                        "InvalidParameterException", what="RunTask count=11")
    expect_client_error(lambda: c.ecs.stop_task(cluster="e2e-tasks", task="0" * 32),
                        ("InvalidParameterException", "ClientException"), what="StopTask unknown task")
    expect_client_error(lambda: c.ecs.list_tasks(cluster="e2e-nocluster"), "ClusterNotFoundException",
                        "Cluster not found.", what="ListTasks unknown cluster")
    expect_client_error(lambda: c.ecs.describe_tasks(cluster="e2e-nocluster", tasks=["0" * 32]),
                        "ClusterNotFoundException", "Cluster not found.", what="DescribeTasks unknown cluster")
    expect_client_error(lambda: c.ecs.describe_tasks(cluster="e2e-tasks", tasks=["t%d" % i for i in range(101)]),
                        ("InvalidParameterException", "ClientException"), what="DescribeTasks 101 ids")
    expect_client_error(lambda: c.ecs.delete_cluster(cluster="e2e-tasks"), "ClusterContainsTasksException",
                        what="DeleteCluster with running tasks")


def tasks_list(c):
    arns = c.tasks
    listed = c.ecs.list_tasks(cluster="e2e-tasks")["taskArns"]
    check_eq(sorted(listed), sorted(arns), "ListTasks cluster")
    check_eq(sorted(c.ecs.list_tasks(cluster="e2e-tasks", family="e2e-web")["taskArns"]), sorted(arns), "family filter")
    check_eq(c.ecs.list_tasks(cluster="e2e-tasks", family="e2e-other")["taskArns"], [], "other family")
    check_eq(sorted(c.ecs.list_tasks(cluster="e2e-tasks", startedBy="e2e-runner")["taskArns"]), sorted(arns),
             "startedBy filter")
    check_eq(c.ecs.list_tasks(cluster="e2e-tasks", desiredStatus="STOPPED")["taskArns"], [], "STOPPED filter")
    check_eq(c.ecs.list_tasks(cluster="e2e-tasks", desiredStatus="PENDING")["taskArns"], [],
             "desiredStatus=PENDING matches nothing")
    p1 = c.ecs.list_tasks(cluster="e2e-tasks", maxResults=1)
    check_eq(len(p1["taskArns"]), 1, "ListTasks maxResults=1")
    p2 = c.ecs.list_tasks(cluster="e2e-tasks", maxResults=1, nextToken=p1["nextToken"])
    check_eq(sorted(p1["taskArns"] + p2["taskArns"]), sorted(arns), "ListTasks pages")
    expect_client_error(lambda: c.ecs.list_tasks(cluster="e2e-tasks", serviceName="no-such-service"),
                        "ServiceNotFoundException", what="ListTasks unknown serviceName")


def tasks_stop(c):
    arn = c.tasks[0]
    out = c.ecs.stop_task(cluster="e2e-tasks", task=arn, reason="e2e says stop")["task"]
    check_eq(out.get("taskArn"), arn, "StopTask taskArn")
    check_eq(out.get("desiredStatus"), "STOPPED", "StopTask desiredStatus")
    c.ecs.get_waiter("tasks_stopped").wait(cluster="e2e-tasks", tasks=[arn], WaiterConfig={"Delay": 1, "MaxAttempts": 90})
    t = c.ecs.describe_tasks(cluster="e2e-tasks", tasks=[arn])["tasks"][0]
    check_eq((t.get("lastStatus"), t.get("stopCode"), t.get("stoppedReason")),
             ("STOPPED", "UserInitiated", "e2e says stop"), "stopped task")
    check(t.get("stoppedAt") is not None and t.get("stoppingAt") is not None, "stoppingAt/stoppedAt missing")
    check_eq(c.ecs.list_tasks(cluster="e2e-tasks", desiredStatus="STOPPED")["taskArns"], [arn], "STOPPED list")
    check_eq(c.ecs.list_tasks(cluster="e2e-tasks")["taskArns"], [c.tasks[1]], "RUNNING list after stop")
    again = c.ecs.stop_task(cluster="e2e-tasks", task=arn)["task"]
    check_eq(again.get("lastStatus"), "STOPPED", "StopTask on a stopped task")
    c.ecs.stop_task(cluster="e2e-tasks", task=c.tasks[1])


# ------------------------------------------------------------------------------------------------ tags


def tags(c):
    cluster_arn = ARN + "cluster/e2e-a"
    td_arn = ARN + "task-definition/e2e-web:3"
    svc_arn = create_service(c, "e2e-a", "tagged", desired=0, tags=[{"key": "k0", "value": "v0"}])["serviceArn"]
    for arn in (cluster_arn, td_arn, svc_arn):
        c.ecs.tag_resource(resourceArn=arn, tags=[{"key": "env", "value": "prod"}, {"key": "owner", "value": "qa"}])
        got = {t["key"]: t["value"] for t in c.ecs.list_tags_for_resource(resourceArn=arn)["tags"]}
        check(got.get("env") == "prod" and got.get("owner") == "qa", "tags of %s: %r" % (arn, got))
        c.ecs.tag_resource(resourceArn=arn, tags=[{"key": "env", "value": "staging"}])
        got = {t["key"]: t["value"] for t in c.ecs.list_tags_for_resource(resourceArn=arn)["tags"]}
        check_eq(got.get("env"), "staging", "TagResource overwrites a key on %s" % arn)
        c.ecs.untag_resource(resourceArn=arn, tagKeys=["owner", "not-there"])
        got = {t["key"]: t["value"] for t in c.ecs.list_tags_for_resource(resourceArn=arn)["tags"]}
        check("owner" not in got and got.get("env") == "staging", "after UntagResource on %s: %r" % (arn, got))
    svc_tags = {t["key"]: t["value"] for t in c.ecs.list_tags_for_resource(resourceArn=svc_arn)["tags"]}
    check_eq(svc_tags, {"k0": "v0", "env": "staging"}, "service tags (creation + TagResource)")
    described = c.ecs.describe_services(cluster="e2e-a", services=["tagged"], include=["TAGS"])["services"][0]
    check_eq({t["key"]: t["value"] for t in described.get("tags") or []}, svc_tags, "DescribeServices include=TAGS")
    missing = ARN + "cluster/e2e-never-existed"
    expect_client_error(lambda: c.ecs.tag_resource(resourceArn=missing, tags=[{"key": "a", "value": "b"}]),
                        ("ClusterNotFoundException", "ResourceNotFoundException"), what="TagResource unknown cluster")
    expect_client_error(lambda: c.ecs.list_tags_for_resource(resourceArn=missing),
                        ("ClusterNotFoundException", "ResourceNotFoundException", "InvalidParameterException"),
                        what="ListTagsForResource unknown cluster")
    expect_client_error(lambda: c.ecs.untag_resource(resourceArn=missing, tagKeys=["a"]),
                        ("ClusterNotFoundException", "ResourceNotFoundException"), what="UntagResource unknown cluster")
    expect_client_error(lambda: c.ecs.tag_resource(resourceArn="not-an-arn", tags=[{"key": "a", "value": "b"}]),
                        "InvalidParameterException", what="TagResource garbage ARN")
    expect_client_error(lambda: c.ecs.tag_resource(resourceArn=cluster_arn,
                                                   tags=[{"key": "k%d" % i, "value": "v"} for i in range(51)]),
                        "InvalidParameterException", what="TagResource 51 tags")
    expect_client_error(lambda: c.ecs.tag_resource(resourceArn=cluster_arn, tags=[{"key": "aws:reserved", "value": "v"}]),
                        "InvalidParameterException", what="TagResource aws: prefix")


# ------------------------------------------------------------------------------------------------ regions, accounts


def regions_isolated(c):
    c.ecs.create_cluster(clusterName="e2e-regional")
    use1 = c.ecs_use1
    check(all(":us-east-1:" in a for a in use1.list_clusters()["clusterArns"]), "us-east-1 lists foreign ARNs")
    check("arn:aws:ecs:us-east-1:%s:cluster/e2e-regional" % A not in use1.list_clusters()["clusterArns"],
          "ap-southeast-1 cluster visible from us-east-1")
    d = use1.describe_clusters(clusters=["e2e-regional"])
    check_eq(d.get("failures"), [{"arn": "arn:aws:ecs:us-east-1:%s:cluster/e2e-regional" % A, "reason": "MISSING"}],
             "us-east-1 DescribeClusters of an ap-southeast-1 cluster")
    out = use1.create_cluster(clusterName="e2e-regional")["cluster"]
    check_eq(out.get("clusterArn"), "arn:aws:ecs:us-east-1:%s:cluster/e2e-regional" % A, "us-east-1 cluster ARN")
    td = register(use1, "e2e-web")
    check_eq(td.get("taskDefinitionArn"), "arn:aws:ecs:us-east-1:%s:task-definition/e2e-web:1" % A,
             "task definition revisions are per region")
    expect_client_error(lambda: use1.describe_task_definition(taskDefinition="e2e-web:3"), "ClientException",
                        what="ap-southeast-1 revision from us-east-1")
    use1.delete_cluster(cluster="e2e-regional")
    check_eq(c.ecs.describe_clusters(clusters=["e2e-regional"])["clusters"][0].get("status"), "ACTIVE",
             "deleting in us-east-1 must not touch ap-southeast-1")
    if c.vpc:
        expect_client_error(lambda: h.client(c.server, "ec2", region="us-east-1").describe_vpcs(VpcIds=[c.vpc]),
                            "InvalidVpcID.NotFound", what="EC2 VPC visible from another region")


def account_id_flag(_c):
    with h.Server(account_id="123456789012", region="eu-central-1") as other:
        ecs = h.client(other, "ecs", region="eu-central-1")
        arn = ecs.create_cluster(clusterName="acct")["cluster"]["clusterArn"]
        check_eq(arn, "arn:aws:ecs:eu-central-1:123456789012:cluster/acct", "--account-id in ARNs")
        ident = h.client(other, "sts", region="eu-central-1").get_caller_identity()
        check_eq(ident.get("Account"), "123456789012", "--account-id in GetCallerIdentity")
