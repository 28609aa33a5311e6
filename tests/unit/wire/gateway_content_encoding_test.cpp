// The gateway undoes Content-Encoding before it parses, for JSON and Query alike, and answers what it cannot
// decode with the protocol's own error.
#include <catch2/catch.hpp>
#include <string>

#include "gateway_fixture.hpp"
#include "support/gzip_text.hpp"

using namespace ecsemu::api;
using namespace ecsemu::api::test;
using ecsemu::test::gzip_text;
using nlohmann::json;

namespace {

// CloudWatch over JSON 1.0, as boto3 1.43 sends PutMetricData of 10 KiB or more.
WireRequest gzip_json_put_metric_data(const std::string& body) {
    WireRequest request = json_request("PutMetricData", gzip_text(body), "GraniteServiceVersion20100801.");
    request.headers[0].second = "application/x-amz-json-1.0";
    request.headers.emplace_back("Content-Encoding", "gzip");
    return request;
}

std::string many_metrics_json(int count) {
    json data = json::array();
    for (int i = 0; i < count; ++i)
        data.push_back({{"MetricName", "M" + std::to_string(i)}, {"Value", i}, {"Unit", "Count"}});
    return json{{"Namespace", "Test"}, {"MetricData", data}}.dump();
}

}  // namespace

TEST_CASE("A gzip JSON body reaches the service decoded", "[wire][gateway][encoding]") {
    Fixture f;
    const std::string body = many_metrics_json(300);
    REQUIRE(body.size() > 10240);
    const auto response = f.gateway.handle(gzip_json_put_metric_data(body));
    CHECK(response.status == 200);
    REQUIRE(f.monitoring.calls.size() == 1);
    CHECK(f.monitoring.calls[0].operation == "PutMetricData");
    CHECK(f.monitoring.calls[0].params == json::parse(body));
}

TEST_CASE("A gzip Query body reaches the service decoded", "[wire][gateway][encoding]") {
    Fixture f;
    std::string form = "Action=PutMetricData&Version=2010-08-01&Namespace=Test";
    for (int i = 1; i <= 400; ++i)
        form += "&MetricData.member." + std::to_string(i) + ".MetricName=M" + std::to_string(i);
    WireRequest request = form_request(gzip_text(form), "monitoring");
    request.headers.emplace_back("Content-Encoding", "gzip");
    const auto response = f.gateway.handle(request);
    CHECK(response.status == 200);
    REQUIRE(f.monitoring.calls.size() == 1);
    CHECK(f.monitoring.calls[0].protocol == Protocol::Query);
    CHECK(f.monitoring.calls[0].params["MetricData"].size() == 400);
    CHECK(f.monitoring.calls[0].params["MetricData"][399]["MetricName"] == "M400");
}

TEST_CASE("Bodies the gateway cannot decode get the protocol's error", "[wire][gateway][encoding]") {
    Fixture f;
    SECTION("JSON, a truncated stream") {
        auto request = gzip_json_put_metric_data(many_metrics_json(50));
        request.body.resize(request.body.size() / 2);
        const auto response = f.gateway.handle(request);
        CHECK(response.status == 400);
        CHECK(json::parse(response.body)["__type"] == "SerializationException");
    }
    SECTION("JSON, an unknown coding") {
        auto request = gzip_json_put_metric_data(many_metrics_json(50));
        request.headers.back().second = "br";
        const auto response = f.gateway.handle(request);
        CHECK(response.status == 400);
        CHECK(json::parse(response.body)["__type"] == "SerializationException");
    }
    SECTION("Query, not gzip at all") {
        WireRequest request = form_request("Action=ListMetrics&Version=2010-08-01", "monitoring");
        request.headers.emplace_back("Content-Encoding", "gzip");
        const auto response = f.gateway.handle(request);
        CHECK(response.status == 400);
        CHECK(response.body.find("<Code>MalformedQueryString</Code>") != std::string::npos);
    }
    SECTION("a body that expands past the limit") {
        // 9 MiB decoded, above the default 8 MiB limit, in a few KiB sent.
        auto request = gzip_json_put_metric_data(R"({"Namespace":")" + std::string(9 << 20, 'a') + R"("})");
        REQUIRE(request.body.size() < (1 << 20));
        const auto response = f.gateway.handle(request);
        CHECK(response.status == 413);
        CHECK(json::parse(response.body)["__type"] == "RequestEntityTooLarge");
    }
    CHECK(f.monitoring.calls.empty());
    // The gateway keeps serving.
    const auto after = f.gateway.handle(gzip_json_put_metric_data(many_metrics_json(3)));
    CHECK(after.status == 200);
}
