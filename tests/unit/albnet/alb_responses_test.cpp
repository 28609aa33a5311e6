#include <catch2/catch.hpp>

#include "net/alb/alb_responses.hpp"
#include "net/alb/forward_headers.hpp"

using namespace ecsemu;
using namespace ecsemu::net::alb;

TEST_CASE("ALB error pages have AWS's exact bodies", "[albnet]") {
    CHECK(alb_status_page(503).size() == 162);
    CHECK(alb_status_page(502).size() == 122);
    CHECK(
        alb_status_page(502) ==
        "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1>"
        "</center>\r\n</body>\r\n</html>\r\n");
    std::string out;
    append_error_page(out, 504, AlbResponseContext{"Sun, 06 Nov 1994 08:49:37 GMT", true});
    CHECK(out.rfind(
              "HTTP/1.1 504 Gateway Time-out\r\nServer: awselb/2.0\r\nDate: Sun, 06 Nov 1994 08:49:37 GMT\r\n"
              "Content-Type: text/html\r\nContent-Length: 132\r\nConnection: keep-alive\r\n\r\n<html>",
              0) == 0);
}

TEST_CASE("redirect locations expand the keywords", "[albnet]") {
    core::elbv2::Redirect redirect;  // every component #{...}
    std::string out;
    append_redirect_location(out, redirect, RedirectInputs{"http", "a.example.com", 80, "/x/y?z=1"});
    CHECK(out == "http://a.example.com:80/x/y?z=1");
    out.clear();
    redirect.protocol = "HTTPS";
    redirect.port = "443";
    redirect.path = "/new/#{path}";
    redirect.query = "#{query}";
    append_redirect_location(out, redirect, RedirectInputs{"http", "a.example.com", 80, "/old"});
    CHECK(out == "https://a.example.com:443/new/old");
}

TEST_CASE("hop-by-hop headers include those Connection names", "[albnet]") {
    std::vector<HeaderView> headers{
        {"Connection", "close, X-Private"}, {"X-Private", "1"}, {"Accept", "*/*"}};
    CHECK(is_hop_by_hop("Transfer-Encoding", headers));
    CHECK(is_hop_by_hop("x-private", headers));
    CHECK(!is_hop_by_hop("Accept", headers));
}

TEST_CASE("trace ids have ALB's shape", "[albnet]") {
    char id[kTraceIdSize];
    format_trace_id(id, 0x5759e988, 0xbd862e3f, 0xe1be46a994272793ULL);
    CHECK(std::string(id, sizeof id) == "1-5759e988-bd862e3fe1be46a994272793");
}
