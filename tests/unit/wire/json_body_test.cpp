#include <catch2/catch.hpp>

#include "emulator/api/wire/json_body.hpp"
#include "emulator/api/wire/text.hpp"

using namespace ecsemu::api;
using ecsemu::core::AwsError;
using nlohmann::json;

namespace {

std::string nested(int depth, std::string_view open, std::string_view close) {
    std::string out = "{\"a\":";
    for (int i = 1; i < depth; ++i) out.append(open);
    out.append("1");
    for (int i = 1; i < depth; ++i) out.append(close);
    out.append("}");
    return out;
}

void require_serialization_error(std::string_view body) {
    const auto parsed = parse_json_request_body(body);
    INFO(std::string(body.substr(0, 60)));
    REQUIRE_FALSE(parsed.ok());
    CHECK(parsed.error().code == "SerializationException");
    CHECK(parsed.error().http_status == 400);
}

}  // namespace

TEST_CASE("an empty body is an empty object", "[wire][json]") {
    const auto parsed = parse_json_request_body("");
    REQUIRE(parsed.ok());
    CHECK(parsed.value() == json::object());
}

TEST_CASE("a JSON object body parses", "[wire][json]") {
    const auto parsed = parse_json_request_body(R"({"cluster":"default","services":["a"]})");
    REQUIRE(parsed.ok());
    CHECK(parsed.value()["services"][0] == "a");
}

TEST_CASE("malformed, non-object and non-UTF-8 bodies are SerializationException", "[wire][json]") {
    require_serialization_error("{");
    require_serialization_error("{\"a\":}");
    require_serialization_error("[]");
    require_serialization_error("\"text\"");
    require_serialization_error("null");
    require_serialization_error("{\"a\":\"\xC3\x28\"}");
    require_serialization_error("{\"a\":\"\xED\xA0\x80\"}");  // a UTF-16 surrogate encoded as UTF-8
    require_serialization_error("{\"a\":\"\xC0\xAF\"}");      // overlong
}

TEST_CASE("nesting deeper than 64 levels is refused before parsing", "[wire][json]") {
    CHECK(parse_json_request_body(nested(64, "[", "]")).ok());
    require_serialization_error(nested(65, "[", "]"));
    require_serialization_error(nested(100000, "{\"b\":", "}"));
    // Brackets inside strings do not count.
    CHECK(json_nesting_within(R"({"a":"[[[[[[[[[[\"[[[["})", 2));
    CHECK_FALSE(json_nesting_within("[[[", 2));
}

TEST_CASE("UTF-8 validation", "[wire][json]") {
    CHECK(is_valid_utf8("plain ascii that is longer than eight bytes"));
    CHECK(is_valid_utf8("\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80"));
    CHECK_FALSE(is_valid_utf8("\xF4\x90\x80\x80"));  // above U+10FFFF
    CHECK_FALSE(is_valid_utf8("\xE2\x82"));          // truncated
    CHECK_FALSE(is_valid_utf8("abcdefgh\x80"));
}

TEST_CASE("JSON error bodies", "[wire][json]") {
    CHECK(json_error_body(AwsError::client("ClusterNotFoundException", "Cluster not found.")) ==
          R"({"__type":"ClusterNotFoundException","message":"Cluster not found."})");
    CHECK(json_error_body(AwsError::client("UnknownOperationException", "")) ==
          R"({"__type":"UnknownOperationException"})");
}
