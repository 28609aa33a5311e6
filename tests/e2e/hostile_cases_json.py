"""Hostile JSON-protocol requests: broken JSON, deep nesting, invalid UTF-8, content types, X-Amz-Target,
unknown operations, wrong member types and missing required members (plus EC2 missing parameters)."""
import json

from hostile_requests import CANARY, CT_FORM, ECS, VALID_BODIES, form_request, json_request


def truncated_json(add):
    """Truncated JSON: Content-Length matches the truncated text, so only the JSON is broken."""
    for op, doc in VALID_BODIES.items():
        text = json.dumps(doc)
        for cut in sorted({1, 2, len(text) // 4, len(text) // 2, (3 * len(text)) // 4, len(text) - 1}):
            add("truncated JSON", "%s cut at %d/%d" % (op, cut, len(text)),
                json_request(text[:cut], ECS + op), "json")
    add("truncated JSON", "only whitespace", json_request("   \n", ECS + "CreateCluster"), "json")
    add("truncated JSON", "unterminated string", json_request('{"clusterName": "abc', ECS + "CreateCluster"), "json")
    add("truncated JSON", "trailing garbage", json_request('{"clusterName": "abc"} xyz', ECS + "CreateCluster"),
        "json")
    add("truncated JSON", "two documents", json_request('{"clusters":[]}{"clusters":[]}'), "json")
    add("truncated JSON", "single quotes", json_request("{'clusters': []}"), "json")
    add("truncated JSON", "trailing comma", json_request('{"clusters": ["a",]}'), "json")
    add("truncated JSON", "NaN literal", json_request('{"maxResults": NaN}', ECS + "ListClusters"), "json")
    add("truncated JSON", "comment", json_request('{/* c */ "clusters": []}'), "json")


def deep_nesting(add):
    """Deeply nested JSON."""
    n = 100_000
    add("deep nesting", "[ x 1e5 (unclosed)", lambda: json_request("[" * n), "json")
    add("deep nesting", "[ x 1e5 ] x 1e5", lambda: json_request("[" * n + "]" * n), "json")
    add("deep nesting", '{"a": x 1e5', lambda: json_request('{"a":' * n + "1" + "}" * n), "json")
    add("deep nesting", "clusters: [ x 1e5", lambda: json_request('{"clusters":' + "[" * n + "]" * n + "}"), "json")
    add("deep nesting", "clusterName: nested 1e5",
        lambda: json_request('{"clusterName":' + '{"x":' * n + '"y"' + "}" * n + "}", ECS + "CreateCluster"), "json")
    add("deep nesting", "tags value nested 1e5",
        lambda: json_request('{"clusterName":"deep","tags":[{"key":"k","value":' + "[" * n + "]" * n + "}]}",
                             ECS + "CreateCluster"), "json")
    add("deep nesting", "[ x 1e6 ] x 1e6", lambda: json_request("[" * 10 ** 6 + "]" * 10 ** 6), "json",
        timeout_s=20)


def invalid_utf8(add):
    """Invalid UTF-8 and invalid Unicode escapes."""
    bad_bytes = {"0xff 0xfe": b"\xff\xfe", "overlong /": b"\xc0\xaf", "UTF-16 surrogate": b"\xed\xa0\x80",
                 "truncated 3-byte": b"\xe2\x82", "5-byte form": b"\xf8\x88\x80\x80\x80",
                 "above U+10FFFF": b"\xf4\x90\x80\x80", "lone continuation": b"\x80", "raw NUL": b"\x00",
                 "raw control 0x01": b"\x01", "raw newline in string": b"\n"}
    for label, raw in bad_bytes.items():
        add("invalid UTF-8", "clusterName " + label,
            json_request(b'{"clusterName":"a' + raw + b'b"}', ECS + "CreateCluster"), "json")
    add("invalid UTF-8", "tag value 0xff",
        json_request(b'{"clusterName":"utf8","tags":[{"key":"k","value":"\xff"}]}', ECS + "CreateCluster"), "json")
    add("invalid UTF-8", "object key 0xff", json_request(b'{"\xff":1}', ECS + "ListClusters"), "json")
    add("invalid UTF-8", "after the document", json_request(b'{"clusters":[]}\xff'), "json")
    add("invalid UTF-8", "image 0xc3 0x28",
        json_request(json.dumps(VALID_BODIES["RegisterTaskDefinition"]).replace('"nginx"', '"ngi\\u0000nx"')
                     .encode().replace(b"ngi\\u0000nx", b"ngi\xc3\x28nx"), ECS + "RegisterTaskDefinition"), "json")
    add("invalid UTF-8", "escaped lone high surrogate",
        json_request('{"clusterName":"a\\ud800b"}', ECS + "CreateCluster"), "json")
    add("invalid UTF-8", "escaped lone low surrogate",
        json_request('{"clusterName":"a\\udc00"}', ECS + "CreateCluster"), "json")
    add("invalid UTF-8", "escaped reversed pair",
        json_request('{"clusterName":"\\udc00\\ud800"}', ECS + "CreateCluster"), "json")
    add("invalid UTF-8", "bad escape \\x41", json_request('{"clusterName":"\\x41"}', ECS + "CreateCluster"), "json")
    add("invalid UTF-8", "short \\u escape", json_request('{"clusterName":"\\u12"}', ECS + "CreateCluster"), "json")
    add("invalid UTF-8", "latin-1 body", json_request('{"clusterName":"caf\xe9"}'.encode("latin-1"),
                                                      ECS + "CreateCluster"), "json")
    add("invalid UTF-8", "UTF-16 body", json_request('{"clusters":[]}'.encode("utf-16")), "json")


def content_types(add):
    """Wrong / missing content types on an otherwise valid DescribeClusters."""
    body = json.dumps({"clusters": [CANARY]})
    for ct in ("text/plain", "application/xml", "multipart/form-data; boundary=x", "image/png", "text/html",
               "application/x-amz-cbor-1.1", "application/x-amz-json-1.1garbage", "\x7f\x01"):
        add("content type", "Content-Type %r" % ct, json_request(body, ct=ct), "json")
    add("content type", "no Content-Type", json_request(body, ct=None), "json")
    add("content type", "form Content-Type with JSON body", json_request(body, ct=CT_FORM), "aws")
    add("content type", "empty Content-Type", json_request(body, ct=""), "json")


def garbage_targets(add):
    """Missing / garbage X-Amz-Target."""
    body = json.dumps({"clusters": [CANARY]})
    targets = {
        "missing": None, "empty": "", "prefix only": "AmazonEC2ContainerServiceV20141113",
        "prefix and dot": ECS, "dot and op": ".DescribeClusters", "op only": "DescribeClusters",
        "wrong version": "AmazonEC2ContainerServiceV20141114.DescribeClusters",
        "lower case": "amazonec2containerservicev20141113.describeclusters",
        "extra segment": ECS + "DescribeClusters.Extra", "space inside": ECS + "Describe Clusters",
        "latin-1 bytes": ECS + "\xff\xfe", "10 KB of A": "A" * 10_000,
        "op plus 5 KB": ECS + "DescribeClusters" + "A" * 5000, "path traversal": "../../etc/passwd",
        "percent-encoded": ECS + "%44escribeClusters", "two ops comma": ECS + "DescribeClusters, " + ECS + "ListClusters",
        "semicolon": ECS + "DescribeClusters;ListClusters", "unicode escape": ECS + "\\u0044escribeClusters",
    }
    for label, target in targets.items():
        add("X-Amz-Target", label, json_request(body, target=target), "json")
    add("X-Amz-Target", "duplicate header, different ops",
        json_request(body, target=ECS + "DescribeClusters", extra=[("X-Amz-Target", ECS + "DeleteCluster")]), "json")


def unknown_operations(add):
    """Unknown operations."""
    body = json.dumps({"clusters": [CANARY]})
    for op in ("FooBar", "createCluster", "DESCRIBECLUSTERS", "Describe_Clusters", "DescribeClusters2",
               "DeleteEverything", "ListAllTheThings", "Create-Cluster", "GetCluster", "DescribeCluster",
               "RunTasks", "ListClustersV2", "Reset", "_ecsemu", "Health", "DescribeClusters\x0b"):
        add("unknown operation", "ECS %r" % op, json_request(body, target=ECS + op), "json")
    foreign = {"dynamodb": "DynamoDB_20120810.ListTables", "kinesis": "Kinesis_20131202.ListStreams",
               "kms": "TrentService.ListKeys", "cognito-idp": "AWSCognitoIdentityProviderService.ListUserPools",
               "secretsmanager": "secretsmanager.ListSecrets", "ssm": "AmazonSSM.GetParameter",
               "events": "AWSEvents.ListRules", "states": "AWSStepFunctions.ListStateMachines",
               "sqs": "AmazonSQS.ListQueues", "acm": "CertificateManager.ListCertificates",
               "codebuild": "CodeBuild_20161006.ListProjects", "ecr": "AmazonEC2ContainerRegistry_V20150921.ListImages"}
    for service, target in foreign.items():
        add("unknown operation", "service %s %s" % (service, target),
            json_request("{}", target=target, service=service, ct="application/x-amz-json-1.1"), "json")


def wrong_member_types(add):
    """Wrong member types."""
    wrong = [
        ("DescribeClusters", {"clusters": "x"}), ("DescribeClusters", {"clusters": [1]}),
        ("DescribeClusters", {"clusters": [None]}), ("DescribeClusters", {"clusters": {}}),
        ("DescribeClusters", {"include": "TAGS"}), ("DescribeClusters", {"include": ["NOPE"]}),
        ("CreateCluster", {"clusterName": 5}), ("CreateCluster", {"clusterName": True}),
        ("CreateCluster", {"clusterName": ["a"]}), ("CreateCluster", {"clusterName": {"a": 1}}),
        ("CreateCluster", {"clusterName": "wt", "tags": "x"}),
        ("CreateCluster", {"clusterName": "wt", "tags": [{"key": 1, "value": "v"}]}),
        ("CreateCluster", {"clusterName": "wt", "settings": [{"name": "containerInsights", "value": False}]}),
        ("CreateCluster", {"clusterName": "wt", "settings": [{"name": "noSuchSetting", "value": "x"}]}),
        ("ListClusters", {"maxResults": "10"}), ("ListClusters", {"maxResults": 1.5}),
        ("ListClusters", {"maxResults": True}), ("ListClusters", {"maxResults": -1}),
        ("ListClusters", {"maxResults": 1e100}), ("ListClusters", {"maxResults": 10 ** 30}),
        ("ListClusters", {"nextToken": 5}), ("ListClusters", []), ("ListClusters", "string"),
        ("ListClusters", 42), ("ListClusters", True), ("ListClusters", None),
        ("CreateService", dict(VALID_BODIES["CreateService"], desiredCount="2")),
        ("CreateService", dict(VALID_BODIES["CreateService"], desiredCount=2.5)),
        ("CreateService", dict(VALID_BODIES["CreateService"], desiredCount=2 ** 31)),
        ("CreateService", dict(VALID_BODIES["CreateService"], launchType="MOON")),
        ("CreateService", dict(VALID_BODIES["CreateService"], networkConfiguration="x")),
        ("CreateService", dict(VALID_BODIES["CreateService"], loadBalancers={"a": 1})),
        ("RegisterTaskDefinition", dict(VALID_BODIES["RegisterTaskDefinition"], containerDefinitions="x")),
        ("RegisterTaskDefinition", dict(VALID_BODIES["RegisterTaskDefinition"], containerDefinitions=[
            {"name": "a", "image": "b", "portMappings": [{"containerPort": "80"}]}])),
        ("RegisterTaskDefinition", dict(VALID_BODIES["RegisterTaskDefinition"], networkMode="quantum")),
        ("RegisterTaskDefinition", dict(VALID_BODIES["RegisterTaskDefinition"], requiresCompatibilities="FARGATE")),
        ("RunTask", {"cluster": CANARY, "taskDefinition": "x", "count": "1"}),
        ("TagResource", {"resourceArn": "arn:aws:ecs:ap-southeast-1:000000000000:cluster/" + CANARY,
                         "tags": {"k": "v"}}),
    ]
    for i, (op, doc) in enumerate(wrong):
        add("wrong member type", "%s #%d %s" % (op, i, json.dumps(doc)[:60]), json_request(json.dumps(doc), ECS + op),
            "json")


def missing_required(add, vpc_id):
    """Missing required members (JSON and EC2)."""
    missing = [("CreateService", {"cluster": CANARY, "taskDefinition": "x"}),
               ("RegisterTaskDefinition", {"containerDefinitions": []}),
               ("RegisterTaskDefinition", {"family": "nocontainers"}),
               ("RegisterTaskDefinition", {"family": "x", "containerDefinitions": [{"image": "nginx"}]}),
               ("DescribeTaskDefinition", {}), ("UpdateService", {"cluster": CANARY}), ("DeleteService", {}),
               ("RunTask", {"cluster": CANARY}), ("StopTask", {"cluster": CANARY}), ("DescribeTasks", {}),
               ("DescribeServices", {"cluster": CANARY}), ("DeregisterTaskDefinition", {}),
               ("TagResource", {"resourceArn": "arn:aws:ecs:ap-southeast-1:000000000000:cluster/" + CANARY}),
               ("TagResource", {"tags": [{"key": "a", "value": "b"}]}), ("UntagResource", {"tagKeys": ["a"]}),
               ("ListTagsForResource", {}), ("DeleteCluster", {}),
               ("PutClusterCapacityProviders", {"cluster": CANARY}),
               ("CreateService", {"cluster": CANARY, "serviceName": "x", "taskDefinition": "t",
                                  "serviceConnectConfiguration": {"enabled": True, "services": [
                                      {"portName": "web", "clientAliases": [{"dnsName": "web.local"}]}]}})]
    for op, doc in missing:
        add("missing required", "%s %s" % (op, json.dumps(doc)[:60]), json_request(json.dumps(doc), ECS + op), "json")
    ec2_missing = ["Action=CreateSubnet&Version=2016-11-15&CidrBlock=10.0.1.0/24",
                   "Action=CreateSecurityGroup&Version=2016-11-15&GroupDescription=x",
                   "Action=CreateSecurityGroup&Version=2016-11-15&GroupName=x",
                   "Action=CreateVpc&Version=2016-11-15",
                   "Action=CreateSubnet&Version=2016-11-15&VpcId=%s" % vpc_id]
    for form in ec2_missing:
        add("missing required", "EC2 " + form[:70], form_request(form), "ec2")


def all_cases(add, vpc_id):
    for category in (truncated_json, deep_nesting, invalid_utf8, content_types, garbage_targets, unknown_operations,
                     wrong_member_types):
        category(add)
    missing_required(add, vpc_id)
