"""Every ECS operation ecsemu serves, plus the EC2 and STS calls ECS users make, through boto3.

Each response body is validated against botocore's output shape by the after-call hook (shape_validator), so
a case fails on any unknown member, wrong type or unknown enum value even when its own assertions pass.
Error cases assert the AWS error code (and the observed AWS message where one is known).
"""
import sys

import ecsemu_harness as h
from ecs_cases_common import Ctx
from ecs_cases_resources import (clusters_capacity_providers, clusters_create_describe, clusters_delete,
                                 clusters_invalid, clusters_list_pagination, ec2_errors, ec2_network, sts_identity,
                                 taskdefs_deregister, taskdefs_describe, taskdefs_fargate_validation, taskdefs_list,
                                 taskdefs_register)
from ecs_cases_workloads import (account_id_flag, regions_isolated, services_create, services_create_errors,
                                 services_delete, services_describe, services_list, services_settle, services_update,
                                 tags, tasks_errors, tasks_list, tasks_run_describe, tasks_stop)
from ecsemu_harness import check, check_eq


CASES = [
    ("ec2: vpc/subnets/security groups", ec2_network),
    ("ec2: error codes", ec2_errors),
    ("sts: GetCallerIdentity", sts_identity),
    ("clusters: create/describe/default/failures", clusters_create_describe),
    ("clusters: invalid input", clusters_invalid),
    ("clusters: ListClusters pagination", clusters_list_pagination),
    ("clusters: PutClusterCapacityProviders", clusters_capacity_providers),
    ("clusters: DeleteCluster", clusters_delete),
    ("taskdefs: register/revisions/normalisation", taskdefs_register),
    ("taskdefs: Fargate cpu/memory validation", taskdefs_fargate_validation),
    ("taskdefs: DescribeTaskDefinition", taskdefs_describe),
    ("taskdefs: ListTaskDefinitions/Families + pagination", taskdefs_list),
    ("taskdefs: DeregisterTaskDefinition", taskdefs_deregister),
    ("services: CreateService", services_create),
    ("services: CreateService errors", services_create_errors),
    ("services: DescribeServices + failures", services_describe),
    ("services: ListServices pagination/filters", services_list),
    ("services: UpdateService", services_update),
    ("services: rollout settles (tasks, events, waiter)", services_settle),
    ("services: DeleteService", services_delete),
    ("tasks: RunTask/DescribeTasks/tasks_running", tasks_run_describe),
    ("tasks: error codes", tasks_errors),
    ("tasks: ListTasks filters/pagination", tasks_list),
    ("tasks: StopTask", tasks_stop),
    ("tags: Tag/Untag/ListTagsForResource", tags),
    ("regions: isolated, ARNs carry the region", regions_isolated),
    ("accounts: --account-id", account_id_flag),
]


def main():
    suite = h.Suite("test_ecs_boto3")
    # Emulated time runs 10x so deployments complete on ECS's own timing (health-check intervals, the 40 s
    # "healthy after RUNNING" rule) within seconds.
    server = h.Server(extra_args=["--time-scale", "10"])
    try:
        with suite.case("server starts"):
            server.start()
        if not server.alive():
            return suite.finish()
        ctx = Ctx(server)
        for name, fn in CASES:
            if suite.over_budget():
                with suite.case(name):
                    raise AssertionError("not run: time budget exhausted")
                continue
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
