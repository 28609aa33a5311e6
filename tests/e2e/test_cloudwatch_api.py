"""CloudWatch metrics and alarms over both of CloudWatch's wire protocols.

boto3 (botocore 1.43) and aws-cli v1 speak JSON 1.0 (X-Amz-Target GraniteServiceVersion20100801.<Op>, epoch-second
timestamps, errors with x-amzn-query-error); Debian's aws-cli v2 (botocore 1.29) speaks Query (form parameters,
ISO 8601 timestamps, XML answers). Publishes datapoints with PutMetricData (Value, Values+Counts, StatisticValues),
reads them back with GetMetricStatistics, GetMetricData and ListMetrics, manages alarms (PutMetricAlarm,
DescribeAlarms, DescribeAlarmsForMetric, SetAlarmState, DeleteAlarms) and checks the error codes of the model.
boto3 responses are validated against botocore's output shapes by the harness; CLI output is checked as parsed.
"""
import datetime
import gzip
import json
import sys
import time
import urllib.parse

import ecsemu_harness as h
from ecsemu_harness import check, check_eq, check_match, expect_client_error

NAMESPACE = "Ielts/Api"
DIMENSIONS = [{"Name": "Service", "Value": "backend"}]
ALARM_ARN_PREFIX = "arn:aws:cloudwatch:%s:%s:alarm:" % (h.REGION, h.ACCOUNT_ID)


# Every time in the script counts back from one minute fixed at start, so a minute boundary passing between a
# put and a read cannot shift what is expected.
BASE_MINUTE = datetime.datetime.now(datetime.timezone.utc).replace(second=0, microsecond=0)


def clear_of_minute_boundary(margin_s=5.0):
    """Alarms are evaluated at each minute boundary of the (real-time) clock: a new alarm described across one may
    already have left INSUFFICIENT_DATA. Waits for the boundary when it is less than margin_s away."""
    into_minute = time.time() % 60
    if into_minute > 60 - margin_s:
        time.sleep(60 - into_minute + 0.5)


def utc_minute(minutes_ago):
    return BASE_MINUTE - datetime.timedelta(minutes=minutes_ago)


class Ctx:
    def __init__(self, server):
        self.server = server
        self.cw = h.client(server, "cloudwatch")


def put_metric_data(c):
    c.cw.put_metric_data(Namespace=NAMESPACE, MetricData=[
        {"MetricName": "Latency", "Dimensions": DIMENSIONS, "Timestamp": utc_minute(3), "Value": 100.0,
         "Unit": "Milliseconds"},
        {"MetricName": "Latency", "Dimensions": DIMENSIONS, "Timestamp": utc_minute(3), "Value": 300.0,
         "Unit": "Milliseconds"},
        {"MetricName": "Latency", "Dimensions": DIMENSIONS, "Timestamp": utc_minute(2), "Values": [10.0, 20.0],
         "Counts": [1.0, 3.0], "Unit": "Milliseconds"},
        {"MetricName": "Latency", "Dimensions": DIMENSIONS, "Timestamp": utc_minute(1),
         "StatisticValues": {"SampleCount": 2, "Sum": 100, "Minimum": 40, "Maximum": 60}, "Unit": "Milliseconds"},
        {"MetricName": "Requests", "Dimensions": DIMENSIONS + [{"Name": "Route", "Value": "/api"}], "Value": 7,
         "Unit": "Count"},
    ])


def compressed_put_metric_data(c):
    """boto3 gzips PutMetricData bodies of 10,240 bytes or more (botocore's requestcompression trait), as
    CloudWatch accepts; a Query client may do the same. Both land as if sent plain."""
    sent = []
    c.cw.meta.events.register("before-send.cloudwatch.PutMetricData",
                              lambda request, **_: sent.append(request.headers.get("Content-Encoding")))
    data = [{"MetricName": "Bulk%03d" % i, "Dimensions": [{"Name": "Shard", "Value": "shard-%d" % i}],
             "Timestamp": utc_minute(2), "Values": [float(v) for v in range(20)], "Unit": "Count"}
            for i in range(150)]
    c.cw.put_metric_data(Namespace="Ielts/Bulk", MetricData=data)
    check_eq([e.decode() if isinstance(e, bytes) else e for e in sent], ["gzip"], "boto3 compressed the request")
    listed = c.cw.get_paginator("list_metrics").paginate(Namespace="Ielts/Bulk").build_full_result()["Metrics"]
    check_eq(len(listed), 150, "every compressed metric listed")
    out = c.cw.get_metric_statistics(Namespace="Ielts/Bulk", MetricName="Bulk149",
                                     Dimensions=[{"Name": "Shard", "Value": "shard-149"}],
                                     StartTime=utc_minute(10), EndTime=utc_minute(-1), Period=60,
                                     Statistics=["Sum", "SampleCount"])
    check_eq([(p["Sum"], p["SampleCount"]) for p in out["Datapoints"]], [(190.0, 20.0)], "the last metric's data")

    form = {"Action": "PutMetricData", "Version": "2010-08-01", "Namespace": "Ielts/BulkQuery"}
    for i in range(1, 401):
        form["MetricData.member.%d.MetricName" % i] = "Q%03d" % i
        form["MetricData.member.%d.Value" % i] = str(i)
    body = gzip.compress(urllib.parse.urlencode(form).encode())
    headers = {"Content-Type": "application/x-www-form-urlencoded; charset=utf-8", "Content-Encoding": "gzip",
               "X-Amz-Date": "20260101T000000Z", "Authorization": h.sigv4_authorization("monitoring")}
    status, _, answer = h.http_request(c.server.host, c.server.port, "POST", "/", body=body, headers=headers)
    check_eq(status, 200, "gzip Query PutMetricData: %r" % answer[:300])
    listed = c.cw.get_paginator("list_metrics").paginate(Namespace="Ielts/BulkQuery").build_full_result()["Metrics"]
    check_eq(len(listed), 400, "every metric of the gzip Query request listed")

    headers["Content-Encoding"] = "br"
    status, _, answer = h.http_request(c.server.host, c.server.port, "POST", "/", body=body, headers=headers)
    check(status == 400 and b"MalformedQueryString" in answer, "unknown coding refused: %r %r", status, answer[:300])


def get_metric_statistics(c):
    out = c.cw.get_metric_statistics(Namespace=NAMESPACE, MetricName="Latency", Dimensions=DIMENSIONS,
                                     StartTime=utc_minute(10), EndTime=utc_minute(-1), Period=60,
                                     Statistics=["Average", "Maximum", "SampleCount", "Sum", "Minimum"])
    check_eq(out["Label"], "Latency", "Label")
    points = sorted(out["Datapoints"], key=lambda p: p["Timestamp"])
    check_eq(len(points), 3, "three minutes of data")
    check_eq(points[0]["Timestamp"], utc_minute(3), "first datapoint minute")
    check_eq((points[0]["Average"], points[0]["Maximum"], points[0]["SampleCount"]), (200.0, 300.0, 2.0), "minute 3")
    check_eq((points[1]["Sum"], points[1]["SampleCount"]), (70.0, 4.0), "values and counts")
    check_eq((points[2]["Minimum"], points[2]["Average"]), (40.0, 50.0), "statistic set")
    check_eq(points[0]["Unit"], "Milliseconds", "Unit")
    wide = c.cw.get_metric_statistics(Namespace=NAMESPACE, MetricName="Latency", Dimensions=DIMENSIONS,
                                      StartTime=utc_minute(10), EndTime=utc_minute(-1), Period=3600,
                                      ExtendedStatistics=["p100", "p0"])
    check_eq(len(wide["Datapoints"]) in (1, 2), True, "one or two hours")
    maxima = [p["ExtendedStatistics"]["p100"] for p in wide["Datapoints"]]
    check_eq(max(maxima), 300.0, "p100 is the maximum")
    none = c.cw.get_metric_statistics(Namespace=NAMESPACE, MetricName="Latency", Dimensions=DIMENSIONS,
                                      StartTime=utc_minute(10), EndTime=utc_minute(-1), Period=60,
                                      Statistics=["Average"], Unit="Seconds")
    check_eq(none["Datapoints"], [], "other unit")


def get_metric_data(c):
    out = c.cw.get_metric_data(StartTime=utc_minute(10), EndTime=utc_minute(-1), MetricDataQueries=[
        {"Id": "latency", "MetricStat": {"Metric": {"Namespace": NAMESPACE, "MetricName": "Latency",
                                                    "Dimensions": DIMENSIONS}, "Period": 60, "Stat": "Maximum"}},
        {"Id": "hidden", "ReturnData": False, "Label": "x",
         "MetricStat": {"Metric": {"Namespace": NAMESPACE, "MetricName": "Latency", "Dimensions": DIMENSIONS},
                        "Period": 60, "Stat": "Sum"}},
    ])
    results = out["MetricDataResults"]
    check_eq([r["Id"] for r in results], ["latency"], "ReturnData false is left out")
    check_eq(results[0]["StatusCode"], "Complete", "StatusCode")
    check_eq(results[0]["Label"], "Latency", "default label")
    check_eq(results[0]["Values"], [60.0, 20.0, 300.0], "newest first")
    check_eq(results[0]["Timestamps"][0], utc_minute(1), "newest timestamp first")
    ascending = c.cw.get_metric_data(StartTime=utc_minute(10), EndTime=utc_minute(-1), ScanBy="TimestampAscending",
                                     MetricDataQueries=[{"Id": "m", "MetricStat": {
                                         "Metric": {"Namespace": NAMESPACE, "MetricName": "Latency",
                                                    "Dimensions": DIMENSIONS}, "Period": 60, "Stat": "p100"}}])
    check_eq(ascending["MetricDataResults"][0]["Values"], [300.0, 20.0, 60.0], "ascending")
    expect_client_error(lambda: c.cw.get_metric_data(
        StartTime=utc_minute(10), EndTime=utc_minute(-1),
        MetricDataQueries=[{"Id": "e", "Expression": "SUM(METRICS())"}]), "ValidationError")


def list_metrics(c):
    names = sorted(m["MetricName"] for m in c.cw.list_metrics(Namespace=NAMESPACE)["Metrics"])
    check_eq(names, ["Latency", "Requests"], "ListMetrics by namespace")
    routed = c.cw.list_metrics(Namespace=NAMESPACE, Dimensions=[{"Name": "Route"}])["Metrics"]
    check_eq([m["MetricName"] for m in routed], ["Requests"], "dimension filter")
    check_eq(sorted(d["Name"] for d in routed[0]["Dimensions"]), ["Route", "Service"], "dimensions")
    recent = c.cw.list_metrics(Namespace=NAMESPACE, RecentlyActive="PT3H")["Metrics"]
    check_eq(len(recent), 2, "recently active")
    check_eq(c.cw.list_metrics(Namespace="Nothing/Here")["Metrics"], [], "unknown namespace")


def alarms(c):
    clear_of_minute_boundary()
    c.cw.put_metric_alarm(AlarmName="ielts-high-latency", AlarmDescription="p100 latency", MetricName="Latency",
                          Namespace=NAMESPACE, Dimensions=DIMENSIONS, Statistic="Average", Period=60,
                          EvaluationPeriods=3, DatapointsToAlarm=2, Threshold=250.0,
                          ComparisonOperator="GreaterThanThreshold", TreatMissingData="notBreaching",
                          AlarmActions=["arn:aws:sns:%s:%s:ops" % (h.REGION, h.ACCOUNT_ID)], Unit="Milliseconds")
    c.cw.put_metric_alarm(AlarmName="ielts-low-requests", MetricName="Requests", Namespace=NAMESPACE,
                          Dimensions=DIMENSIONS + [{"Name": "Route", "Value": "/api"}], Statistic="Sum",
                          Period=300, EvaluationPeriods=1, Threshold=1, ComparisonOperator="LessThanThreshold")
    alarm = c.cw.describe_alarms(AlarmNames=["ielts-high-latency"])["MetricAlarms"][0]
    check_eq(alarm["AlarmArn"], ALARM_ARN_PREFIX + "ielts-high-latency", "AlarmArn")
    check_eq(alarm["StateValue"], "INSUFFICIENT_DATA", "initial state")
    check_eq(alarm["StateReason"], "Unchecked: Initial alarm creation", "initial reason")
    check_eq((alarm["Threshold"], alarm["DatapointsToAlarm"], alarm["TreatMissingData"]), (250.0, 2, "notBreaching"),
             "configuration")
    check(isinstance(alarm["StateUpdatedTimestamp"], datetime.datetime), "timestamps are datetimes")
    check_eq(len(c.cw.describe_alarms(AlarmNamePrefix="ielts-")["MetricAlarms"]), 2, "prefix")
    check_eq(len(c.cw.describe_alarms(ActionPrefix="arn:aws:sns")["MetricAlarms"]), 1, "action prefix")
    page = c.cw.describe_alarms(MaxRecords=1)
    check_eq(len(page["MetricAlarms"]), 1, "MaxRecords")
    rest = c.cw.describe_alarms(MaxRecords=1, NextToken=page["NextToken"])
    check_eq(rest["MetricAlarms"][0]["AlarmName"], "ielts-low-requests", "second page")
    check_eq(c.cw.describe_alarms(AlarmTypes=["CompositeAlarm"])["MetricAlarms"], [], "composite only")
    for_metric = c.cw.describe_alarms_for_metric(MetricName="Latency", Namespace=NAMESPACE, Dimensions=DIMENSIONS)
    check_eq([a["AlarmName"] for a in for_metric["MetricAlarms"]], ["ielts-high-latency"], "for metric")
    c.cw.set_alarm_state(AlarmName="ielts-high-latency", StateValue="ALARM", StateReason="drill",
                         StateReasonData=json.dumps({"version": "1.0"}))
    check_eq(len(c.cw.describe_alarms(StateValue="ALARM")["MetricAlarms"]), 1, "StateValue filter")
    # Updating the configuration keeps the state.
    c.cw.put_metric_alarm(AlarmName="ielts-high-latency", MetricName="Latency", Namespace=NAMESPACE,
                          Dimensions=DIMENSIONS, Statistic="Maximum", Period=60, EvaluationPeriods=3,
                          Threshold=400.0, ComparisonOperator="GreaterThanOrEqualToThreshold")
    alarm = c.cw.describe_alarms(AlarmNames=["ielts-high-latency"])["MetricAlarms"][0]
    check_eq((alarm["StateValue"], alarm["Statistic"], alarm["Threshold"]), ("ALARM", "Maximum", 400.0), "update")


def errors(c):
    e = expect_client_error(lambda: c.cw.delete_alarms(AlarmNames=["ielts-high-latency", "no-such-alarm"]),
                            "ResourceNotFound", status=404)
    check("no-such-alarm" in h.error_message(e), "names the unknown alarm")
    check_eq(len(c.cw.describe_alarms(AlarmNamePrefix="ielts-")["MetricAlarms"]), 2, "nothing deleted")
    expect_client_error(lambda: c.cw.put_metric_alarm(
        AlarmName="bad", MetricName="Latency", Namespace=NAMESPACE, Statistic="Average", Period=90,
        EvaluationPeriods=1, Threshold=1, ComparisonOperator="GreaterThanThreshold"), "InvalidParameterValue")
    expect_client_error(lambda: c.cw.put_metric_alarm(
        AlarmName="bad", MetricName="Latency", Namespace=NAMESPACE, Statistic="Average", Period=60,
        EvaluationPeriods=1, DatapointsToAlarm=2, Threshold=1, ComparisonOperator="GreaterThanThreshold"),
        "ValidationError")
    expect_client_error(lambda: c.cw.put_metric_alarm(
        AlarmName="bad", MetricName="Latency", Namespace=NAMESPACE, Statistic="Average", ExtendedStatistic="p99",
        Period=60, EvaluationPeriods=1, Threshold=1, ComparisonOperator="GreaterThanThreshold"),
        "InvalidParameterCombination")
    expect_client_error(lambda: c.cw.put_metric_data(Namespace=NAMESPACE, MetricData=[
        {"MetricName": "Latency", "Value": 1.0, "Values": [1.0]}]), "InvalidParameterCombination")
    expect_client_error(lambda: c.cw.put_metric_data(Namespace=NAMESPACE, MetricData=[
        {"MetricName": "Latency", "Values": [1.0, 2.0], "Counts": [1.0]}]), "InvalidParameterValue")
    expect_client_error(lambda: c.cw.put_metric_data(Namespace=NAMESPACE, MetricData=[{"MetricName": "Latency"}]),
                        "MissingParameter")
    expect_client_error(lambda: c.cw.get_metric_statistics(
        Namespace=NAMESPACE, MetricName="Latency", StartTime=utc_minute(1), EndTime=utc_minute(5), Period=60,
        Statistics=["Average"]), "InvalidParameterValue")
    expect_client_error(lambda: c.cw.get_metric_statistics(
        Namespace=NAMESPACE, MetricName="Latency", StartTime=utc_minute(3000), EndTime=utc_minute(0), Period=60,
        Statistics=["Average"]), "InvalidParameterCombination")
    expect_client_error(lambda: c.cw.describe_alarms(NextToken="not-a-token"), "InvalidNextToken")
    expect_client_error(lambda: c.cw.set_alarm_state(AlarmName="no-such-alarm", StateValue="OK", StateReason="x"),
                        "ResourceNotFound", status=404)
    # Not shape-validated: the JSON body's __type carries the Query code (InvalidFormat) where AWS puts the shape
    # name (InvalidFormatFault); botocore takes the code from x-amzn-query-error either way.
    unvalidated = h.client(c.server, "cloudwatch", validator=None)
    expect_client_error(lambda: unvalidated.set_alarm_state(AlarmName="ielts-low-requests", StateValue="OK",
                                                            StateReason="x", StateReasonData="{not json"),
                        "InvalidFormat")


def clis(c):
    for generation in ("v1", "v2"):
        cli = h.Cli(generation, c.server.endpoint)
        metric = "Cli%s" % generation.upper()
        dims = "Name=Service,Value=%s" % generation
        stamp = utc_minute(2).strftime("%Y-%m-%dT%H:%M:%SZ")
        out = cli.ok("cloudwatch", "put-metric-data", "--namespace", NAMESPACE, "--metric-data", json.dumps([
            {"MetricName": metric, "Dimensions": [{"Name": "Service", "Value": generation}], "Timestamp": stamp,
             "Value": 42.5, "Unit": "Percent"}]))
        check(out is None, "%s put-metric-data prints nothing" % generation)
        start = utc_minute(10).strftime("%Y-%m-%dT%H:%M:%SZ")
        end = utc_minute(-1).strftime("%Y-%m-%dT%H:%M:%SZ")
        stats = cli.ok("cloudwatch", "get-metric-statistics", "--namespace", NAMESPACE, "--metric-name", metric,
                       "--dimensions", dims, "--start-time", start, "--end-time", end, "--period", "60",
                       "--statistics", "Average", "Maximum")
        h.VALIDATOR.validate_parsed("cloudwatch", "GetMetricStatistics", stats, "%s get-metric-statistics" % generation)
        check_eq([(p["Average"], p["Unit"]) for p in stats["Datapoints"]], [(42.5, "Percent")],
                 "%s get-metric-statistics" % generation)
        data = cli.ok("cloudwatch", "get-metric-data", "--start-time", start, "--end-time", end,
                      "--metric-data-queries", json.dumps([{"Id": "m1", "MetricStat": {
                          "Metric": {"Namespace": NAMESPACE, "MetricName": metric,
                                     "Dimensions": [{"Name": "Service", "Value": generation}]},
                          "Period": 60, "Stat": "Average"}}]))
        h.VALIDATOR.validate_parsed("cloudwatch", "GetMetricData", data, "%s get-metric-data" % generation)
        check_eq(data["MetricDataResults"][0]["Values"], [42.5], "%s get-metric-data" % generation)
        listed = cli.ok("cloudwatch", "list-metrics", "--namespace", NAMESPACE, "--metric-name", metric)
        h.VALIDATOR.validate_parsed("cloudwatch", "ListMetrics", listed, "%s list-metrics" % generation)
        check_eq([m["MetricName"] for m in listed["Metrics"]], [metric], "%s list-metrics" % generation)
        alarm = "cli-%s-alarm" % generation
        clear_of_minute_boundary()
        cli.ok("cloudwatch", "put-metric-alarm", "--alarm-name", alarm, "--metric-name", metric, "--namespace",
               NAMESPACE, "--dimensions", dims, "--statistic", "Average", "--period", "60", "--evaluation-periods",
               "3", "--threshold", "70", "--comparison-operator", "GreaterThanThreshold", "--unit", "Percent")
        described = cli.ok("cloudwatch", "describe-alarms", "--alarm-names", alarm)
        h.VALIDATOR.validate_parsed("cloudwatch", "DescribeAlarms", described, "%s describe-alarms" % generation)
        got = described["MetricAlarms"][0]
        check_eq((got["AlarmName"], got["StateValue"], got["Threshold"], got["Dimensions"]),
                 (alarm, "INSUFFICIENT_DATA", 70.0, [{"Name": "Service", "Value": generation}]),
                 "%s describe-alarms" % generation)
        if generation == "v2":  # Query carries ISO 8601; aws-cli v1 prints JSON's epoch seconds as they came
            check_match(r"\d{4}-\d{2}-\d{2}T.*", str(got["AlarmConfigurationUpdatedTimestamp"]),
                        "timestamp text")
        cli.ok("cloudwatch", "delete-alarms", "--alarm-names", alarm)
        check_eq(cli.ok("cloudwatch", "describe-alarms", "--alarm-names", alarm)["MetricAlarms"], [],
                 "%s deleted" % generation)
        bad = cli.run("cloudwatch", "delete-alarms", "--alarm-names", "no-such-alarm")
        check(bad.rc != 0 and "ResourceNotFound" in bad.stderr, "%s delete unknown: %s", generation, bad.describe())
        bad = cli.run("cloudwatch", "put-metric-alarm", "--alarm-name", "x", "--metric-name", metric, "--namespace",
                      NAMESPACE, "--statistic", "Average", "--period", "90", "--evaluation-periods", "1",
                      "--threshold", "1", "--comparison-operator", "GreaterThanThreshold")
        check(bad.rc != 0 and "InvalidParameterValue" in bad.stderr, "%s bad period: %s", generation,
              bad.describe())
        bad = cli.run("cloudwatch", "get-metric-statistics", "--namespace", NAMESPACE, "--metric-name", metric,
                      "--start-time", end, "--end-time", start, "--period", "60", "--statistics", "Average")
        check(bad.rc != 0 and "InvalidParameterValue" in bad.stderr, "%s start after end: %s", generation,
              bad.describe())


def teardown(c):
    c.cw.delete_alarms(AlarmNames=["ielts-high-latency", "ielts-low-requests"])
    check_eq(c.cw.describe_alarms()["MetricAlarms"], [], "all alarms deleted")


CASES = [
    ("PutMetricData", put_metric_data),
    ("PutMetricData compressed (boto3 gzip, Query gzip)", compressed_put_metric_data),
    ("GetMetricStatistics", get_metric_statistics),
    ("GetMetricData", get_metric_data),
    ("ListMetrics", list_metrics),
    ("alarms", alarms),
    ("errors", errors),
    ("aws CLI v1 (JSON 1.0) and v2 (Query)", clis),
    ("teardown", teardown),
]


def main():
    suite = h.Suite("test_cloudwatch_api")
    server = h.Server()
    try:
        with suite.case("server starts"):
            server.start()
        if not server.alive():
            return suite.finish()
        ctx = Ctx(server)
        for name, fn in CASES:
            with suite.case(name):
                fn(ctx)
        with suite.case("responses match botocore's shapes"):
            check_eq(h.VALIDATOR.problems, [], "shape problems")
        with suite.case("server still healthy"):
            check_eq(server.health(), 200, "health")
            check(server.alive(), "server process died")
    finally:
        server.stop()
    return suite.finish()


if __name__ == "__main__":
    sys.exit(main())
