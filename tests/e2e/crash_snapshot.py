"""Snapshots of everything the crash-recovery test created, normalised so that only acknowledged state is
compared (runtime fields the simulation keeps changing are dropped), and the comparisons themselves."""
import datetime
import json

import ecsemu_harness as h
from ecsemu_harness import check

REGIONS = ("ap-southeast-1", "us-east-1")

RUNTIME_FIELDS = {
    "cluster": {"runningTasksCount", "pendingTasksCount", "statistics", "attachments", "attachmentsStatus",
                "registeredContainerInstancesCount"},
    "service": {"runningCount", "pendingCount", "events", "taskSets", "currentServiceDeployment",
                "currentServiceRevisions"},
    "deployment": {"runningCount", "pendingCount", "failedTasks", "rolloutState", "rolloutStateReason", "updatedAt",
                   "serviceConnectResources"},
    "subnet": {"AvailableIpAddressCount"},
}


def plain(value):
    """JSON-comparable copy (datetimes to ISO strings with microseconds)."""
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items() if k != "ResponseMetadata"}
    if isinstance(value, list):
        return [plain(v) for v in value]
    if isinstance(value, datetime.datetime):
        return value.isoformat()
    return value


def norm_cluster(c):
    return {k: v for k, v in plain(c).items() if k not in RUNTIME_FIELDS["cluster"]}


def norm_service(s):
    s = {k: v for k, v in plain(s).items() if k not in RUNTIME_FIELDS["service"]}
    if s.get("status") in ("DRAINING", "INACTIVE"):
        s["status"] = "DRAINING|INACTIVE"  # the drain completes on its own schedule
        s.pop("deployments", None)
    else:
        # Older deployments drain away over time; the PRIMARY one is what UpdateService acknowledged.
        s["deployments"] = [{k: v for k, v in d.items() if k not in RUNTIME_FIELDS["deployment"]}
                            for d in s.get("deployments", []) if d.get("status") == "PRIMARY"]
    return s


def norm_subnet(s):
    return {k: v for k, v in plain(s).items() if k not in RUNTIME_FIELDS["subnet"]}


class World:
    """What the test created (so deleted things are described too) and how to snapshot it."""

    def __init__(self):
        self.clusters = {r: set() for r in REGIONS}
        self.services = {}  # (region, cluster) -> set(names)
        self.ids_seen = set()

    def add_cluster(self, region, name):
        self.clusters[region].add(name)

    def add_service(self, region, cluster, name):
        self.services.setdefault((region, cluster), set()).add(name)

    def snapshot(self, server):
        snap = {}
        for region in REGIONS:
            ecs = h.client(server, "ecs", region=region)
            ec2 = h.client(server, "ec2", region=region)
            listed = [a for p in ecs.get_paginator("list_clusters").paginate() for a in p["clusterArns"]]
            snap["%s:list_clusters" % region] = sorted(listed)
            names = sorted(self.clusters[region] | {a.rsplit("/", 1)[1] for a in listed})
            if names:
                d = ecs.describe_clusters(clusters=names, include=["TAGS", "SETTINGS", "CONFIGURATIONS"])
                for c in d["clusters"]:
                    snap["cluster:" + c["clusterArn"]] = norm_cluster(c)
                for f in d.get("failures", []):
                    snap["cluster-failure:" + f.get("arn", "?")] = plain(f)
            families = sorted(f for status in ("ACTIVE", "INACTIVE")
                              for p in ecs.get_paginator("list_task_definition_families").paginate(status=status)
                              for f in p["families"])
            snap["%s:families" % region] = families
            for family in sorted(set(families)):
                for status in ("ACTIVE", "INACTIVE"):
                    arns = [a for p in ecs.get_paginator("list_task_definitions").paginate(
                        familyPrefix=family, status=status) for a in p["taskDefinitionArns"]]
                    snap["%s:taskdefs:%s:%s" % (region, family, status)] = arns
                    for arn in arns:
                        td = ecs.describe_task_definition(taskDefinition=arn, include=["TAGS"])
                        snap["taskdef:" + arn] = plain({"taskDefinition": td["taskDefinition"],
                                                         "tags": td.get("tags", [])})
            for (reg, cluster), svc_names in sorted(self.services.items()):
                if reg != region:
                    continue
                names = sorted(svc_names)
                try:
                    listed = sorted(a for p in ecs.get_paginator("list_services").paginate(cluster=cluster)
                                    for a in p["serviceArns"])
                except ecs.exceptions.ClusterNotFoundException:
                    listed = ["<ClusterNotFoundException>"]
                snap["%s:list_services:%s" % (region, cluster)] = listed
                for i in range(0, len(names), 10):
                    try:
                        d = ecs.describe_services(cluster=cluster, services=names[i:i + 10], include=["TAGS"])
                    except ecs.exceptions.ClusterNotFoundException:
                        snap["services:%s:%s" % (region, cluster)] = "<ClusterNotFoundException>"
                        continue
                    for s in d["services"]:
                        snap["service:" + s["serviceArn"]] = norm_service(s)
                    for f in d.get("failures", []):
                        snap["service-failure:" + f.get("arn", "?")] = plain(f)
            # A deleted service leaves the list when its drain ends, on the simulation's schedule.
            for key in [k for k in snap if k.startswith("%s:list_services:" % region)]:
                if isinstance(snap[key], list):
                    snap[key] = [a for a in snap[key]
                                 if snap.get("service:" + a, {}).get("status") != "DRAINING|INACTIVE"]
            for v in ec2.describe_vpcs()["Vpcs"]:
                snap["vpc:%s:%s" % (region, v["VpcId"])] = plain(v)
                self.ids_seen.add(v["VpcId"])
            for s in ec2.describe_subnets()["Subnets"]:
                snap["subnet:%s:%s" % (region, s["SubnetId"])] = norm_subnet(s)
                self.ids_seen.add(s["SubnetId"])
            for g in ec2.describe_security_groups()["SecurityGroups"]:
                snap["sg:%s:%s" % (region, g["GroupId"])] = plain(g)
                self.ids_seen.add(g["GroupId"])
        return snap


def diff(before, after, skip_keys=()):
    problems = []
    for k in sorted(set(before) | set(after)):
        if k in skip_keys:
            continue
        if k not in after:
            problems.append("lost after restart: %s = %s" % (k, json.dumps(before[k], default=str)[:300]))
        elif k not in before:
            problems.append("appeared after restart: %s = %s" % (k, json.dumps(after[k], default=str)[:300]))
        elif before[k] != after[k]:
            problems.append("changed after restart: %s\n      before: %s\n      after:  %s"
                            % (k, json.dumps(before[k], default=str, sort_keys=True)[:1500],
                               json.dumps(after[k], default=str, sort_keys=True)[:1500]))
    return problems


def check_acknowledged(after, key, acknowledged, what):
    """Every member the acknowledged response reported must be described identically after the restart."""
    check(key in after, "%s: %s missing after restart" % (what, key))
    got = after[key]
    diffs = []
    for k, v in acknowledged.items():
        if k in got and got[k] != v:
            diffs.append("%s: acknowledged %s, after restart %s" % (k, json.dumps(v, default=str)[:400],
                                                                     json.dumps(got[k], default=str)[:400]))
    check(not diffs, "%s (%s):\n      %s" % (what, key, "\n      ".join(diffs)))
