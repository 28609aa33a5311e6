"""Building blocks of the hostile-input cases: the Case record and request builders for JSON, Query/EC2 form
and raw HTTP heads (all bytes, so anything can be malformed)."""
import ecsemu_harness as h

ECS = h.ECS_TARGET_PREFIX
CT_JSON = "application/x-amz-json-1.1"
CT_FORM = "application/x-www-form-urlencoded; charset=utf-8"
REQUEST_TIMEOUT_S = 8.0
MiB = 1 << 20
CANARY = "hostile-canary"


class Case:
    def __init__(self, category, name, payload, kind, allow_close=False, shutdown_write=False, timeout_s=None):
        self.category = category
        self.name = name
        self.payload = payload  # bytes, or a callable returning bytes/iterable (built lazily: some are large)
        self.kind = kind  # json | query | ec2 | aws | http
        self.allow_close = allow_close
        self.shutdown_write = shutdown_write
        self.timeout_s = timeout_s or REQUEST_TIMEOUT_S


def auth(service, region=h.REGION):
    return [("X-Amz-Date", "20260101T000000Z"), ("Authorization", h.sigv4_authorization(service, region))]


def json_request(body, target=ECS + "DescribeClusters", ct=CT_JSON, service="ecs", extra=(), method="POST",
                 path="/", signed=True):
    headers = []
    if ct is not None:
        headers.append(("Content-Type", ct))
    if target is not None:
        headers.append(("X-Amz-Target", target))
    if signed:
        headers += auth(service)
    headers += list(extra)
    if isinstance(body, str):
        body = body.encode("utf-8")
    return h.build_request(method, path, headers, body)


def form_request(body, service="ec2", ct=CT_FORM, extra=(), signed=True, method="POST", path="/"):
    headers = [("Content-Type", ct)] if ct is not None else []
    if signed:
        headers += auth(service)
    headers += list(extra)
    if isinstance(body, str):
        body = body.encode("latin-1")
    return h.build_request(method, path, headers, body)


def raw_head(lines, body=b""):
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + body


VALID_BODIES = {
    "CreateCluster": {"clusterName": "trunc-test", "tags": [{"key": "a", "value": "b"}],
                      "settings": [{"name": "containerInsights", "value": "enabled"}]},
    "RegisterTaskDefinition": {"family": "trunc-family", "networkMode": "awsvpc", "requiresCompatibilities": ["FARGATE"],
                               "cpu": "256", "memory": "512",
                               "containerDefinitions": [{"name": "web", "image": "nginx", "essential": True,
                                                         "portMappings": [{"containerPort": 80}]}]},
    "CreateService": {"cluster": CANARY, "serviceName": "trunc-svc", "taskDefinition": "trunc-family",
                      "desiredCount": 1, "launchType": "FARGATE",
                      "networkConfiguration": {"awsvpcConfiguration": {"subnets": ["subnet-0123456789abcdef0"]}}},
    "DescribeClusters": {"clusters": [CANARY, "other"], "include": ["TAGS"]},
}


class CaseList:
    """Collects cases; add() is what each category function receives."""

    def __init__(self):
        self.cases = []

    def add(self, category, name, payload, kind, **kw):
        self.cases.append(Case(category, name, payload, kind, **kw))

