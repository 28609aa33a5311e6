// What the front door refuses before any service sees a request: JSON-routed requests with a content type,
// method or X-Amz-Target that does not name one operation unambiguously, and form requests too large to
// decode on the control thread.
#include <catch2/catch.hpp>
#include <string>

#include "gateway_fixture.hpp"

using namespace ecsemu::api;
using namespace ecsemu::api::test;
using nlohmann::json;

namespace {

std::string json_error_type(const WireResponse& response) {
    const auto body = json::parse(response.body, nullptr, /*allow_exceptions=*/false);
    return body.is_object() && body.contains("__type") ? body["__type"].get<std::string>() : std::string();
}

WireRequest with_content_type(std::string content_type) {
    auto request = json_request("ListClusters", "{}");
    request.headers[0].second = std::move(content_type);
    return request;
}

}  // namespace

TEST_CASE("X-Amz-Target requests need a JSON content type", "[wire][gateway][guard]") {
    Fixture f;
    for (const auto* content_type :
         {"", "text/plain", "application/xml", "application/x-www-form-urlencoded; charset=utf-8",
          "multipart/form-data; boundary=x", "application/x-amz-cbor-1.1",
          "application/x-amz-json-1.1garbage", "application/x-amz-json-1.1 x", "\x7f\x01"}) {
        INFO("Content-Type: " << content_type);
        const auto response = f.gateway.handle(with_content_type(content_type));
        CHECK(response.status == 400);
        CHECK(json_error_type(response) == "UnknownOperationException");
        CHECK(header(response, "Content-Type") == "application/x-amz-json-1.1");
    }
    auto no_content_type = json_request("ListClusters", "{}");
    no_content_type.headers.erase(no_content_type.headers.begin());
    const auto response = f.gateway.handle(no_content_type);
    CHECK(response.status == 400);
    CHECK(json_error_type(response) == "UnknownOperationException");
    CHECK(f.ecs.calls.empty());
}

TEST_CASE("the JSON content types AWS accepts reach the service", "[wire][gateway][guard]") {
    Fixture f;
    for (const auto* content_type : {"application/x-amz-json-1.1", "application/x-amz-json-1.0",
                                     "application/json", "application/x-amz-json-1.1; charset=utf-8",
                                     "Application/X-Amz-Json-1.1", " application/json ; x=y"}) {
        INFO("Content-Type: " << content_type);
        CHECK(f.gateway.handle(with_content_type(content_type)).status == 200);
    }
    CHECK(f.ecs.calls.size() == 6);
}

TEST_CASE("differing X-Amz-Target headers are refused; repeating the same one is harmless",
          "[wire][gateway][guard]") {
    Fixture f;
    auto request = json_request("DescribeClusters", "{}");
    request.headers.emplace_back("x-amz-target", std::string(kEcsTarget) + "DeleteCluster");
    auto response = f.gateway.handle(request);
    CHECK(response.status == 400);
    CHECK(json_error_type(response) == "UnknownOperationException");
    CHECK(f.ecs.calls.empty());

    request.headers.back().second = std::string(kEcsTarget) + "DescribeClusters";
    response = f.gateway.handle(request);
    CHECK(response.status == 200);
    REQUIRE(f.ecs.calls.size() == 1);
    CHECK(f.ecs.calls[0].operation == "DescribeClusters");
}

TEST_CASE("X-Amz-Target requests must be POSTs", "[wire][gateway][guard]") {
    Fixture f;
    for (const auto* method : {"GET", "PUT", "DELETE", "PATCH", "HEAD", "post"}) {
        INFO(method);
        auto request = json_request("ListClusters", "{}");
        request.method = method;
        const auto response = f.gateway.handle(request);
        CHECK(response.status >= 400);
        CHECK(response.status < 500);
        CHECK(json_error_type(response) == "UnknownOperationException");
    }
    CHECK(f.ecs.calls.empty());
}

TEST_CASE("Query and EC2 actions still work with GET and a query string", "[wire][gateway][guard]") {
    Fixture f;
    WireRequest request;
    request.method = "GET";
    request.target = "/?Action=DescribeVpcs&Version=2016-11-15&VpcId.1=vpc-1";
    CHECK(f.gateway.handle(request).status == 200);
    REQUIRE(f.ec2.calls.size() == 1);
    CHECK(f.ec2.calls[0].params == json::parse(R"({"VpcId":["vpc-1"]})"));
}

TEST_CASE("a JSON body under a form content type gets an AWS error, not a call", "[wire][gateway][guard]") {
    Fixture f;
    auto response = f.gateway.handle(form_request(R"({"Action":"DescribeVpcs"})", "ec2"));
    CHECK(response.status == 400);
    CHECK(response.body.find("<Response><Errors><Error><Code>MissingAction</Code>") != std::string::npos);

    auto targeted = json_request("DescribeClusters", R"({"clusters":["c"]})");
    targeted.headers[0].second = "application/x-www-form-urlencoded; charset=utf-8";
    response = f.gateway.handle(targeted);
    CHECK(response.status == 400);
    CHECK(json_error_type(response) == "UnknownOperationException");
    CHECK(f.ec2.calls.empty());
    CHECK(f.ecs.calls.empty());
}

TEST_CASE("forms with more fields than AWS accepts are refused before decoding", "[wire][gateway][guard]") {
    Fixture f;
    std::string body = "Action=DescribeVpcs&Version=2016-11-15";
    for (int i = 1; i <= 10'001; ++i) body += "&VpcId." + std::to_string(i) + "=vpc-" + std::to_string(i);
    const auto response = f.gateway.handle(form_request(body, "ec2"));
    CHECK(response.status == 400);
    CHECK(response.body.find("<Code>MalformedQueryString</Code>") != std::string::npos);
    CHECK(f.ec2.calls.empty());
}
