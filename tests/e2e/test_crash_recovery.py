"""Crash recovery: nothing acknowledged may be lost when the server is SIGKILLed.

The server runs with --data-dir. Batches of mutations (EC2 objects, clusters, task definitions with several
revisions and a deregistration, services, updates, tags, deletions, in two regions) are applied; before each
batch's final mutation the test records a snapshot of every describe output, then sends that final mutation
and SIGKILLs the server the moment its response arrives. After a restart on the same data directory:
- every resource the final mutation did not touch must describe exactly as before,
- the touched resource must carry the values the acknowledged response reported,
- ids and revisions handed out after the restart must not collide with earlier ones.
Then: restart twice without mutations (replay is stable), graceful SIGTERM + restart, and reset followed by
SIGKILL + restart stays reset (and equals a fresh server's state).

Runtime-only fields (task counts, events, deployment progress, IP counts) change as the simulation runs and
are not part of what a response acknowledged; they are removed before comparing (see crash_snapshot.RUNTIME_FIELDS).
"""
import os
import sys

import ecsemu_harness as h
from crash_snapshot import World, check_acknowledged, diff, norm_cluster, norm_service, plain
from ecsemu_harness import check, check_eq


class Run:
    def __init__(self, suite, data_dir):
        self.suite = suite
        self.data_dir = data_dir
        self.server = None
        self.world = World()
        self.vars = {}
        self.kills = 0

    def start(self):
        self.server = h.Server(data_dir=self.data_dir).start()
        return self.server

    def ecs(self, region=h.REGION):
        return h.client(self.server, "ecs", region=region)

    def ec2(self, region=h.REGION):
        return h.client(self.server, "ec2", region=region)

    def crash_batch(self, title, prepare, final, touched_key_of):
        """prepare(): mutations; final(): the last mutation, returns its response; SIGKILL right after it."""
        with self.suite.case("batch %s: kill -9 after the last acknowledged mutation" % title):
            if self.server is None or not self.server.alive():
                self.start()
            prepare()
            before = self.world.snapshot(self.server)
            response = final()
            self.server.kill()  # no read in between: the response was the last thing the server did
            self.kills += 1
            self.start()
            after = self.world.snapshot(self.server)
            touched_key, acknowledged, extra_keys = touched_key_of(response)
            problems = diff(before, after, skip_keys={touched_key, *extra_keys})
            check(not problems, "%d differences:\n    %s" % (len(problems), "\n    ".join(problems[:20])))
            if touched_key:
                check_acknowledged(after, touched_key, acknowledged, "final mutation of batch %s" % title)

    # ------------------------------------------------------------------------------------------ batches

    def batch_ec2(self):
        ec2 = self.ec2()

        def prepare():
            vpc = ec2.create_vpc(CidrBlock="10.20.0.0/16", TagSpecifications=[
                {"ResourceType": "vpc", "Tags": [{"Key": "Name", "Value": "crash-vpc"}]}])["Vpc"]["VpcId"]
            self.vars["vpc"] = vpc
            self.vars["subnets"] = [ec2.create_subnet(VpcId=vpc, CidrBlock="10.20.%d.0/24" % i,
                                                      AvailabilityZone="ap-southeast-1%s" % az)["Subnet"]["SubnetId"]
                                    for i, az in ((1, "a"), (2, "b"))]
            self.vars["sg1"] = ec2.create_security_group(GroupName="crash-sg-1", Description="one",
                                                         VpcId=vpc)["GroupId"]

        def final():
            return ec2.create_security_group(GroupName="crash-sg-2", Description="two", VpcId=self.vars["vpc"])

        def touched(resp):
            self.vars["sg2"] = resp["GroupId"]
            return "sg:%s:%s" % (h.REGION, resp["GroupId"]), {"GroupId": resp["GroupId"]}, ()
        self.crash_batch("1 (EC2 vpc/subnets/security groups)", prepare, final, touched)

    def batch_clusters(self):
        ecs, ecs_use1 = self.ecs(), self.ecs("us-east-1")

        def prepare():
            ecs.create_cluster(clusterName="crash-c1", tags=[{"key": "tier", "value": "gold"}])
            ecs.create_cluster(clusterName="crash-c2")
            ecs_use1.create_cluster(clusterName="crash-c3")
            self.world.add_cluster(h.REGION, "crash-c1")
            self.world.add_cluster(h.REGION, "crash-c2")
            self.world.add_cluster("us-east-1", "crash-c3")

        def final():
            self.world.add_cluster(h.REGION, "crash-c4")
            return ecs.create_cluster(clusterName="crash-c4",
                                      settings=[{"name": "containerInsights", "value": "enabled"}])

        def touched(resp):
            c = norm_cluster(resp["cluster"])
            return ("cluster:" + c["clusterArn"], c, ("%s:list_clusters" % h.REGION,))
        self.crash_batch("2 (clusters in two regions)", prepare, final, touched)
        listed = self.ecs().list_clusters()["clusterArns"]
        with self.suite.case("batch 2: cluster created by the final mutation is listed after restart"):
            check("arn:aws:ecs:%s:%s:cluster/crash-c4" % (h.REGION, h.ACCOUNT_ID) in listed, "crash-c4 not listed: %r"
                  % listed)

    def td_params(self, family, image, cpu="256", memory="512"):
        return dict(family=family, networkMode="awsvpc", requiresCompatibilities=["FARGATE"], cpu=cpu, memory=memory,
                    containerDefinitions=[{"name": "app", "image": image, "essential": True,
                                           "portMappings": [{"containerPort": 8080, "name": "app"}]}])

    def batch_taskdefs(self):
        ecs = self.ecs()

        def prepare():
            for i in range(3):
                ecs.register_task_definition(**self.td_params("crash-fam-a", "app:v%d" % (i + 1)))
            ecs.register_task_definition(**self.td_params("crash-fam-b", "other:v1", "512", "1024"),
                                         tags=[{"key": "k", "value": "v"}])
            self.ecs("us-east-1").register_task_definition(**self.td_params("crash-fam-a", "east:v1"))

        def final():
            return ecs.deregister_task_definition(taskDefinition="crash-fam-a:2")

        def touched(resp):
            td = plain(resp["taskDefinition"])
            arn = td["taskDefinitionArn"]
            key = "taskdef:" + arn
            return key, {}, ("%s:taskdefs:crash-fam-a:ACTIVE" % h.REGION, "%s:taskdefs:crash-fam-a:INACTIVE" % h.REGION)
        self.crash_batch("3 (task definition revisions + deregistration)", prepare, final, touched)
        with self.suite.case("batch 3: deregistration survived; revision numbering continues"):
            ecs = self.ecs()
            td = ecs.describe_task_definition(taskDefinition="crash-fam-a:2")["taskDefinition"]
            check_eq(td["status"], "INACTIVE", "crash-fam-a:2 status after restart")
            inactive = ecs.list_task_definitions(familyPrefix="crash-fam-a", status="INACTIVE")["taskDefinitionArns"]
            check_eq([a.rsplit(":", 1)[1] for a in inactive], ["2"], "INACTIVE revisions after restart")

    def network(self):
        return {"awsvpcConfiguration": {"subnets": self.vars.get("subnets", ["subnet-0123456789abcdef0"]),
                                        "securityGroups": [self.vars.get("sg1", "sg-0123456789abcdef0")],
                                        "assignPublicIp": "DISABLED"}}

    def batch_services(self):
        ecs = self.ecs()

        def prepare():
            # ECS accepts only a target group that exists and that a load balancer routes to.
            elbv2 = h.client(self.server, "elbv2")
            lb = elbv2.create_load_balancer(Name="crash-alb", Subnets=self.vars["subnets"][:2])["LoadBalancers"][0]
            tg = elbv2.create_target_group(Name="crash-tg", Protocol="HTTP", Port=8080, VpcId=self.vars["vpc"],
                                           TargetType="ip")["TargetGroups"][0]
            elbv2.create_listener(LoadBalancerArn=lb["LoadBalancerArn"], Protocol="HTTP", Port=80,
                                  DefaultActions=[{"Type": "forward", "TargetGroupArn": tg["TargetGroupArn"]}])
            self.vars["tg"] = tg["TargetGroupArn"]
            for name, desired in (("crash-svc-1", 0), ("crash-svc-2", 1)):
                ecs.create_service(cluster="crash-c1", serviceName=name, taskDefinition="crash-fam-a",
                                   desiredCount=desired, launchType="FARGATE", networkConfiguration=self.network(),
                                   tags=[{"key": "svc", "value": name}])
                self.world.add_service(h.REGION, "crash-c1", name)

        def final():
            self.world.add_service(h.REGION, "crash-c2", "crash-svc-3")
            return ecs.create_service(cluster="crash-c2", serviceName="crash-svc-3", taskDefinition="crash-fam-b:1",
                                      desiredCount=0, launchType="FARGATE", networkConfiguration=self.network(),
                                      loadBalancers=[{"targetGroupArn": self.vars["tg"],
                                                      "containerName": "app", "containerPort": 8080}])

        def touched(resp):
            s = norm_service(resp["service"])
            return ("service:" + s["serviceArn"], s,
                    ("%s:list_services:crash-c2" % h.REGION, "cluster:arn:aws:ecs:%s:%s:cluster/crash-c2"
                     % (h.REGION, h.ACCOUNT_ID)))
        self.crash_batch("4 (services)", prepare, final, touched)

    def batch_updates(self):
        ecs = self.ecs()

        def prepare():
            ecs.update_service(cluster="crash-c1", service="crash-svc-1", taskDefinition="crash-fam-a:3",
                               deploymentConfiguration={"maximumPercent": 150, "minimumHealthyPercent": 50})
            ecs.update_service(cluster="crash-c2", service="crash-svc-3", desiredCount=0,
                               healthCheckGracePeriodSeconds=30)

        def final():
            return ecs.update_service(cluster="crash-c1", service="crash-svc-2", desiredCount=0,
                                      taskDefinition="crash-fam-a:1")

        def touched(resp):
            s = norm_service(resp["service"])
            return "service:" + s["serviceArn"], s, ()
        self.crash_batch("5 (service updates)", prepare, final, touched)

    def batch_tags(self):
        ecs = self.ecs()
        c1 = "arn:aws:ecs:%s:%s:cluster/crash-c1" % (h.REGION, h.ACCOUNT_ID)
        svc3 = "arn:aws:ecs:%s:%s:service/crash-c2/crash-svc-3" % (h.REGION, h.ACCOUNT_ID)

        def prepare():
            ecs.tag_resource(resourceArn=c1, tags=[{"key": "env", "value": "prod"}, {"key": "tmp", "value": "x"}])
            ecs.untag_resource(resourceArn=c1, tagKeys=["tmp"])
            ecs.tag_resource(resourceArn="arn:aws:ecs:%s:%s:task-definition/crash-fam-a:1" % (h.REGION, h.ACCOUNT_ID),
                             tags=[{"key": "pinned", "value": "yes"}])

        def final():
            return ecs.tag_resource(resourceArn=svc3, tags=[{"key": "last", "value": "acknowledged"}])

        def touched(resp):
            return "service:" + svc3, {}, ()
        self.crash_batch("6 (tags)", prepare, final, touched)
        with self.suite.case("batch 6: tag set by the final mutation survived"):
            tags = self.ecs().list_tags_for_resource(resourceArn=svc3)["tags"]
            check({"key": "last", "value": "acknowledged"} in tags, "tags of crash-svc-3 after restart: %r" % tags)
            c1_tags = self.ecs().list_tags_for_resource(resourceArn=c1)["tags"]
            check_eq(sorted((t["key"], t["value"]) for t in c1_tags), [("env", "prod"), ("tier", "gold")],
                     "crash-c1 tags after restart")

    def batch_deletes(self):
        ecs = self.ecs()

        def prepare():
            ecs.delete_service(cluster="crash-c1", service="crash-svc-1", force=True)
            ecs.put_cluster_capacity_providers(cluster="crash-c2", capacityProviders=["FARGATE", "FARGATE_SPOT"],
                                               defaultCapacityProviderStrategy=[
                                                   {"capacityProvider": "FARGATE_SPOT", "weight": 2}])
            self.ecs("us-east-1").delete_cluster(cluster="crash-c3")

        def final():
            return ecs.delete_cluster(cluster="crash-c4")

        def touched(resp):
            c = norm_cluster(resp["cluster"])
            return "cluster:" + c["clusterArn"], c, ("%s:list_clusters" % h.REGION,)
        self.crash_batch("7 (deletes, capacity providers)", prepare, final, touched)
        with self.suite.case("batch 7: deleted cluster stays deleted"):
            listed = self.ecs().list_clusters()["clusterArns"]
            check(not any(a.endswith("/crash-c4") for a in listed), "crash-c4 listed again after restart: %r" % listed)

    def batch_ids_continue(self):
        ec2, ecs = self.ec2(), self.ecs()
        seen_before = set(self.world.ids_seen)

        def prepare():
            vpc = ec2.create_vpc(CidrBlock="10.30.0.0/16")["Vpc"]["VpcId"]
            sub = ec2.create_subnet(VpcId=vpc, CidrBlock="10.30.1.0/24", AvailabilityZone="ap-southeast-1c")
            sg = ec2.create_security_group(GroupName="crash-sg-3", Description="three", VpcId=vpc)["GroupId"]
            new = {vpc, sub["Subnet"]["SubnetId"], sg}
            check(not (new & seen_before), "ids handed out after restarts collide with earlier ones: %r"
                  % sorted(new & seen_before))
            td = ecs.register_task_definition(**self.td_params("crash-fam-a", "app:v4"))["taskDefinition"]
            check_eq(td["revision"], 4, "crash-fam-a revision after restarts")

        def final():
            return ecs.register_task_definition(**self.td_params("crash-fam-b", "other:v2", "512", "1024"))

        def touched(resp):
            td = plain(resp["taskDefinition"])
            check_eq(td["revision"], 2, "crash-fam-b revision")
            return ("taskdef:" + td["taskDefinitionArn"], {"taskDefinition": td},
                    ("%s:taskdefs:crash-fam-b:ACTIVE" % h.REGION,))
        self.crash_batch("8 (ids after restart do not collide; revisions continue)", prepare, final, touched)

    # ------------------------------------------------------------------------------------------ whole-state checks

    def replay_stable(self):
        with self.suite.case("restart twice without mutations: identical state"):
            first = self.world.snapshot(self.server)
            for _ in range(2):
                self.server.kill()
                self.start()
                again = self.world.snapshot(self.server)
                problems = diff(first, again)
                check(not problems, "%d differences:\n    %s" % (len(problems), "\n    ".join(problems[:20])))
        with self.suite.case("graceful SIGTERM + restart: identical state"):
            first = self.world.snapshot(self.server)
            code = self.server.stop()
            check_eq(code, 0, "exit code after SIGTERM")
            self.start()
            problems = diff(first, self.world.snapshot(self.server))
            check(not problems, "%d differences:\n    %s" % (len(problems), "\n    ".join(problems[:20])))

    def torn_tail(self):
        """A crash in the middle of appending leaves a partial last record, which was never acknowledged:
        the server must start and ignore it."""
        with self.suite.case("torn final journal record (crash mid-append): starts, state unchanged"):
            before = self.world.snapshot(self.server)
            self.server.kill()
            journals = sorted((e for e in os.scandir(self.data_dir) if e.is_file() and e.stat().st_size > 0),
                              key=lambda e: e.stat().st_size, reverse=True)
            check(journals, "no journal file in %s" % self.data_dir)
            with open(journals[0].path, "ab") as f:
                f.write(b'{"op":"CreateCluster","params":{"clusterName":"torn')
            self.start()
            problems = diff(before, self.world.snapshot(self.server))
            check(not problems, "%d differences:\n    %s" % (len(problems), "\n    ".join(problems[:20])))
            arn = self.ecs().create_cluster(clusterName="after-torn")["cluster"]["clusterArn"]
            self.world.add_cluster(h.REGION, "after-torn")
            self.server.kill()
            self.start()
            check(arn in self.ecs().list_clusters()["clusterArns"],
                  "cluster acknowledged after a torn tail was lost on the next restart")

    def reset_stays_reset(self, fresh_snapshot):
        with self.suite.case("reset, kill -9, restart: still reset (== fresh server state)"):
            self.server.reset()
            self.server.kill()
            self.start()
            after = self.world.snapshot(self.server)
            problems = diff(fresh_snapshot, after)
            check(not problems, "state after reset+restart differs from a fresh server:\n    %s"
                  % "\n    ".join(problems[:20]))
        with self.suite.case("mutation after reset survives kill -9; nothing from before the reset returns"):
            arn = self.ecs().create_cluster(clusterName="after-reset")["cluster"]["clusterArn"]
            self.server.kill()
            self.start()
            listed = self.ecs().list_clusters()["clusterArns"]
            check_eq(listed, [arn], "clusters after reset + create + restart")
            families = self.ecs().list_task_definition_families(status="ALL")["families"]
            check_eq(families, [], "task definition families after reset")


def fresh_state(world):
    with h.TempDir(prefix="ecsemu-e2e-fresh-") as d:
        with h.Server(data_dir=d) as s:
            return world.snapshot(s)


def main():
    suite = h.Suite("test_crash_recovery")
    data = h.TempDir(prefix="ecsemu-e2e-crash-")
    run = Run(suite, data.path)
    try:
        with suite.case("server starts with --data-dir"):
            run.start()
        if not run.server or not run.server.alive():
            return suite.finish()
        run.batch_ec2()
        run.batch_clusters()
        run.batch_taskdefs()
        run.batch_services()
        run.batch_updates()
        run.batch_tags()
        run.batch_deletes()
        run.batch_ids_continue()
        run.replay_stable()
        run.torn_tail()
        with suite.case("data dir is not empty"):
            check(any(os.scandir(data.path)), "no files in %s after acknowledged mutations" % data.path)
        fresh = None
        with suite.case("fresh server snapshot"):
            fresh = fresh_state(run.world)
        if fresh is not None:
            run.reset_stays_reset(fresh)
        print("   kill -9 restarts: %d" % run.kills)
    finally:
        if run.server:
            run.server.kill()
    return suite.finish()


if __name__ == "__main__":
    sys.exit(main())
