"""Shared fixtures of the boto3 ECS cases: the account's ARN prefix, Fargate sizes, task definition and service
builders, and the context (clients, network) every case receives."""
import ecsemu_harness as h

R = h.REGION
A = h.ACCOUNT_ID
ARN = "arn:aws:ecs:%s:%s:" % (R, A)
FARGATE_NOT_FOUND_PREFIX = "No Fargate configuration exists for given values"

VALID_FARGATE = [(256, 512), (256, 1024), (256, 2048), (512, 1024), (512, 4096), (1024, 2048), (1024, 8192),
                 (2048, 4096), (2048, 16384), (4096, 8192), (4096, 30720), (8192, 16384), (8192, 61440),
                 (16384, 32768), (16384, 122880)]
INVALID_FARGATE = [(256, 4096), (256, 3072), (512, 512), (512, 1536), (1024, 1024), (1024, 9216), (2048, 3072),
                   (2048, 17408), (4096, 31744), (8192, 18432), (16384, 36864), (128, 512), (3000, 8192)]


def container(name="web", image="nginx:1.25", port=80, **extra):
    c = {"name": name, "image": image, "essential": True,
         "portMappings": [{"containerPort": port, "protocol": "tcp", "name": name}]}
    c.update(extra)
    return c


def register(ecs, family, cpu="256", memory="512", **extra):
    params = dict(family=family, networkMode="awsvpc", requiresCompatibilities=["FARGATE"], cpu=cpu, memory=memory,
                  containerDefinitions=[container()])
    params.update(extra)
    return ecs.register_task_definition(**params)["taskDefinition"]


class Ctx:
    def __init__(self, server):
        self.server = server
        self.ecs = h.client(server, "ecs")
        self.ec2 = h.client(server, "ec2")
        self.sts = h.client(server, "sts")
        self.ecs_use1 = h.client(server, "ecs", region="us-east-1")
        self.subnets = []
        self.sg = None
        self.vpc = None
        self.tasks = []

    def awsvpc(self, subnets=None, sgs=None, public="DISABLED"):
        return {"awsvpcConfiguration": {"subnets": subnets or self.subnets,
                                        "securityGroups": sgs or ([self.sg] if self.sg else []),
                                        "assignPublicIp": public}}


def create_service(c, cluster, name, desired=2, td="e2e-web", **extra):
    params = dict(cluster=cluster, serviceName=name, taskDefinition=td, desiredCount=desired, launchType="FARGATE",
                  networkConfiguration=c.awsvpc())
    params.update(extra)
    return c.ecs.create_service(**params)["service"]
