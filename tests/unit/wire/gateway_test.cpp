#include <catch2/catch.hpp>
#include <functional>
#include <set>
#include <stdexcept>

#include "emulator/api/wire/journal_record.hpp"
#include "gateway_fixture.hpp"

using namespace ecsemu::api;
using namespace ecsemu::api::test;
using ecsemu::core::AwsError;
using ecsemu::core::Instant;
using nlohmann::json;

TEST_CASE("JSON requests reach the service named by the target prefix", "[wire][gateway]") {
    Fixture f;
    const auto response =
        f.gateway.handle(json_request("DescribeServices", R"({"cluster":"c","services":["s"]})"));
    REQUIRE(f.ecs.calls.size() == 1);
    const auto& call = f.ecs.calls[0];
    CHECK(call.service == "ecs");
    CHECK(call.operation == "DescribeServices");
    CHECK(call.region == "eu-west-2");
    CHECK(call.account_id == "123456789012");
    CHECK(call.protocol == Protocol::Json11);
    CHECK(call.now == f.clock);
    CHECK(call.params == json::parse(R"({"cluster":"c","services":["s"]})"));
    CHECK(call.request_id.size() == 36);

    CHECK(response.status == 200);
    CHECK(header(response, "Content-Type") == "application/x-amz-json-1.1");
    CHECK(header(response, "x-amzn-RequestId") == call.request_id);
    CHECK(json::parse(response.body) == json::parse(R"({"echo":{"cluster":"c","services":["s"]}})"));
}

TEST_CASE("unsigned requests use the default region; an empty body is {}", "[wire][gateway]") {
    Fixture f;
    auto request = json_request("ListClusters", "");
    request.headers.pop_back();
    CHECK(f.gateway.handle(request).status == 200);
    REQUIRE(f.ecs.calls.size() == 1);
    CHECK(f.ecs.calls[0].region == "ap-southeast-1");
    CHECK(f.ecs.calls[0].params == json::object());
}

TEST_CASE("service errors keep their code, message and status", "[wire][gateway]") {
    Fixture f;
    f.ecs.behaviour = [](const ApiCall&) -> ApiResult {
        return AwsError::client("ClusterNotFoundException", "Cluster not found.");
    };
    const auto response = f.gateway.handle(json_request("DescribeClusters", "{}"));
    CHECK(response.status == 400);
    CHECK(response.body == R"({"__type":"ClusterNotFoundException","message":"Cluster not found."})");
    CHECK_FALSE(header(response, "x-amzn-RequestId").empty());
    CHECK(header(response, "x-amzn-query-error").empty());

    f.ecs.behaviour = [](const ApiCall&) -> ApiResult { return AwsError::server("ServerException", "boom"); };
    CHECK(f.gateway.handle(json_request("DescribeClusters", "{}")).status == 500);
}

TEST_CASE("unknown prefixes, operations and services are UnknownOperationException", "[wire][gateway]") {
    Fixture f;
    const WireRequest requests[] = {
        json_request("ListClusters", "{}", "NoSuchService_20200101."), json_request("", "{}"),
        json_request("ListServices", "{}", "Route53AutoNaming_v20170314."),  // known prefix, no service added
    };
    for (const auto& request : requests) {
        const auto response = f.gateway.handle(request);
        CHECK(response.status == 400);
        CHECK(response.body == R"({"__type":"UnknownOperationException"})");
    }
    CHECK(f.ecs.calls.empty());

    WireRequest no_target;
    no_target.target = "/";
    no_target.headers = {{"Content-Type", "application/x-amz-json-1.0"}};
    const auto response = f.gateway.handle(no_target);
    CHECK(response.status == 400);
    CHECK(header(response, "Content-Type") == "application/x-amz-json-1.0");
    CHECK(response.body == R"({"__type":"UnknownOperationException"})");
}

TEST_CASE("malformed JSON bodies are SerializationException and never reach the service", "[wire][gateway]") {
    Fixture f;
    for (const auto* body : {"{", "[1]", "{\"a\":\"\xFF\"}"}) {
        const auto response = f.gateway.handle(json_request("CreateCluster", body));
        CHECK(response.status == 400);
        CHECK(json::parse(response.body)["__type"] == "SerializationException");
    }
    std::string deep(1000, '[');
    const auto response = f.gateway.handle(json_request("CreateCluster", "{\"a\":" + deep + "}"));
    CHECK(json::parse(response.body)["__type"] == "SerializationException");
    CHECK(f.ecs.calls.empty());
    CHECK(f.journal.records.empty());
}

TEST_CASE("exceptions from a service become AWS errors", "[wire][gateway]") {
    Fixture f;
    f.ecs.behaviour = [](const ApiCall& call) -> ApiResult {
        return json{{"name", call.params.at("clusterName").get<std::string>()}};
    };
    auto response = f.gateway.handle(json_request("DescribeClusters", R"({"clusterName":5})"));
    CHECK(response.status == 400);
    CHECK(json::parse(response.body)["__type"] == "SerializationException");

    f.ecs.behaviour = [](const ApiCall&) -> ApiResult { throw std::runtime_error("bug"); };
    response = f.gateway.handle(json_request("DescribeClusters", "{}"));
    CHECK(response.status == 500);
    CHECK(json::parse(response.body)["__type"] == "InternalFailure");
}

TEST_CASE("CloudWatch over JSON 1.0 answers in 1.0 with x-amzn-query-error on errors", "[wire][gateway]") {
    Fixture f;
    auto request = json_request("DescribeAlarms", "{}", "GraniteServiceVersion20100801.");
    request.headers[0].second = "application/x-amz-json-1.0";
    auto response = f.gateway.handle(request);
    CHECK(response.status == 200);
    CHECK(header(response, "Content-Type") == "application/x-amz-json-1.0");
    REQUIRE(f.monitoring.calls.size() == 1);
    CHECK(f.monitoring.calls[0].protocol == Protocol::Json10);

    f.monitoring.behaviour = [](const ApiCall&) -> ApiResult {
        return AwsError::client("ResourceNotFound", "no alarm");
    };
    response = f.gateway.handle(request);
    CHECK(response.status == 400);
    CHECK(header(response, "x-amzn-query-error") == "ResourceNotFound;Sender");
}

TEST_CASE("Query requests decode the form and answer XML", "[wire][gateway]") {
    Fixture f;
    f.elb.behaviour = [](const ApiCall&) -> ApiResult {
        return json{{"TargetGroups", json::array({json{{"TargetGroupName", "tg"}}})}};
    };
    const auto response = f.gateway.handle(
        form_request("Action=DescribeTargetGroups&Version=2015-12-01&Names.member.1=tg&PageSize=5"));
    REQUIRE(f.elb.calls.size() == 1);
    CHECK(f.elb.calls[0].operation == "DescribeTargetGroups");
    CHECK(f.elb.calls[0].protocol == Protocol::Query);
    CHECK(f.elb.calls[0].region == "us-east-1");
    CHECK(f.elb.calls[0].params == json::parse(R"({"Names":["tg"],"PageSize":"5"})"));
    CHECK(response.status == 200);
    CHECK(header(response, "Content-Type") == "text/xml");
    const auto id = f.elb.calls[0].request_id;
    CHECK(response.body ==
          "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<DescribeTargetGroupsResponse "
          "xmlns=\"http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/\"><DescribeTargetGroupsResult>"
          "<TargetGroups><member><TargetGroupName>tg</TargetGroupName></member></TargetGroups>"
          "</DescribeTargetGroupsResult><ResponseMetadata><RequestId>" +
              id + "</RequestId></ResponseMetadata></DescribeTargetGroupsResponse>");
}

TEST_CASE("Query parameters may come in the query string", "[wire][gateway]") {
    Fixture f;
    WireRequest request;
    request.method = "GET";
    request.target = "/?Action=GetCallerIdentity&Version=2011-06-15";
    FakeService sts("sts");
    f.gateway.add_service(sts);
    CHECK(f.gateway.handle(request).status == 200);
    REQUIRE(sts.calls.size() == 1);
    CHECK(sts.calls[0].operation == "GetCallerIdentity");
    CHECK(sts.calls[0].params == json::object());
}

TEST_CASE("EC2 requests answer in the EC2 shape", "[wire][gateway]") {
    Fixture f;
    f.ec2.behaviour = [](const ApiCall& call) -> ApiResult {
        if (call.operation == "CreateSecurityGroup") return AwsError::client("InvalidGroup.Duplicate", "dup");
        return json{{"vpcSet", json::array({json{{"vpcId", "vpc-1"}}})}};
    };
    auto response =
        f.gateway.handle(form_request("Action=DescribeVpcs&Version=2016-11-15&VpcId.1=vpc-1", "ec2"));
    CHECK(f.ec2.calls.at(0).params == json::parse(R"({"VpcId":["vpc-1"]})"));
    CHECK(response.body.find(
              "<DescribeVpcsResponse xmlns=\"http://ec2.amazonaws.com/doc/2016-11-15/\"><requestId>") !=
          std::string::npos);
    CHECK(response.body.find("<vpcSet><item><vpcId>vpc-1</vpcId></item></vpcSet></DescribeVpcsResponse>") !=
          std::string::npos);

    response = f.gateway.handle(form_request("Action=CreateSecurityGroup&Version=2016-11-15", "ec2"));
    CHECK(response.status == 400);
    CHECK(response.body.find("<Response><Errors><Error><Code>InvalidGroup.Duplicate</Code>") !=
          std::string::npos);
    CHECK(response.body.find("<RequestID>") != std::string::npos);
}

TEST_CASE("form routing errors", "[wire][gateway]") {
    Fixture f;
    auto response = f.gateway.handle(form_request("Version=2015-12-01"));
    CHECK(response.status == 400);
    CHECK(response.body.find("<Code>MissingAction</Code>") != std::string::npos);
    CHECK(response.body.find("xmlns=\"http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/\"") !=
          std::string::npos);

    response = f.gateway.handle(form_request("Action=DescribeLoadBalancers&Version=2012-06-01"));
    CHECK(response.status == 400);
    CHECK(response.body.find("<Code>NoSuchVersion</Code>") != std::string::npos);

    response = f.gateway.handle(form_request("Action=GetCallerIdentity&Version=2011-06-15"));  // no sts added
    CHECK(response.status == 400);
    CHECK(response.body.find("<Code>InvalidAction</Code>") != std::string::npos);

    response = f.gateway.handle(form_request("Action=X&Version=2015-12-01&A=%zz"));
    CHECK(response.status == 400);
    CHECK(response.body.find("<Code>MalformedQueryString</Code>") != std::string::npos);

    WireRequest unsigned_request;
    unsigned_request.target = "/";
    response = f.gateway.handle(unsigned_request);
    CHECK(response.status == 400);
    CHECK(response.body.find("<Code>MissingAction</Code>") != std::string::npos);
}

TEST_CASE("a form without Version is routed by the credential scope", "[wire][gateway]") {
    Fixture f;
    CHECK(f.gateway.handle(form_request("Action=DescribeSubnets", "ec2")).status == 200);
    CHECK(f.ec2.calls.size() == 1);
}

TEST_CASE("bodies above the limit are refused", "[wire][gateway]") {
    FakeService ecs("ecs");
    GatewayConfig config;
    config.max_body_bytes = 16;
    Gateway gateway(config, [] { return Instant{0}; });
    gateway.add_service(ecs);
    const auto response = gateway.handle(json_request("CreateCluster", R"({"clusterName":"long-enough"})"));
    CHECK(response.status == 413);
    CHECK(ecs.calls.empty());
}

TEST_CASE("successful mutations are journaled before the response", "[wire][gateway]") {
    Fixture f;
    f.gateway.handle(json_request("CreateCluster", R"({"clusterName":"a"})"));
    f.gateway.handle(json_request("DescribeClusters", R"({})"));
    f.ecs.behaviour = [](const ApiCall&) -> ApiResult {
        return AwsError::client("InvalidParameterException", "x");
    };
    f.gateway.handle(json_request("CreateService", R"({})"));
    REQUIRE(f.journal.records.size() == 1);

    const auto record = json::parse(f.journal.records[0]);
    CHECK(record["v"] == 1);
    CHECK(record["service"] == "ecs");
    CHECK(record["operation"] == "CreateCluster");
    CHECK(record["region"] == "eu-west-2");
    CHECK(record["protocol"] == "json1.1");
    CHECK(record["now_ms"] == f.clock.epoch_ms);
    CHECK(record["request_id"] == f.ecs.calls[0].request_id);
    CHECK(record["params"] == json::parse(R"({"clusterName":"a"})"));
    CHECK(f.journal.records[0].find('\n') == std::string::npos);
}

TEST_CASE("a failed journal append turns success into InternalFailure", "[wire][gateway]") {
    Fixture f;
    f.journal.fail = true;
    const auto response = f.gateway.handle(json_request("CreateCluster", R"({"clusterName":"a"})"));
    CHECK(response.status == 500);
    CHECK(json::parse(response.body)["__type"] == "InternalFailure");
    CHECK(f.gateway.handle(json_request("ListClusters", "{}")).status == 200);
}

TEST_CASE("replay re-runs journaled calls with their recorded inputs", "[wire][gateway]") {
    Fixture f;
    f.gateway.handle(json_request("CreateCluster", R"({"clusterName":"a","tags":[{"key":"k"}]})"));
    f.clock = Instant{1'700'000'005'000};
    f.gateway.handle(form_request("Action=CreateTargetGroup&Version=2015-12-01&Name=tg&Port=80"));
    REQUIRE(f.journal.records.size() == 2);

    FakeService ecs("ecs");
    FakeService elb("elasticloadbalancing");
    Gateway restarted(test_config(), [] { return Instant{42}; });
    restarted.add_service(ecs);
    restarted.add_service(elb);
    FakeJournal journal;
    restarted.set_journal(&journal);
    for (const auto& record : f.journal.records) CHECK(restarted.replay(record).ok());
    CHECK(journal.records.empty());  // replay does not journal again

    REQUIRE(ecs.calls.size() == 1);
    REQUIRE(elb.calls.size() == 1);
    const auto check_same = [](const ApiCall& replayed, const ApiCall& original) {
        CHECK(replayed.service == original.service);
        CHECK(replayed.operation == original.operation);
        CHECK(replayed.region == original.region);
        CHECK(replayed.account_id == original.account_id);
        CHECK(replayed.protocol == original.protocol);
        CHECK(replayed.params == original.params);
        CHECK(replayed.now == original.now);
        CHECK(replayed.request_id == original.request_id);
    };
    check_same(ecs.calls[0], f.ecs.calls[0]);
    check_same(elb.calls[0], f.elb.calls[0]);
}

TEST_CASE("replay reports only undecodable records, unknown services and exceptions", "[wire][gateway]") {
    Fixture f;
    CHECK_FALSE(f.gateway.replay("not json").ok());
    CHECK_FALSE(f.gateway.replay(R"({"v":2,"service":"ecs"})").ok());
    CHECK_FALSE(f.gateway.replay(R"({"v":1,"service":"ecs","operation":"X"})").ok());
    const std::string unknown =
        R"({"v":1,"service":"sqs","operation":"CreateQueue","region":"r","protocol":"json1.0","now_ms":1,"params":{}})";
    CHECK_FALSE(f.gateway.replay(unknown).ok());

    const std::string valid =
        R"({"v":1,"service":"ecs","operation":"CreateCluster","region":"r","protocol":"json1.1","now_ms":1,"params":{}})";
    f.ecs.behaviour = [](const ApiCall&) -> ApiResult { return AwsError::client("ClientException", "x"); };
    CHECK(f.gateway.replay(valid).ok());
    f.ecs.behaviour = [](const ApiCall&) -> ApiResult { throw std::runtime_error("bug"); };
    CHECK_FALSE(f.gateway.replay(valid).ok());
}

TEST_CASE("reset reaches every service", "[wire][gateway]") {
    Fixture f;
    f.gateway.reset();
    CHECK(f.ecs.resets == 1);
    CHECK(f.elb.resets == 1);
    CHECK(f.ec2.resets == 1);
}

TEST_CASE("request ids are uuid-shaped, distinct and reproducible", "[wire][gateway]") {
    Fixture a;
    Fixture b;
    std::set<std::string> seen;
    for (int i = 0; i < 50; ++i) {
        const auto ra = a.gateway.handle(json_request("ListClusters", "{}"));
        const auto rb = b.gateway.handle(json_request("ListClusters", "{}"));
        const auto id = std::string(header(ra, "x-amzn-RequestId"));
        CHECK(id == header(rb, "x-amzn-RequestId"));
        CHECK(id.size() == 36);
        seen.insert(id);
    }
    CHECK(seen.size() == 50);
}

TEST_CASE("journal records round-trip", "[wire][journal]") {
    ApiCall call;
    call.service = "elasticloadbalancing";
    call.operation = "CreateRule";
    call.region = "eu-west-1";
    call.protocol = Protocol::Query;
    call.now = Instant{123};
    call.request_id = "rid";
    call.params = json::parse(R"({"Conditions":[{"Values":["line\nbreak"]}]})");
    const auto text = encode_journal_record(call);
    CHECK(text.find('\n') == std::string::npos);
    const auto decoded = decode_journal_record(text);
    REQUIRE(decoded.ok());
    CHECK(decoded->service == call.service);
    CHECK(decoded->operation == call.operation);
    CHECK(decoded->region == call.region);
    CHECK(decoded->protocol == Protocol::Query);
    CHECK(decoded->now == call.now);
    CHECK(decoded->request_id == "rid");
    CHECK(decoded->params == call.params);
}
