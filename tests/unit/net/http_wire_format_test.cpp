#include <catch2/catch.hpp>

#include <string>

#include "net/http/http_wire_format.hpp"

using ecsemu::net::HttpRequest;
using ecsemu::net::HttpResponse;
using ecsemu::net::ResponseHeadOptions;
using ecsemu::net::write_response_head;

TEST_CASE("response head carries status, handler headers, Server and Content-Length", "[net][http]") {
    HttpResponse response;
    response.headers.emplace_back("Content-Type", "application/x-amz-json-1.1");
    response.body = "{}";
    std::string head;
    write_response_head(head, response, ResponseHeadOptions{});
    CHECK(head ==
          "HTTP/1.1 200 OK\r\n"
          "Content-Type: application/x-amz-json-1.1\r\n"
          "Server: ecsemu\r\n"
          "Content-Length: 2\r\n"
          "\r\n");
}

TEST_CASE("response head closes or keeps alive as told", "[net][http]") {
    HttpResponse response;
    response.status = 404;
    std::string head;
    write_response_head(head, response, ResponseHeadOptions{false, false});
    CHECK(head ==
          "HTTP/1.1 404 Not Found\r\nServer: ecsemu\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
    write_response_head(head, response, ResponseHeadOptions{true, true});
    CHECK(head ==
          "HTTP/1.1 404 Not Found\r\nServer: ecsemu\r\nContent-Length: 0\r\nConnection: keep-alive\r\n\r\n");
}

TEST_CASE("response head drops framing headers and header injection", "[net][http]") {
    HttpResponse response;
    response.status = 204;
    response.headers = {{"content-length", "99"},
                        {"Transfer-Encoding", "chunked"},
                        {"Connection", "upgrade"},
                        {"X-Evil", "a\r\nSet-Cookie: b"},
                        {"Server", "awselb/2.0"}};
    std::string head;
    write_response_head(head, response, ResponseHeadOptions{});
    CHECK(head == "HTTP/1.1 204 No Content\r\nServer: awselb/2.0\r\n\r\n");
}

TEST_CASE("an out-of-range status is sent as 500", "[net][http]") {
    HttpResponse response;
    response.status = 42;
    std::string head;
    write_response_head(head, response, ResponseHeadOptions{});
    CHECK(head.rfind("HTTP/1.1 500 Internal Server Error\r\n", 0) == 0);
}

TEST_CASE("server rejections are AWS-shaped JSON", "[net][http]") {
    auto malformed = ecsemu::net::malformed_request_response("bad \"method\"");
    CHECK(malformed.status == 400);
    CHECK(malformed.body ==
          R"({"__type":"SerializationException","message":"Malformed HTTP request: bad \"method\""})");
    auto too_large = ecsemu::net::body_too_large_response();
    CHECK(too_large.status == 413);
    CHECK(too_large.body ==
          R"({"__type":"RequestEntityTooLargeException","message":"Request body too large"})");
    CHECK(ecsemu::net::headers_too_large_response().status == 431);
}

TEST_CASE("request header lookup ignores case", "[net][http]") {
    HttpRequest request;
    request.headers = {{"X-Amz-Target", "AmazonEC2ContainerServiceV20141113.ListClusters"}};
    CHECK(request.header("x-amz-target") == "AmazonEC2ContainerServiceV20141113.ListClusters");
    CHECK(request.header("content-type").empty());
}
