"""Self-test of shape_validator: it must accept correct AWS bodies and complain about wrong ones, both when
called directly and through the boto3 after-call hook (against a stub HTTP server serving bad bodies).
Needs no ecsemu binary."""
import http.server
import json
import sys
import threading

import ecsemu_harness as h
from ecsemu_harness import check
from shape_validator import ShapeValidator

JSON_HEADERS = {"content-type": "application/x-amz-json-1.1", "x-amzn-requestid": "r-1"}
GOOD_CLUSTERS = {"clusters": [{"clusterArn": "arn:aws:ecs:ap-southeast-1:000000000000:cluster/a", "clusterName": "a",
                               "status": "ACTIVE", "runningTasksCount": 0,
                               "settings": [{"name": "containerInsights", "value": "disabled"}]}], "failures": []}
EC2_NS = "http://ec2.amazonaws.com/doc/2016-11-15/"
GOOD_SUBNETS = ('<DescribeSubnetsResponse xmlns="%s"><requestId>r</requestId><subnetSet><item>'
                "<subnetId>subnet-0123</subnetId><vpcId>vpc-1</vpcId><availabilityZone>ap-southeast-1a"
                "</availabilityZone><cidrBlock>10.0.1.0/24</cidrBlock><state>available</state>"
                "<availableIpAddressCount>251</availableIpAddressCount><mapPublicIpOnLaunch>false"
                "</mapPublicIpOnLaunch><tagSet><item><key>Name</key><value>a</value></item></tagSet></item>"
                "</subnetSet></DescribeSubnetsResponse>" % EC2_NS)
STS_NS = "https://sts.amazonaws.com/doc/2011-06-15/"
GOOD_IDENTITY = ('<GetCallerIdentityResponse xmlns="%s"><GetCallerIdentityResult><Arn>arn:aws:iam::000000000000:root'
                 "</Arn><UserId>AKID</UserId><Account>000000000000</Account></GetCallerIdentityResult>"
                 "<ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></GetCallerIdentityResponse>" % STS_NS)


def mutate(doc, fn):
    doc = json.loads(json.dumps(doc))
    fn(doc)
    return json.dumps(doc)


BAD_JSON = {
    "unknown member": lambda d: d["clusters"][0].update(bogus=1),
    "string where integer": lambda d: d["clusters"][0].update(runningTasksCount="0"),
    "integer where string": lambda d: d["clusters"][0].update(clusterName=5),
    "boolean where integer": lambda d: d["clusters"][0].update(pendingTasksCount=True),
    "unknown enum value": lambda d: d["clusters"][0]["settings"][0].update(name="nope"),
    "null member": lambda d: d["clusters"][0].update(status=None),
    "object where list": lambda d: d.update(clusters={}),
}


def direct_checks():
    v = ShapeValidator()
    ecs = v.service_model("ecs")
    op = ecs.operation_model("DescribeClusters")
    check(not v.check_response(op, 200, JSON_HEADERS, json.dumps(GOOD_CLUSTERS)),
          "good DescribeClusters rejected: %r" % v.check_response(op, 200, JSON_HEADERS, json.dumps(GOOD_CLUSTERS)))
    for label, fn in BAD_JSON.items():
        problems = v.check_response(op, 200, JSON_HEADERS, mutate(GOOD_CLUSTERS, fn))
        check(problems, "validator accepted a body with %s" % label)
    td_op = ecs.operation_model("DescribeTaskDefinition")
    td = {"taskDefinition": {"family": "f", "revision": 1, "registeredAt": "2026-01-01T00:00:00Z"}}
    check(v.check_response(td_op, 200, JSON_HEADERS, json.dumps(td)), "ISO timestamp accepted in a JSON protocol body")
    td["taskDefinition"]["registeredAt"] = 1767225600.123
    check(not v.check_response(td_op, 200, JSON_HEADERS, json.dumps(td)), "epoch timestamp rejected")
    check(v.check_response(op, 200, {"content-type": "application/json"}, json.dumps(GOOD_CLUSTERS)),
          "wrong Content-Type / missing request id accepted")
    check(v.check_response(op, 200, JSON_HEADERS, b"{not json"), "non-JSON body accepted")
    check(v.check_response(op, 200, JSON_HEADERS, b"[]"), "array body accepted")
    err = {"__type": "ClusterNotFoundException", "message": "Cluster not found."}
    check(not v.check_response(op, 400, JSON_HEADERS, json.dumps(err)), "good error rejected")
    check(v.check_response(op, 400, JSON_HEADERS, json.dumps({"message": "x"})), "error without __type accepted")
    check(v.check_response(op, 400, JSON_HEADERS, json.dumps({"__type": "MadeUpException"})), "unknown code accepted")
    check(v.check_response(op, 500, JSON_HEADERS, json.dumps(err)), "client error with HTTP 500 accepted")
    check(v.check_response(op, 400, JSON_HEADERS, json.dumps(dict(err, extra=1))), "unknown error member accepted")

    ec2 = v.service_model("ec2").operation_model("DescribeSubnets")
    check(not v.check_response(ec2, 200, {}, GOOD_SUBNETS), "good DescribeSubnets rejected: %r"
          % v.check_response(ec2, 200, {}, GOOD_SUBNETS))
    for label, (old, new) in {"unknown element": ("<vpcId>", "<bogus>1</bogus><vpcId>"),
                              "bad integer": ("251", "many"), "bad boolean": (">false<", ">no<"),
                              "bad enum": (">available<", ">sleepy<"), "member instead of item": (
                                  "<subnetSet><item>", "<subnetSet><member>"),
                              "missing requestId": ("<requestId>r</requestId>", ""),
                              "wrong root": ("DescribeSubnetsResponse", "DescribeVpcsResponse"),
                              "not XML": ("</DescribeSubnetsResponse>", "")}.items():
        bad = GOOD_SUBNETS.replace(old, new)
        if label == "member instead of item":
            bad = bad.replace("</item></subnetSet>", "</member></subnetSet>")
        check(v.check_response(ec2, 200, {}, bad), "EC2 validator accepted %s" % label)
    ec2_err = ("<Response><Errors><Error><Code>InvalidSubnetID.NotFound</Code><Message>m</Message></Error></Errors>"
               "<RequestID>r</RequestID></Response>")
    check(not v.check_response(ec2, 400, {}, ec2_err), "good EC2 error rejected")
    check(v.check_response(ec2, 400, {}, ec2_err.replace("RequestID", "RequestId")), "EC2 error with RequestId accepted")
    check(v.check_response(ec2, 400, {}, "<ErrorResponse/>"), "query-style error accepted for EC2")

    sts = v.service_model("sts").operation_model("GetCallerIdentity")
    check(not v.check_response(sts, 200, {}, GOOD_IDENTITY), "good GetCallerIdentity rejected: %r"
          % v.check_response(sts, 200, {}, GOOD_IDENTITY))
    check(v.check_response(sts, 200, {}, GOOD_IDENTITY.replace("<GetCallerIdentityResult>", "").replace(
        "</GetCallerIdentityResult>", "")), "missing Result wrapper accepted")
    check(v.check_response(sts, 200, {}, GOOD_IDENTITY.replace(STS_NS, "urn:wrong")), "wrong namespace accepted")
    q_err = ('<ErrorResponse xmlns="%s"><Error><Type>Sender</Type><Code>InvalidAction</Code><Message>m</Message>'
             "</Error><RequestId>r</RequestId></ErrorResponse>" % STS_NS)
    check(not v.check_response(sts, 400, {}, q_err), "good query error rejected: %r" % v.check_response(sts, 400, {},
                                                                                                        q_err))
    check(v.check_response(sts, 400, {}, q_err.replace("<Code>InvalidAction</Code>", "")), "error without Code accepted")
    check(v.check_response(sts, 500, {}, q_err), "Sender error with HTTP 500 accepted")

    parsed = {"services": [{"serviceName": "s", "desiredCount": "2", "createdAt": "2026-01-01T00:00:00+00:00"}]}
    problems = v.validate_parsed("ecs", "DescribeServices", parsed)
    check(len(problems) == 1 and "desiredCount" in problems[0], "parsed (CLI) validation: %r" % problems)


class StubHandler(http.server.BaseHTTPRequestHandler):
    replies = {}

    def do_POST(self):  # noqa: N802 - http.server naming
        length = int(self.headers.get("Content-Length", "0"))
        self.rfile.read(length)
        target = self.headers.get("X-Amz-Target", "")
        status, ctype, body = self.replies.get(target.split(".")[-1], (404, "text/plain", "no stub"))
        data = body.encode()
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("x-amzn-RequestId", "stub-1")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        pass


def hook_checks():
    StubHandler.replies = {
        "ListClusters": (200, "application/x-amz-json-1.1", json.dumps({"clusterArns": "not-a-list", "junk": 1})),
        "DescribeClusters": (200, "application/x-amz-json-1.1", json.dumps(GOOD_CLUSTERS)),
        "DeleteCluster": (400, "application/x-amz-json-1.1", json.dumps({"message": "no __type"})),
    }
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), StubHandler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        v = ShapeValidator()
        ecs = h.client("http://127.0.0.1:%d" % httpd.server_address[1], "ecs", validator=v)
        mark = v.mark()
        ecs.describe_clusters(clusters=["a"])
        check(not v.problems_since(mark), "hook flagged a good body: %r" % v.problems_since(mark))
        mark = v.mark()
        try:
            ecs.list_clusters()
        except Exception:  # noqa: BLE001 - botocore may or may not choke on it; the validator must not
            pass
        problems = v.problems_since(mark)
        check(any("clusterArns" in p for p in problems) and any("junk" in p for p in problems),
              "hook missed a bad ListClusters body: %r" % problems)
        mark = v.mark()
        try:
            ecs.delete_cluster(cluster="a")
        except Exception:  # noqa: BLE001
            pass
        check(any("__type" in p for p in v.problems_since(mark)), "hook missed an error body without __type: %r"
              % v.problems_since(mark))
        check(v.validated_count == 3, "hook validated %d responses, expected 3" % v.validated_count)
    finally:
        httpd.shutdown()
        httpd.server_close()


def main():
    suite = h.Suite("test_shape_validator", validator=None)
    with suite.case("direct: accepts good bodies, rejects deliberately wrong ones"):
        direct_checks()
    with suite.case("boto3 after-call hook validates every response (stub server)"):
        hook_checks()
    return suite.finish()


if __name__ == "__main__":
    sys.exit(main())
