#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "emulator/core/alb/rule_match.hpp"

using namespace ecsemu::core;
using alb::condition_matches;
using alb::HeaderView;
using alb::RequestView;
using alb::select_rule;
using alb::SnapshotCondition;
using alb::wildcard_match;

namespace {

SnapshotCondition condition(std::string field, std::vector<std::string> values) {
    SnapshotCondition c;
    c.field = std::move(field);
    c.values = std::move(values);
    return c;
}

SnapshotCondition query(std::vector<std::pair<std::string, std::string>> pairs) {
    SnapshotCondition c;
    c.field = "query-string";
    c.query_values = std::move(pairs);
    return c;
}

SnapshotCondition header(std::string name, std::vector<std::string> values) {
    SnapshotCondition c = condition("http-header", std::move(values));
    c.http_header_name = std::move(name);
    return c;
}

RequestView get(std::string_view target, std::string_view host = "example.com") {
    RequestView r;
    r.method = "GET";
    r.target = target;
    r.host = host;
    r.source_ip = "10.0.1.25";
    return r;
}

}  // namespace

TEST_CASE("wildcard_match: '*' any run, '?' one character, whole string") {
    struct Row {
        const char* pattern;
        const char* text;
        bool case_insensitive;
        bool expected;
    };
    const Row rows[] = {
        {"", "", false, true},
        {"", "a", false, false},
        {"*", "", false, true},
        {"*", "anything/at/all", false, true},
        {"/api/*", "/api/users", false, true},
        {"/api/*", "/api/", false, true},
        {"/api/*", "/api", false, false},
        {"/api/*", "/API/users", false, false},
        {"/api/*", "/API/users", true, true},
        {"/img/*.png", "/img/a/b/c.png", false, true},
        {"/img/*.png", "/img/a.png.bak", false, false},
        {"?", "", false, false},
        {"?", "a", false, true},
        {"?", "ab", false, false},
        {"/v?/items", "/v1/items", false, true},
        {"/v?/items", "/v10/items", false, false},
        {"a*b*c", "aXXbYYbZZc", false, true},
        {"a*b*c", "aXXbYYbZZ", false, false},
        {"*.example.com", "www.example.com", true, true},
        {"*.example.com", "example.com", true, false},
        {"*.example.com", "a.b.EXAMPLE.COM", true, true},
        {"**", "x", false, true},
        {"*?", "", false, false},
        {"*?", "x", false, true},
        {"a*", "a", false, true},
        {"*a", "bbba", false, true},
        {"*a", "bbab", false, false},
        {"*", "*", false, true},
        {"a*a*a*a*a*b", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", false, false},
    };
    for (const Row& row : rows) {
        INFO(row.pattern << " vs " << row.text);
        CHECK(wildcard_match(row.pattern, row.text, row.case_insensitive) == row.expected);
    }
}

TEST_CASE("path-pattern is case-sensitive and looks at the path only") {
    const SnapshotCondition api = condition("path-pattern", {"/api/*"});
    CHECK(condition_matches(api, get("/api/users")));
    CHECK(condition_matches(api, get("/api/users?id=7")));
    CHECK(condition_matches(api, get("/api/?x")));
    CHECK_FALSE(condition_matches(api, get("/api")));
    CHECK_FALSE(condition_matches(api, get("/api?x=/api/y")));
    CHECK_FALSE(condition_matches(api, get("/Api/users")));
    CHECK_FALSE(condition_matches(api, get("/")));
    CHECK(condition_matches(api, get("http://example.com/api/users?x=1")));

    const SnapshotCondition either = condition("path-pattern", {"/img/*", "/static/*"});
    CHECK(condition_matches(either, get("/static/app.js")));
    CHECK(condition_matches(either, get("/img/logo.png")));
    CHECK_FALSE(condition_matches(either, get("/index.html")));
}

TEST_CASE("host-header is case-insensitive; *.example.com does not match example.com") {
    const SnapshotCondition wildcard = condition("host-header", {"*.example.com"});
    CHECK(condition_matches(wildcard, get("/", "www.example.com")));
    CHECK(condition_matches(wildcard, get("/", "WWW.Example.COM")));
    CHECK_FALSE(condition_matches(wildcard, get("/", "example.com")));
    CHECK_FALSE(condition_matches(wildcard, get("/", "")));
    CHECK(condition_matches(wildcard, get("/", "api.example.com:8080")));

    const SnapshotCondition exact = condition("host-header", {"example.com", "example.org"});
    CHECK(condition_matches(exact, get("/", "Example.Org")));
    CHECK_FALSE(condition_matches(exact, get("/", "www.example.com")));
}

TEST_CASE("http-header: name and value case-insensitive, any instance") {
    const HeaderView headers[] = {
        {"Accept", "*/*"},
        {"User-Agent", "curl/8.0"},
        {"x-variant", "blue"},
        {"X-Variant", "Green"},
    };
    RequestView r = get("/");
    r.headers = headers;
    CHECK(condition_matches(header("user-agent", {"*Curl*"}), r));
    CHECK(condition_matches(header("X-VARIANT", {"green"}), r));
    CHECK(condition_matches(header("x-variant", {"red", "b?ue"}), r));
    CHECK_FALSE(condition_matches(header("x-variant", {"red"}), r));
    CHECK_FALSE(condition_matches(header("x-missing", {"*"}), r));
}

TEST_CASE("http-request-method is exact and case-sensitive") {
    RequestView r = get("/");
    CHECK(condition_matches(condition("http-request-method", {"POST", "GET"}), r));
    CHECK_FALSE(condition_matches(condition("http-request-method", {"get"}), r));
    CHECK_FALSE(condition_matches(condition("http-request-method", {"G*"}), r));
}

TEST_CASE("query-string: key/value pairs, case-insensitive, wildcards, empty key means any key") {
    CHECK(condition_matches(query({{"version", "v1"}}), get("/?version=v1")));
    CHECK(condition_matches(query({{"version", "v1"}}), get("/p?a=1&VERSION=V1&b")));
    CHECK(condition_matches(query({{"version", "v*"}}), get("/?version=v2")));
    CHECK(condition_matches(query({{"", "green"}}), get("/?color=green")));
    CHECK_FALSE(condition_matches(query({{"version", "v1"}}), get("/?version=v2")));
    CHECK_FALSE(condition_matches(query({{"version", "v1"}}), get("/version=v1")));
    CHECK_FALSE(condition_matches(query({{"version", "v1"}}), get("/")));
    CHECK(condition_matches(query({{"a", "x"}, {"b", "y"}}), get("/?b=y")));
    CHECK(condition_matches(query({{"flag", ""}}), get("/?flag")));
    CHECK(condition_matches(query({{"flag", ""}}), get("/?flag=")));
    CHECK_FALSE(condition_matches(query({{"flag", ""}}), get("/?flag=1")));
    // '#' ends the query.
    CHECK(condition_matches(query({{"a", "1"}}), get("/?a=1#x")));
    CHECK_FALSE(condition_matches(query({{"a", "1*"}}), get("/?b=2#a=1")));
}

TEST_CASE("query-string: percent-decoding and escaped wildcards") {
    CHECK(condition_matches(query({{"name", "a b"}}), get("/?name=a%20b")));
    CHECK(condition_matches(query({{"name", "a%20b"}}), get("/?name=a%20b")));
    CHECK(condition_matches(query({{"name", "A"}}), get("/?n%61me=%41")));
    CHECK(condition_matches(query({{"q", "\\*"}}), get("/?q=*")));
    CHECK_FALSE(condition_matches(query({{"q", "\\*"}}), get("/?q=abc")));
    CHECK(condition_matches(query({{"q", "what\\?"}}), get("/?q=what%3F")));
    CHECK(condition_matches(query({{"q", "%"}}), get("/?q=%")));
    CHECK(condition_matches(query({{"q", "*z"}}), get("/?q=%41%42z")));
}

TEST_CASE("source-ip: IPv4 CIDR blocks, a bare address is /32") {
    RequestView r = get("/");
    r.source_ip = "10.0.1.25";
    CHECK(condition_matches(condition("source-ip", {"10.0.0.0/8"}), r));
    CHECK(condition_matches(condition("source-ip", {"192.168.0.0/16", "10.0.1.0/24"}), r));
    CHECK(condition_matches(condition("source-ip", {"10.0.1.25"}), r));
    CHECK(condition_matches(condition("source-ip", {"10.0.1.25/32"}), r));
    CHECK(condition_matches(condition("source-ip", {"0.0.0.0/0"}), r));
    CHECK_FALSE(condition_matches(condition("source-ip", {"10.0.1.26"}), r));
    CHECK_FALSE(condition_matches(condition("source-ip", {"10.0.2.0/24"}), r));
    CHECK_FALSE(condition_matches(condition("source-ip", {"2001:db8::/32"}), r));
    r.source_ip = "::ffff:10.0.1.25";
    CHECK(condition_matches(condition("source-ip", {"10.0.0.0/8"}), r));
    r.source_ip = "not-an-ip";
    CHECK_FALSE(condition_matches(condition("source-ip", {"0.0.0.0/0"}), r));
}

TEST_CASE("select_rule: ascending priority, first match wins, default last") {
    alb::SnapshotListener listener;
    alb::SnapshotRule api;
    api.priority = 10;
    api.conditions = {condition("path-pattern", {"/api/*"})};
    alb::SnapshotRule api_v2;
    api_v2.priority = 20;
    api_v2.conditions = {condition("path-pattern", {"/api/v2/*"})};
    alb::SnapshotRule admin;
    admin.priority = 5;
    admin.conditions = {condition("host-header", {"admin.example.com"}),
                        condition("path-pattern", {"/api/*"})};
    alb::SnapshotRule fallback;
    fallback.is_default = true;
    listener.rules = {admin, api, api_v2, fallback};

    CHECK(select_rule(listener, get("/api/users"))->priority == 10);
    CHECK(select_rule(listener, get("/api/v2/users"))->priority == 10);  // 10 precedes 20
    CHECK(select_rule(listener, get("/api/users", "ADMIN.example.com"))->priority == 5);
    CHECK(select_rule(listener, get("/admin", "admin.example.com"))->is_default);
    CHECK(select_rule(listener, get("/"))->is_default);
    CHECK(select_rule(listener, get("/api"))->is_default);

    alb::SnapshotListener empty;
    CHECK(select_rule(empty, get("/")) == nullptr);
}

TEST_CASE("select_rule: the guide's listener (rule 10 /api/* -> backend, default -> frontend)") {
    alb::SnapshotListener listener;
    alb::SnapshotRule api;
    api.priority = 10;
    api.conditions = {condition("path-pattern", {"/api/*"})};
    api.action.forward.groups = {{1, 1}};
    alb::SnapshotRule fallback;
    fallback.is_default = true;
    fallback.action.forward.groups = {{0, 1}};
    listener.rules = {api, fallback};

    CHECK(select_rule(listener, get("/api/health"))->action.forward.groups.front().group == 1);
    CHECK(select_rule(listener, get("/"))->action.forward.groups.front().group == 0);
    CHECK(select_rule(listener, get("/index.html?api/x"))->action.forward.groups.front().group == 0);
}
