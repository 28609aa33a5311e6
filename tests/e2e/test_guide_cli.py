"""The user's guide, end to end, with both aws CLI generations (v1: pip aws-cli 1.x / botocore 1.43,
v2: Debian aws-cli 2.9 / botocore 1.29).

Per generation: reset the server, build the network the guide assumes (VPC ielts-prod-vpc, private app subnets
in 1a/1b, the three security groups) with `aws ec2`, check `aws sts get-caller-identity`, create the cluster and
both task definitions (--cli-input-json), then run the guide's two `aws ecs create-service` commands and its
verification commands VERBATIM (text read from the guide at run time, executed by bash with `aws` on PATH), and
assert what the guide promises. Every CLI output is checked against the botocore output shape; the same state
is also read through boto3, whose raw responses are validated strictly.
"""
import json
import os
import re
import sys

import ecsemu_harness as h
import guide_commands as guide

ACCOUNT = h.ACCOUNT_ID
REGION = h.REGION
CLUSTER = "ielts-prod-cluster"
ARN_PREFIX = "arn:aws:ecs:%s:%s:" % (REGION, ACCOUNT)
NAMESPACE_ARN = r"arn:aws:servicediscovery:%s:%s:namespace/ns-[a-z0-9]{16}" % (REGION, ACCOUNT)

SERVICES = {
    "ielts-backend-service": {
        "family": "ielts-backend", "container": "backend", "port": 8080, "sg": "BE_SG",
        "target_group": "arn:aws:elasticloadbalancing:ap-southeast-1:{account}:targetgroup/ielts-backend-tg/xxx",
        "tg_name": "ielts-backend-tg", "health": "/actuator/health",
    },
    "ielts-frontend-service": {
        "family": "ielts-frontend", "container": "frontend", "port": 3000, "sg": "FE_SG",
        "target_group": "arn:aws:elasticloadbalancing:ap-southeast-1:{account}:targetgroup/ielts-frontend-tg/xxx",
        "tg_name": "ielts-frontend-tg", "health": "/api/health",
    },
}


def task_definition_input(family, container, image, port, health_path):
    return {
        "family": family,
        "networkMode": "awsvpc",
        "requiresCompatibilities": ["FARGATE"],
        "cpu": "512",
        "memory": "1024",
        "executionRoleArn": "arn:aws:iam::%s:role/ecsTaskExecutionRole" % ACCOUNT,
        "containerDefinitions": [{
            "name": container,
            "image": image,
            "essential": True,
            "portMappings": [{"containerPort": port, "protocol": "tcp", "name": container, "appProtocol": "http"}],
            "healthCheck": {
                "command": ["CMD-SHELL", "curl -f http://localhost:%d%s || exit 1" % (port, health_path)],
                "interval": 30, "timeout": 5, "retries": 3, "startPeriod": 60,
            },
            "environment": [{"name": "SPRING_PROFILES_ACTIVE", "value": "prod"}] if container == "backend" else [],
            "logConfiguration": {"logDriver": "awslogs", "options": {
                "awslogs-group": "/ecs/%s" % family, "awslogs-region": REGION, "awslogs-stream-prefix": "ecs"}},
        }],
    }


class GuideRun:
    """State of one CLI generation's walk through the guide."""

    def __init__(self, suite, server, generation):
        self.suite = suite
        self.server = server
        self.gen = generation
        self.cli = h.Cli(generation, server.endpoint)
        self.ecs = h.client(server, "ecs")
        self.vars = {}
        self.failed_prereq = None

    def need(self, *keys):
        missing = [k for k in keys if k not in self.vars]
        if missing:
            raise AssertionError("skipped: earlier step did not produce %s" % ", ".join(missing))

    def cli_ok(self, service, operation, *args):
        out = self.cli.ok(*args)
        problems = h.VALIDATOR.validate_parsed(service, operation, out, label="aws %s %s" % (self.gen, args[1]))
        h.check(not problems, "aws %s %s output does not fit the %s shape:\n  %s",
                self.gen, " ".join(args[:2]), operation, "\n  ".join(problems))
        return out

    def name(self, what):
        return "%s: %s" % (self.gen, what)

    # ---------------------------------------------------------------------------------------------- steps

    def network(self):
        vpc = self.cli_ok("ec2", "CreateVpc", "ec2", "create-vpc", "--cidr-block", "10.0.0.0/16",
                          "--tag-specifications", "ResourceType=vpc,Tags=[{Key=Name,Value=ielts-prod-vpc}]")["Vpc"]
        h.check_match(r"vpc-[0-9a-f]{8,17}", vpc.get("VpcId"), "create-vpc VpcId")
        h.check_eq(vpc.get("CidrBlock"), "10.0.0.0/16", "create-vpc CidrBlock")
        h.check({"Key": "Name", "Value": "ielts-prod-vpc"} in (vpc.get("Tags") or []),
                "create-vpc did not echo the Name tag: %r", vpc.get("Tags"))
        self.vars["VPC_ID"] = vpc["VpcId"]

        found = self.cli_ok("ec2", "DescribeVpcs", "ec2", "describe-vpcs",
                            "--filters", "Name=tag:Name,Values=ielts-prod-vpc")["Vpcs"]
        h.check_eq([v["VpcId"] for v in found], [vpc["VpcId"]], "describe-vpcs tag:Name=ielts-prod-vpc")

        for var, az, cidr in (("PRIVATE_APP_1A", "ap-southeast-1a", "10.0.11.0/24"),
                              ("PRIVATE_APP_1B", "ap-southeast-1b", "10.0.12.0/24")):
            subnet = self.cli_ok("ec2", "CreateSubnet", "ec2", "create-subnet", "--vpc-id", vpc["VpcId"],
                                 "--cidr-block", cidr, "--availability-zone", az, "--tag-specifications",
                                 "ResourceType=subnet,Tags=[{Key=Name,Value=ielts-prod-private-app-%s}]"
                                 % az[-2:])["Subnet"]
            h.check_match(r"subnet-[0-9a-f]{8,17}", subnet.get("SubnetId"), "create-subnet SubnetId")
            h.check_eq(subnet.get("AvailabilityZone"), az, "create-subnet AvailabilityZone")
            h.check_eq(subnet.get("CidrBlock"), cidr, "create-subnet CidrBlock")
            h.check_eq(subnet.get("VpcId"), vpc["VpcId"], "create-subnet VpcId")
            h.check_eq(subnet.get("AvailableIpAddressCount"), 251, "create-subnet AvailableIpAddressCount (/24)")
            self.vars[var] = subnet["SubnetId"]

        subnets = self.cli_ok("ec2", "DescribeSubnets", "ec2", "describe-subnets",
                              "--filters", "Name=vpc-id,Values=%s" % vpc["VpcId"])["Subnets"]
        h.check_eq(sorted(s["SubnetId"] for s in subnets),
                   sorted([self.vars["PRIVATE_APP_1A"], self.vars["PRIVATE_APP_1B"]]), "describe-subnets vpc-id")

        for var, name in (("BE_SG", "ielts-prod-ecs-be-sg"), ("FE_SG", "ielts-prod-ecs-fe-sg"),
                          ("ALB_SG", "ielts-prod-alb-sg")):
            sg = self.cli_ok("ec2", "CreateSecurityGroup", "ec2", "create-security-group", "--group-name", name,
                             "--description", "%s security group" % name, "--vpc-id", vpc["VpcId"])
            h.check_match(r"sg-[0-9a-f]{8,17}", sg.get("GroupId"), "create-security-group GroupId")
            self.vars[var] = sg["GroupId"]

        groups = self.cli_ok("ec2", "DescribeSecurityGroups", "ec2", "describe-security-groups", "--group-ids",
                             self.vars["BE_SG"], self.vars["FE_SG"], self.vars["ALB_SG"])["SecurityGroups"]
        by_id = {g["GroupId"]: g for g in groups}
        for var, name in (("BE_SG", "ielts-prod-ecs-be-sg"), ("FE_SG", "ielts-prod-ecs-fe-sg"),
                          ("ALB_SG", "ielts-prod-alb-sg")):
            g = by_id.get(self.vars[var])
            h.check(g is not None, "describe-security-groups lacks %s", self.vars[var])
            h.check_eq(g.get("GroupName"), name, "security group name")
            h.check_eq(g.get("VpcId"), vpc["VpcId"], "security group VpcId")

    def load_balancer(self):
        """The ALB the guide's services point at (its Load Balancer step): target groups, listener 80 forwarding
        to the frontend, /api/* to the backend. The deregistration delay is lowered as the guide's readers do for
        fast deploys."""
        self.need("VPC_ID", "PRIVATE_APP_1A", "PRIVATE_APP_1B", "ALB_SG")
        lb = self.cli_ok("elbv2", "CreateLoadBalancer", "elbv2", "create-load-balancer", "--name", "ielts-prod-alb",
                         "--subnets", self.vars["PRIVATE_APP_1A"], self.vars["PRIVATE_APP_1B"],
                         "--security-groups", self.vars["ALB_SG"])["LoadBalancers"][0]
        h.check_match(r"arn:aws:elasticloadbalancing:%s:%s:loadbalancer/app/ielts-prod-alb/[0-9a-f]{16}"
                      % (REGION, ACCOUNT), lb.get("LoadBalancerArn"), "create-load-balancer ARN")
        for name, spec in SERVICES.items():
            tg = self.cli_ok("elbv2", "CreateTargetGroup", "elbv2", "create-target-group", "--name", spec["tg_name"],
                             "--protocol", "HTTP", "--port", str(spec["port"]), "--vpc-id", self.vars["VPC_ID"],
                             "--target-type", "ip", "--health-check-path", spec["health"],
                             "--health-check-interval-seconds", "5", "--health-check-timeout-seconds", "2",
                             "--healthy-threshold-count", "2")["TargetGroups"][0]
            h.check_match(r"arn:aws:elasticloadbalancing:%s:%s:targetgroup/%s/[0-9a-f]{16}"
                          % (REGION, ACCOUNT, spec["tg_name"]), tg.get("TargetGroupArn"), "create-target-group ARN")
            self.cli.ok("elbv2", "modify-target-group-attributes", "--target-group-arn", tg["TargetGroupArn"],
                        "--attributes", "Key=deregistration_delay.timeout_seconds,Value=10")
            self.vars["TG_" + name] = tg["TargetGroupArn"]
        listener = self.cli_ok("elbv2", "CreateListener", "elbv2", "create-listener", "--load-balancer-arn",
                               lb["LoadBalancerArn"], "--protocol", "HTTP", "--port", "80", "--default-actions",
                               "Type=forward,TargetGroupArn=%s" % self.vars["TG_ielts-frontend-service"]
                               )["Listeners"][0]
        self.cli_ok("elbv2", "CreateRule", "elbv2", "create-rule", "--listener-arn", listener["ListenerArn"],
                    "--priority", "10", "--conditions", "Field=path-pattern,Values=/api/*", "--actions",
                    "Type=forward,TargetGroupArn=%s" % self.vars["TG_ielts-backend-service"])

    def caller_identity(self):
        ident = self.cli_ok("sts", "GetCallerIdentity", "sts", "get-caller-identity")
        h.check_eq(ident.get("Account"), ACCOUNT, "get-caller-identity Account")
        h.check_match(r"arn:aws:(iam|sts)::%s:.+" % ACCOUNT, ident.get("Arn"), "get-caller-identity Arn")
        h.check(bool(ident.get("UserId")), "get-caller-identity UserId empty")

    def cluster(self):
        out = self.cli_ok("ecs", "CreateCluster", "ecs", "create-cluster", "--cluster-name", CLUSTER,
                          "--service-connect-defaults", "namespace=ielts.local")["cluster"]
        h.check_eq(out.get("clusterName"), CLUSTER, "create-cluster clusterName")
        h.check_eq(out.get("clusterArn"), ARN_PREFIX + "cluster/" + CLUSTER, "create-cluster clusterArn")
        h.check(out.get("status") in ("ACTIVE", "PROVISIONING"), "create-cluster status %r", out.get("status"))
        self.vars["CLUSTER_ARN"] = out["clusterArn"]

    def task_definitions(self):
        specs = (("ielts-backend", "backend", "ielts/backend:latest", 8080, "/actuator/health"),
                 ("ielts-frontend", "frontend", "ielts/frontend:latest", 3000, "/api/health"))
        for family, container, image, port, path in specs:
            doc = task_definition_input(family, container, image, port, path)
            file_path = os.path.join(self.cli.workdir, "%s-%s.json" % (self.gen, family))
            with open(file_path, "w") as f:
                json.dump(doc, f, indent=2)
            td = self.cli_ok("ecs", "RegisterTaskDefinition", "ecs", "register-task-definition",
                             "--cli-input-json", "file://" + file_path)["taskDefinition"]
            h.check_eq(td.get("taskDefinitionArn"), ARN_PREFIX + "task-definition/%s:1" % family,
                       "register-task-definition ARN")
            h.check_eq(td.get("family"), family, "family")
            h.check_eq(td.get("revision"), 1, "revision")
            h.check_eq(td.get("status"), "ACTIVE", "status")
            h.check_eq((td.get("cpu"), td.get("memory")), ("512", "1024"), "cpu/memory (strings)")
            h.check_eq(td.get("networkMode"), "awsvpc", "networkMode")
            h.check_eq(td.get("requiresCompatibilities"), ["FARGATE"], "requiresCompatibilities")
            h.check("FARGATE" in (td.get("compatibilities") or []), "compatibilities lacks FARGATE: %r",
                    td.get("compatibilities"))
            c = (td.get("containerDefinitions") or [{}])[0]
            h.check_eq(c.get("name"), container, "container name")
            h.check_eq(c.get("image"), image, "container image")
            pm = (c.get("portMappings") or [{}])[0]
            h.check_eq((pm.get("containerPort"), pm.get("name"), pm.get("appProtocol"), pm.get("protocol")),
                       (port, container, "http", "tcp"), "portMappings[0] (containerPort, name, appProtocol, protocol)")
            hc = c.get("healthCheck") or {}
            h.check_eq(hc.get("command"), doc["containerDefinitions"][0]["healthCheck"]["command"],
                       "healthCheck.command")
            h.check_eq((hc.get("interval"), hc.get("timeout"), hc.get("retries"), hc.get("startPeriod")),
                       (30, 5, 3, 60), "healthCheck timing")
            self.vars["TD_" + family] = td["taskDefinitionArn"]

        desc = self.cli_ok("ecs", "DescribeTaskDefinition", "ecs", "describe-task-definition",
                           "--task-definition", "ielts-backend")["taskDefinition"]
        h.check_eq(desc.get("taskDefinitionArn"), self.vars.get("TD_ielts-backend"), "describe-task-definition ARN")

    def create_service(self, service_name):
        self.need("PRIVATE_APP_1A", "PRIVATE_APP_1B", "BE_SG", "FE_SG", "TD_" + SERVICES[service_name]["family"])
        self.need("TG_" + service_name)
        command = guide.find_command(guide.all_commands(), "aws ecs create-service", service_name)
        # The guide leaves the target group ARN for its reader to fill in; so does this test, with the real one.
        h.check(SERVICES[service_name]["target_group"] in command, "guide's target group placeholder not found")
        command = command.replace(SERVICES[service_name]["target_group"], self.vars["TG_" + service_name])
        env = {k: self.vars[k] for k in ("PRIVATE_APP_1A", "PRIVATE_APP_1B", "BE_SG", "FE_SG")}
        res = self.cli.bash(command, env=env)
        h.check(res.rc == 0, "guide command failed: %s", res.describe())
        out = res.json
        problems = h.VALIDATOR.validate_parsed("ecs", "CreateService", out, label="aws %s create-service" % self.gen)
        h.check(not problems, "create-service output does not fit the shape:\n  %s", "\n  ".join(problems))
        self.check_service(out["service"], service_name, settled=False)
        self.vars["SERVICE_" + service_name] = out["service"]["serviceArn"]

    def check_service(self, svc, service_name, settled):
        spec = SERVICES[service_name]
        what = "%s %s" % (self.gen, service_name)
        h.check_eq(svc.get("serviceName"), service_name, what + " serviceName")
        h.check_eq(svc.get("serviceArn"), ARN_PREFIX + "service/%s/%s" % (CLUSTER, service_name), what + " serviceArn")
        h.check_eq(svc.get("clusterArn"), ARN_PREFIX + "cluster/" + CLUSTER, what + " clusterArn")
        h.check_eq(svc.get("status"), "ACTIVE", what + " status")
        h.check_eq(svc.get("desiredCount"), 2, what + " desiredCount")
        h.check_eq(svc.get("launchType"), "FARGATE", what + " launchType")
        h.check_eq(svc.get("taskDefinition"), ARN_PREFIX + "task-definition/%s:1" % spec["family"],
                   what + " taskDefinition")
        h.check_eq(svc.get("schedulingStrategy"), "REPLICA", what + " schedulingStrategy")
        dc = svc.get("deploymentConfiguration") or {}
        h.check_eq((dc.get("minimumHealthyPercent"), dc.get("maximumPercent")), (100, 200),
                   what + " deploymentConfiguration (min healthy %, max %)")
        h.check_eq(svc.get("loadBalancers"), [{"targetGroupArn": self.vars["TG_" + service_name],
                                               "containerName": spec["container"],
                                               "containerPort": spec["port"]}], what + " loadBalancers")
        expected_net = {"subnets": [self.vars["PRIVATE_APP_1A"], self.vars["PRIVATE_APP_1B"]],
                        "securityGroups": [self.vars[spec["sg"]]], "assignPublicIp": "DISABLED"}
        h.check_eq((svc.get("networkConfiguration") or {}).get("awsvpcConfiguration"), expected_net,
                   what + " networkConfiguration.awsvpcConfiguration")
        deployments = svc.get("deployments") or []
        h.check_eq(len(deployments), 1, what + " number of deployments")
        dep = deployments[0]
        h.check_eq(dep.get("status"), "PRIMARY", what + " deployments[0].status")
        h.check_match(r"ecs-svc/\d{19}", dep.get("id"), what + " deployment id")
        h.check_eq(dep.get("taskDefinition"), svc.get("taskDefinition"), what + " deployment taskDefinition")
        h.check_eq(dep.get("desiredCount"), 2, what + " deployment desiredCount")
        h.check_eq((dep.get("networkConfiguration") or {}).get("awsvpcConfiguration"), expected_net,
                   what + " deployment networkConfiguration")
        scc = dep.get("serviceConnectConfiguration")
        h.check(isinstance(scc, dict), "%s: deployments[0].serviceConnectConfiguration missing", what)
        h.check_eq(scc.get("enabled"), True, what + " serviceConnectConfiguration.enabled")
        ns = scc.get("namespace")
        h.check(ns == "ielts.local" or (isinstance(ns, str) and re.fullmatch(NAMESPACE_ARN, ns)),
                "%s serviceConnectConfiguration.namespace %r is neither 'ielts.local' nor a namespace ARN", what, ns)
        expected_sc = [{"portName": spec["container"], "discoveryName": spec["container"],
                        "clientAliases": [{"port": spec["port"], "dnsName": "%s.ielts.local" % spec["container"]}]}]
        got_sc = scc.get("services")
        h.check(isinstance(got_sc, list) and len(got_sc) == 1, "%s serviceConnectConfiguration.services %r",
                what, got_sc)
        for key, value in expected_sc[0].items():
            h.check_eq(got_sc[0].get(key), value, what + " serviceConnectConfiguration.services[0]." + key)
        if settled:
            h.check_eq(svc.get("runningCount"), 2, what + " runningCount (guide: Running tasks 2/2)")
            h.check_eq(dep.get("rolloutState"), "COMPLETED", what + " deployment rolloutState")

    def wait_stable(self):
        self.need("SERVICE_ielts-backend-service", "SERVICE_ielts-frontend-service")
        waiter = self.ecs.get_waiter("services_stable")
        try:
            waiter.wait(cluster=CLUSTER, services=list(SERVICES), WaiterConfig={"Delay": 1, "MaxAttempts": 40})
        except Exception as e:  # noqa: BLE001
            last = self.ecs.describe_services(cluster=CLUSTER, services=list(SERVICES))
            summary = [(s["serviceName"], s.get("runningCount"), s.get("desiredCount"), len(s.get("deployments", [])))
                       for s in last.get("services", [])]
            raise AssertionError("boto3 services_stable waiter: %s; (name, running, desired, deployments) = %r"
                                 % (e, summary))
        # services_stable ignores rolloutState; the console's "Deployments: 1 (PRIMARY)" view is the COMPLETED one.
        def completed():
            got = self.ecs.describe_services(cluster=CLUSTER, services=list(SERVICES))["services"]
            return all([d.get("rolloutState") for d in s.get("deployments", [])] == ["COMPLETED"] for s in got)
        h.wait_until(completed, 30, 0.25, "both guide deployments COMPLETED")
        # The CLI waiter polls every 15 s; the services are stable now, so its first poll must succeed.
        res = self.cli.run("ecs", "wait", "services-stable", "--cluster", CLUSTER, "--services", *SERVICES,
                           timeout_s=60)
        h.check(res.rc == 0, "aws ecs wait services-stable: %s", res.describe())
        h.check(res.duration_s < 30, "aws ecs wait services-stable took %.0f s on stable services", res.duration_s)

    def guide_list_services(self):
        self.need("SERVICE_ielts-backend-service", "SERVICE_ielts-frontend-service")
        command = guide.find_command(guide.all_commands(), "aws ecs list-services")
        res = self.cli.bash(command)
        h.check(res.rc == 0, "guide command failed: %s", res.describe())
        out = res.json
        h.VALIDATOR.validate_parsed("ecs", "ListServices", out, label="aws %s list-services" % self.gen)
        h.check_eq(sorted(out.get("serviceArns") or []),
                   sorted(self.vars["SERVICE_" + n] for n in SERVICES), "list-services serviceArns")

    def guide_describe_services(self):
        self.need("SERVICE_ielts-backend-service", "SERVICE_ielts-frontend-service")
        command = guide.find_command(guide.all_commands(), "aws ecs describe-services")
        res = self.cli.bash(command)
        h.check(res.rc == 0, "guide command failed: %s", res.describe())
        out = res.json
        problems = h.VALIDATOR.validate_parsed("ecs", "DescribeServices", out,
                                               label="aws %s describe-services" % self.gen)
        h.check(not problems, "describe-services output does not fit the shape:\n  %s", "\n  ".join(problems))
        h.check_eq(out.get("failures"), [], "describe-services failures")
        services = {s.get("serviceName"): s for s in out.get("services") or []}
        h.check_eq(sorted(services), sorted(SERVICES), "describe-services service names")
        for name in SERVICES:
            self.check_service(services[name], name, settled=True)
        # The same read through boto3: the raw body is validated strictly by the after-call hook.
        raw = self.ecs.describe_services(cluster=CLUSTER, services=list(SERVICES), include=["TAGS"])
        for s in raw["services"]:
            self.check_service(s, s["serviceName"], settled=True)

    def guide_list_tasks(self):
        self.need("SERVICE_ielts-backend-service")
        command = guide.find_command(guide.all_commands(), "aws ecs list-tasks")
        res = self.cli.bash(command)
        h.check(res.rc == 0, "guide command failed: %s", res.describe())
        out = res.json
        problems = h.VALIDATOR.validate_parsed("ecs", "ListTasks", out, label="aws %s list-tasks" % self.gen)
        h.check(not problems, "list-tasks output does not fit the shape:\n  %s", "\n  ".join(problems))
        arns = out.get("taskArns") or []
        h.check_eq(len(arns), 2, "list-tasks --service-name ielts-backend-service: number of tasks")
        for arn in arns:
            h.check_match(re.escape(ARN_PREFIX) + r"task/%s/[0-9a-f]{32}" % CLUSTER, arn, "task ARN")
        tasks = self.ecs.describe_tasks(cluster=CLUSTER, tasks=arns)
        h.check_eq(tasks.get("failures"), [], "describe-tasks failures")
        for t in tasks["tasks"]:
            h.check_eq(t.get("group"), "service:ielts-backend-service", "task group")
            h.check_eq(t.get("lastStatus"), "RUNNING", "task lastStatus")
            h.check_eq(t.get("launchType"), "FARGATE", "task launchType")
            h.check_eq(t.get("taskDefinitionArn"), self.vars.get("TD_ielts-backend"), "task taskDefinitionArn")
            h.check(t.get("availabilityZone") in ("ap-southeast-1a", "ap-southeast-1b"),
                    "task availabilityZone %r is not the AZ of one of the service's subnets", t.get("availabilityZone"))

    def run_all(self):
        steps = [
            ("ec2 network (vpc, subnets 1a/1b, security groups)", self.network),
            ("elbv2 load balancer (target groups, listener 80, /api/* rule)", self.load_balancer),
            ("sts get-caller-identity", self.caller_identity),
            ("ecs create-cluster ielts-prod-cluster", self.cluster),
            ("ecs register-task-definition ielts-backend/ielts-frontend", self.task_definitions),
            ("guide verbatim: create-service ielts-backend-service",
             lambda: self.create_service("ielts-backend-service")),
            ("guide verbatim: create-service ielts-frontend-service",
             lambda: self.create_service("ielts-frontend-service")),
            ("services reach steady state (boto3 + cli waiters)", self.wait_stable),
            ("guide verbatim: list-services", self.guide_list_services),
            ("guide verbatim: describe-services", self.guide_describe_services),
            ("guide verbatim: list-tasks", self.guide_list_tasks),
        ]
        for title, step in steps:
            with self.suite.case(self.name(title)):
                step()


def main():
    suite = h.Suite("test_guide_cli")
    # Emulated time runs 10x so the guide's deployments complete on ECS's own timing within seconds.
    server = h.Server(extra_args=["--time-scale", "10"])
    try:
        with suite.case("server starts"):
            server.start()
        if not server.alive():
            return suite.finish()
        with suite.case("the repository's copy of the guide matches the user's guide (when it is there)"):
            shared = guide.shared_guide_path()
            if shared is None:
                print("    no shared guide beside this checkout: running the repository's copy")
            else:
                with open(shared, "rb") as a, open(guide.REPOSITORY_COPY, "rb") as b:
                    h.check(a.read() == b.read(), "%s differs from %s: refresh the copy", shared,
                            guide.REPOSITORY_COPY)
        for generation in ("v1", "v2"):
            with suite.case("%s: reset server; cli version" % generation):
                server.reset()
                cli = h.Cli(generation, server.endpoint)
                print("    using %s" % cli.version())
            try:
                run = GuideRun(suite, server, generation)
            except SystemExit as e:  # aws-cli v2 missing and not installable: a failure, not a crash
                with suite.case("%s: cli available" % generation):
                    raise AssertionError(str(e))
                continue
            run.run_all()
        with suite.case("server still healthy"):
            h.check_eq(server.health(), 200, "GET /_ecsemu/health")
    finally:
        server.stop()
    return suite.finish()


if __name__ == "__main__":
    sys.exit(main())
