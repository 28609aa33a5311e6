#include <catch2/catch.hpp>

#include "emulator/api/wire/routing.hpp"

using namespace ecsemu::api;

TEST_CASE("X-Amz-Target prefixes name services", "[wire][routing]") {
    struct Row {
        std::string_view prefix;
        std::string_view signing_name;
        Protocol protocol;
    };
    const Row rows[] = {
        {"AmazonEC2ContainerServiceV20141113", "ecs", Protocol::Json11},
        {"AnyScaleFrontendService", "application-autoscaling", Protocol::Json11},
        {"Route53AutoNaming_v20170314", "servicediscovery", Protocol::Json11},
        {"Logs_20140328", "logs", Protocol::Json11},
        {"GraniteServiceVersion20100801", "monitoring", Protocol::Json10},
    };
    for (const auto& row : rows) {
        const auto route = route_for_target_prefix(row.prefix);
        INFO(std::string(row.prefix));
        REQUIRE(route);
        CHECK(route->signing_name == row.signing_name);
        CHECK(route->protocol == row.protocol);
        CHECK(route->query_compatible_errors == (row.signing_name == "monitoring"));
    }
    CHECK_FALSE(route_for_target_prefix("AmazonEC2ContainerServiceV20141114"));
    CHECK_FALSE(route_for_target_prefix(""));
}

TEST_CASE("form Versions name services and namespaces", "[wire][routing]") {
    const auto elb = route_for_query_version("2015-12-01");
    REQUIRE(elb);
    CHECK(elb->signing_name == "elasticloadbalancing");
    CHECK(elb->protocol == Protocol::Query);
    CHECK(elb->xml_namespace == "http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/");
    const auto ec2 = route_for_query_version("2016-11-15");
    REQUIRE(ec2);
    CHECK(ec2->signing_name == "ec2");
    CHECK(ec2->protocol == Protocol::Ec2);
    CHECK(ec2->xml_namespace == "http://ec2.amazonaws.com/doc/2016-11-15/");
    const auto cloudwatch = route_for_query_version("2010-08-01");
    REQUIRE(cloudwatch);
    CHECK(cloudwatch->signing_name == "monitoring");
    CHECK(cloudwatch->protocol == Protocol::Query);
    CHECK(cloudwatch->xml_namespace == "http://monitoring.amazonaws.com/doc/2010-08-01/");
    const auto sts = route_for_query_version("2011-06-15");
    REQUIRE(sts);
    CHECK(sts->signing_name == "sts");
    CHECK(sts->xml_namespace == "https://sts.amazonaws.com/doc/2011-06-15/");
    CHECK_FALSE(route_for_query_version("2012-06-01"));
    REQUIRE(form_route_for_signing_name("ec2"));
    CHECK(form_route_for_signing_name("ec2")->protocol == Protocol::Ec2);
    CHECK_FALSE(form_route_for_signing_name("ecs"));
}

TEST_CASE("the SigV4 credential scope gives region and signing name", "[wire][routing]") {
    const auto scope = parse_credential_scope(
        "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261126/eu-west-2/elasticloadbalancing/aws4_request, "
        "SignedHeaders=content-type;host;x-amz-date, Signature=abc");
    REQUIRE(scope);
    CHECK(scope->access_key_id == "AKIDEXAMPLE");
    CHECK(scope->date == "20261126");
    CHECK(scope->region == "eu-west-2");
    CHECK(scope->signing_name == "elasticloadbalancing");

    const auto last =
        parse_credential_scope("AWS4-HMAC-SHA256 Credential=A/20260101/us-east-1/ecs/aws4_request");
    REQUIRE(last);
    CHECK(last->signing_name == "ecs");
    CHECK_FALSE(parse_credential_scope(""));
    CHECK_FALSE(parse_credential_scope("AWS4-HMAC-SHA256 Credential=A/20260101/us-east-1"));
    CHECK_FALSE(parse_credential_scope("Bearer token"));
}

TEST_CASE("content types classify ignoring case and parameters", "[wire][routing]") {
    CHECK(classify_content_type("application/x-amz-json-1.1") == BodyFormat::AmzJson11);
    CHECK(classify_content_type("Application/X-Amz-Json-1.0; charset=UTF-8") == BodyFormat::AmzJson10);
    CHECK(classify_content_type("application/json") == BodyFormat::OtherJson);
    CHECK(classify_content_type("application/x-www-form-urlencoded; charset=utf-8") == BodyFormat::Form);
    CHECK(classify_content_type("") == BodyFormat::Other);
    CHECK(classify_content_type("text/plain") == BodyFormat::Other);
}

TEST_CASE("targets split at the first dot", "[wire][routing]") {
    const auto parts = split_target("AmazonEC2ContainerServiceV20141113.DescribeServices");
    CHECK(parts.prefix == "AmazonEC2ContainerServiceV20141113");
    CHECK(parts.operation == "DescribeServices");
    CHECK(split_target("NoDot").operation.empty());
}
