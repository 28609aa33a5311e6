"""Hostile requests below and beside the JSON protocol: huge headers and bodies, malformed request lines and
header syntax, bad chunked encoding, unknown Query/EC2 services and actions, form data hostile to decoding and
to the XML the server writes."""
import json
import urllib.parse

import ecsemu_harness as h
from hostile_requests import CANARY, CT_JSON, ECS, MiB, auth, form_request, json_request, raw_head


def huge_headers(add):
    """Huge headers."""
    body = json.dumps({"clusters": [CANARY]})
    add("huge headers", "one 70 KiB header", lambda: json_request(body, extra=[("X-Big", "a" * 70 * 1024)]), "http")
    add("huge headers", "3000 headers", lambda: json_request(body, extra=[("X-H-%d" % i, "v" * 20)
                                                                          for i in range(3000)]), "http")
    add("huge headers", "70 KiB X-Amz-Target", lambda: json_request(body, target=ECS + "A" * 70 * 1024), "http")
    add("huge headers", "70 KiB Authorization",
        lambda: json_request(body, signed=False, extra=[("Authorization", "AWS4-HMAC-SHA256 " + "C" * 70 * 1024)]),
        "http")
    add("huge headers", "70 KiB request target", lambda: json_request(body, path="/" + "a" * 70 * 1024), "http")
    add("huge headers", "70 KiB query string",
        lambda: form_request("", path="/?Action=DescribeVpcs&X=" + "A" * 70 * 1024), "http")
    add("huge headers", "70 KiB header name", lambda: json_request(body, extra=[("X" * 70 * 1024, "v")]), "http")
    add("huge headers", "1 MiB of headers",
        lambda: json_request(body, extra=[("X-M-%d" % i, "m" * 1000) for i in range(1024)]), "http")


def huge_bodies(add):
    """Huge bodies (sent bounded: at most ~9 MiB per case)."""
    def big_json(size):
        pad = size - len('{"clusterName":""}')
        return json_request('{"clusterName":"' + "a" * pad + '"}', ECS + "CreateCluster")
    add("huge body", "9 MiB JSON body", lambda: big_json(9 * MiB), "json", timeout_s=30)
    add("huge body", "8 MiB + 1 JSON body", lambda: big_json(8 * MiB + 1), "json", timeout_s=30)
    add("huge body", "Content-Length 1 TiB, 64 KiB sent",
        lambda: h.build_request("POST", "/", [("Content-Type", CT_JSON), ("X-Amz-Target", ECS + "CreateCluster"),
                                              ("Content-Length", str(1 << 40))] + auth("ecs"),
                                b'{"clusterName":"' + b"a" * 65536, content_length=False), "json")
    add("huge body", "Content-Length 2^64",
        h.build_request("POST", "/", [("Content-Type", CT_JSON), ("X-Amz-Target", ECS + "ListClusters"),
                                      ("Content-Length", str(1 << 64))] + auth("ecs"), b"{}", content_length=False),
        "http")

    def chunked_big():
        head = h.build_request("POST", "/", [("Content-Type", CT_JSON), ("X-Amz-Target", ECS + "CreateCluster"),
                                             ("Transfer-Encoding", "chunked")] + auth("ecs"), b"",
                               content_length=False)
        chunk = b"a" * 65536
        parts = [head, b'11\r\n{"clusterName":"a\r\n']
        parts += [b"%x\r\n%s\r\n" % (len(chunk), chunk)] * (9 * 16)
        parts.append(b"2\r\n\"}\r\n0\r\n\r\n")
        return parts
    add("huge body", "9 MiB chunked body", chunked_big, "json", timeout_s=30)
    add("huge body", "9 MiB form body (EC2)",
        lambda: form_request("Action=DescribeVpcs&Version=2016-11-15&X=" + "A" * 9 * MiB), "aws", timeout_s=30)


def malformed_request_lines(add):
    """Malformed request lines and header syntax."""
    cl = "Content-Length: 2"
    host = "Host: 127.0.0.1"
    malformed = {
        "GARBAGE": raw_head(["GARBAGE"]),
        "method only": raw_head(["GET"]),
        "binary junk": b"\x00\x01\x02\x03\xff\r\n\r\n",
        "HTTP/9.9": raw_head(["POST / HTTP/9.9", host, cl], b"{}"),
        "HTTP/1.1 extra token": raw_head(["POST / HTTP/1.1 extra", host, cl], b"{}"),
        "double spaces": raw_head(["POST  /  HTTP/1.1", host, cl], b"{}"),
        "no version": raw_head(["POST /", host, cl], b"{}"),
        "lower-case version": raw_head(["POST / http/1.1", host, cl], b"{}"),
        "unknown method BREW": raw_head(["BREW / HTTP/1.1", host, cl], b"{}"),
        "lower-case method": raw_head(["post / HTTP/1.1", host, cl], b"{}"),
        "DELETE /": raw_head(["DELETE / HTTP/1.1", host, "Content-Length: 0"]),
        "PUT with JSON target": json_request("{}", ECS + "ListClusters", method="PUT"),
        "GET / bare": raw_head(["GET / HTTP/1.1", host]),
        "POST * target": raw_head(["POST * HTTP/1.1", host, cl], b"{}"),
        "10 KB method": raw_head(["P" * 10_000 + " / HTTP/1.1", host, cl], b"{}"),
        "0xff in target": raw_head(["POST /\xff HTTP/1.1", host, cl], b"{}"),
        "NUL in target": raw_head(["POST /\x00 HTTP/1.1", host, cl], b"{}"),
        "header without colon": raw_head(["POST / HTTP/1.1", host, "BadHeaderLine", cl], b"{}"),
        "space before colon": raw_head(["POST / HTTP/1.1", host, "Content-Length : 2"], b"{}"),
        "obs-fold continuation": raw_head(["POST / HTTP/1.1", host, "X-Amz-Target: " + ECS, " ListClusters",
                                           "Content-Type: " + CT_JSON, cl], b"{}"),
        "conflicting Content-Length": raw_head(["POST / HTTP/1.1", host, "Content-Length: 2", "Content-Length: 3"],
                                               b"{}"),
        "Content-Length -1": raw_head(["POST / HTTP/1.1", host, "Content-Length: -1"], b"{}"),
        "Content-Length abc": raw_head(["POST / HTTP/1.1", host, "Content-Length: abc"], b"{}"),
        "Content-Length 1e3": raw_head(["POST / HTTP/1.1", host, "Content-Length: 1e3"], b"{}"),
        "Content-Length 0x10": raw_head(["POST / HTTP/1.1", host, "Content-Length: 0x10"], b"{}"),
        "CL and TE both": raw_head(["POST / HTTP/1.1", host, "Content-Type: " + CT_JSON,
                                    "X-Amz-Target: " + ECS + "ListClusters", "Content-Length: 7",
                                    "Transfer-Encoding: chunked"], b"2\r\n{}\r\n0\r\n\r\n"),
        "Transfer-Encoding gzip": raw_head(["POST / HTTP/1.1", host, "Transfer-Encoding: gzip"], b"{}"),
        "no Host (HTTP/1.1)": raw_head(["POST / HTTP/1.1", "Content-Type: " + CT_JSON,
                                        "X-Amz-Target: " + ECS + "ListClusters", cl], b"{}"),
        "two Host headers": raw_head(["POST / HTTP/1.1", host, "Host: evil.example", "Content-Type: " + CT_JSON,
                                      "X-Amz-Target: " + ECS + "ListClusters", cl], b"{}"),
        "NUL in header value": raw_head(["POST / HTTP/1.1", host, "X-Thing: a\x00b", cl], b"{}"),
        "space in header name": raw_head(["POST / HTTP/1.1", host, "X Amz: 1", cl], b"{}"),
        "control char in header name": raw_head(["POST / HTTP/1.1", host, "X-Amz\x01: 1", cl], b"{}"),
        "empty header name": raw_head(["POST / HTTP/1.1", host, ": value", cl], b"{}"),
    }
    for label, payload in malformed.items():
        add("request line/headers", label, payload, "http")


def bad_chunked(add):
    """Bad chunked encoding."""
    host = "Host: 127.0.0.1"
    def chunked(body_bytes):
        return raw_head(["POST / HTTP/1.1", host, "Content-Type: " + CT_JSON, "X-Amz-Target: " + ECS + "ListClusters",
                         "Transfer-Encoding: chunked"] + ["%s: %s" % kv for kv in auth("ecs")]) + body_bytes
    bad_chunks = {
        "size zz": (b"zz\r\n{}\r\n0\r\n\r\n", False),
        "negative size": (b"-2\r\n{}\r\n0\r\n\r\n", False),
        "size overflows 64 bits": (b"ffffffffffffffffffff\r\n{}\r\n0\r\n\r\n", False),
        "data longer than size": (b"1\r\n{}\r\n0\r\n\r\n", False),
        "missing CRLF after data": (b"2\r\n{}XX0\r\n\r\n", False),
        "control char in chunk-ext": (b"2;\x01\r\n{}\r\n0\r\n\r\n", False),
        "plain body instead of chunks": (b'{"maxResults": 1}\r\n\r\n', False),
        "trailer without colon": (b"2\r\n{}\r\n0\r\nBadTrailer\r\n\r\n", False),
        "last chunk missing, then EOF": (b"2\r\n{}\r\n", True),
        "EOF inside a chunk": (b"10\r\n{}", True),
        "empty size line": (b"\r\n{}\r\n0\r\n\r\n", False),
    }
    for label, (payload, eof) in bad_chunks.items():
        add("bad chunked", label, chunked(payload), "http", allow_close=eof, shutdown_write=eof)
    for te in ("chunked, chunked", "chunkedx", "identity"):
        add("bad chunked", "Transfer-Encoding: " + te,
            raw_head(["POST / HTTP/1.1", host, "Content-Type: " + CT_JSON, "X-Amz-Target: " + ECS + "ListClusters",
                      "Transfer-Encoding: " + te], b"2\r\n{}\r\n0\r\n\r\n"), "http")


def query_unknown(add):
    """Query/EC2: unknown services and actions."""
    ec2_forms = {"unknown action": "Action=NoSuchAction&Version=2016-11-15",
                 "empty Action": "Action=&Version=2016-11-15", "no Action": "Version=2016-11-15",
                 "lower-case action": "Action=describevpcs&Version=2016-11-15",
                 "duplicate Action": "Action=DescribeVpcs&Action=CreateVpc&Version=2016-11-15",
                 "unimplemented RunInstances": "Action=RunInstances&Version=2016-11-15&ImageId=ami-1&MinCount=1"
                                               "&MaxCount=1",
                 "Action with spaces": "Action=Describe%20Vpcs&Version=2016-11-15",
                 "Action 5 KB": "Action=" + "D" * 5000 + "&Version=2016-11-15",
                 "empty body": ""}
    for label, form in ec2_forms.items():
        add("query unknown", "EC2 " + label, form_request(form), "ec2")
    add("query unknown", "EC2 GET unknown action",
        form_request("", method="GET", path="/?Action=NoSuchAction&Version=2016-11-15", ct=None), "ec2")
    add("query unknown", "STS unknown action", form_request("Action=AssumeRoleWithFoo&Version=2011-06-15", "sts"),
        "query")
    add("query unknown", "STS no Action", form_request("Version=2011-06-15", "sts"), "query")
    add("query unknown", "STS lower-case action", form_request("Action=getcalleridentity&Version=2011-06-15", "sts"),
        "query")
    for service, form in (("iam", "Action=ListUsers&Version=2010-05-08"),
                          ("sqs", "Action=ListQueues&Version=2012-11-05"),
                          ("sns", "Action=ListTopics&Version=2010-03-31"),
                          ("cloudformation", "Action=ListStacks&Version=2010-05-15"),
                          ("rds", "Action=DescribeDBInstances&Version=2014-10-31"),
                          ("autoscaling", "Action=DescribeAutoScalingGroups&Version=2011-01-01"),
                          ("elasticache", "Action=DescribeCacheClusters&Version=2015-02-02"),
                          ("redshift", "Action=DescribeClusters&Version=2012-12-01"),
                          ("ses", "Action=ListIdentities&Version=2010-12-01"),
                          ("sdb", "Action=ListDomains&Version=2009-04-15"),
                          ("elasticloadbalancing", "Action=NoSuchAction&Version=2015-12-01"),
                          ("monitoring", "Action=NoSuchAction&Version=2010-08-01"),
                          ("nosuchservice", "Action=DoThings&Version=2020-01-01")):
        add("query unknown", "service %s %s" % (service, form.split("&")[0]), form_request(form, service), "query")
    add("query unknown", "unsigned unknown action", form_request("Action=NoSuchAction&Version=2016-11-15",
                                                                 signed=False), "aws")


def hostile_form_data(add, vpc_id):
    """Form data hostile to XML output / form decoding."""
    def ec2_form(**params):
        return form_request(urllib.parse.urlencode(dict({"Version": "2016-11-15"}, **params)))
    add("hostile form data", "CreateVpc CidrBlock <script>", ec2_form(Action="CreateVpc", CidrBlock="<script>"), "ec2")
    add("hostile form data", "CreateVpc CidrBlock with NUL", ec2_form(Action="CreateVpc", CidrBlock="10.0.0.0/16\x00"),
        "ec2")
    add("hostile form data", "CreateVpc CidrBlock invalid UTF-8",
        form_request("Action=CreateVpc&Version=2016-11-15&CidrBlock=%FF%FE"), "ec2")
    add("hostile form data", "CreateVpc CidrBlock ]]>", ec2_form(Action="CreateVpc", CidrBlock="]]><x>"), "ec2")
    add("hostile form data", "SG name with </groupName>",
        ec2_form(Action="CreateSecurityGroup", GroupName="</groupName><x>", GroupDescription="d", VpcId=vpc_id), "ec2")
    add("hostile form data", "SG description with control chars",
        ec2_form(Action="CreateSecurityGroup", GroupName="ctl", GroupDescription="a\x01\x02b", VpcId=vpc_id), "ec2")
    add("hostile form data", "SG name invalid UTF-8",
        form_request("Action=CreateSecurityGroup&Version=2016-11-15&GroupName=%C0%AF&GroupDescription=d&VpcId="
                     + vpc_id), "ec2")
    add("hostile form data", "VpcId.1 with markup", ec2_form(Action="DescribeVpcs", **{"VpcId.1": "vpc-<x>&amp;"}),
        "ec2")
    add("hostile form data", "filter value invalid UTF-8",
        form_request("Action=DescribeSubnets&Version=2016-11-15&Filter.1.Name=vpc-id&Filter.1.Value.1=%FF"), "ec2")
    add("hostile form data", "bad percent %ZZ", form_request("Action=DescribeVpcs&Version=2016-11-15&VpcId.1=%ZZ"),
        "ec2")
    add("hostile form data", "trailing %", form_request("Action=DescribeVpcs&Version=2016-11-15&VpcId.1=%"), "ec2")
    add("hostile form data", "short %4", form_request("Action=DescribeVpcs&Version=2016-11-15&VpcId.1=%4"), "ec2")
    add("hostile form data", "index overflow",
        form_request("Action=DescribeVpcs&Version=2016-11-15&VpcId.99999999999999999999=vpc-1"), "ec2")
    add("hostile form data", "negative index", form_request("Action=DescribeVpcs&Version=2016-11-15&VpcId.-1=vpc-1"),
        "ec2")
    add("hostile form data", "scalar and struct on one path",
        form_request("Action=DescribeVpcs&Version=2016-11-15&VpcId.1=vpc-1&VpcId.1.Foo=x"), "ec2")
    add("hostile form data", "10000-level dotted key",
        lambda: form_request("Action=DescribeVpcs&Version=2016-11-15&" + ".".join(["A"] * 10000) + "=1"), "ec2")
    add("hostile form data", "unknown parameter", form_request("Action=DescribeVpcs&Version=2016-11-15&Bogus=1"),
        "ec2")
    add("hostile form data", "100k VpcId entries",
        lambda: form_request("Action=DescribeVpcs&Version=2016-11-15&" +
                             "&".join("VpcId.%d=vpc-%017x" % (i + 1, i) for i in range(100_000))), "ec2",
        timeout_s=20)
    add("hostile form data", "JSON body with form type (EC2)", form_request('{"Action":"DescribeVpcs"}'), "ec2")
    add("hostile form data", "XML body with form type (EC2)", form_request("<Action>DescribeVpcs</Action>"), "ec2")
    add("hostile form data", "STS GetCallerIdentity with NUL in Version",
        form_request("Action=GetCallerIdentity&Version=2011-06-15%00", "sts"), "query")


def all_cases(add, vpc_id):
    for category in (huge_headers, huge_bodies, malformed_request_lines, bad_chunked, query_unknown):
        category(add)
    hostile_form_data(add, vpc_id)
