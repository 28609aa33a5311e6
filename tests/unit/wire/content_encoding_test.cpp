// Content-Encoding on request bodies: what the SDKs send (gzip) decodes to the original text, and what
// cannot be decoded is refused without growing past the limit.
#include <catch2/catch.hpp>
#include <string>

#include "emulator/api/wire/content_encoding.hpp"
#include "support/gzip_text.hpp"

namespace ecsemu::test {
namespace {

using api::BodyDecodeFailure;

std::string metric_form(int fields) {
    std::string form = "Action=PutMetricData&Version=2010-08-01&Namespace=Test";
    for (int i = 1; i <= fields; ++i)
        form += "&MetricData.member." + std::to_string(i) + ".MetricName=M" + std::to_string(i);
    return form;
}

}  // namespace

TEST_CASE("A gzip body decodes to what was compressed", "[wire][encoding]") {
    const std::string text = metric_form(500);
    for (const char* header : {"gzip", "GZIP", " gzip ", "x-gzip", "identity, gzip", "gzip,identity"}) {
        INFO(header);
        CHECK(api::has_content_coding(header));
        const auto decoded = api::decode_content(header, gzip_text(text), 1 << 20);
        CHECK(decoded.failure == BodyDecodeFailure::None);
        CHECK(decoded.text == text);
    }
    SECTION("two codings are undone last first") {
        const auto decoded = api::decode_content("gzip, gzip", gzip_text(gzip_text(text)), 1 << 20);
        CHECK(decoded.failure == BodyDecodeFailure::None);
        CHECK(decoded.text == text);
    }
}

TEST_CASE("No coding or identity leaves the body as sent", "[wire][encoding]") {
    CHECK_FALSE(api::has_content_coding(""));
    CHECK_FALSE(api::has_content_coding("identity"));
    CHECK_FALSE(api::has_content_coding(" , identity"));
    const auto decoded = api::decode_content("identity", "Action=ListMetrics", 100);
    CHECK(decoded.failure == BodyDecodeFailure::None);
    CHECK(decoded.text == "Action=ListMetrics");
}

TEST_CASE("Bodies that cannot be decoded are refused", "[wire][encoding]") {
    const std::string compressed = gzip_text(metric_form(200));
    SECTION("an unknown coding") {
        const auto decoded = api::decode_content("br", compressed, 1 << 20);
        CHECK(decoded.failure == BodyDecodeFailure::Unsupported);
        CHECK(decoded.text.find("br") != std::string::npos);
    }
    SECTION("a truncated stream") {
        const auto decoded =
            api::decode_content("gzip", compressed.substr(0, compressed.size() / 2), 1 << 20);
        CHECK(decoded.failure == BodyDecodeFailure::Malformed);
    }
    SECTION("a stream without its trailer") {
        const auto decoded =
            api::decode_content("gzip", compressed.substr(0, compressed.size() - 4), 1 << 20);
        CHECK(decoded.failure == BodyDecodeFailure::Malformed);
    }
    SECTION("bytes after the stream") {
        const auto decoded = api::decode_content("gzip", compressed + "tail", 1 << 20);
        CHECK(decoded.failure == BodyDecodeFailure::Malformed);
    }
    SECTION("not gzip at all") {
        const auto decoded = api::decode_content("gzip", "Action=ListMetrics", 1 << 20);
        CHECK(decoded.failure == BodyDecodeFailure::Malformed);
    }
    SECTION("an empty body") {
        CHECK(api::decode_content("gzip", "", 1 << 20).failure == BodyDecodeFailure::Malformed);
    }
}

TEST_CASE("Decoding stops at the limit, however far the body would expand", "[wire][encoding]") {
    // 64 MiB of zeros compress to about 64 KiB.
    const std::string bomb = gzip_text(std::string(64u << 20, '\0'));
    CHECK(bomb.size() < (1u << 20));
    const auto decoded = api::decode_content("gzip", bomb, 8u << 20);
    CHECK(decoded.failure == BodyDecodeFailure::TooLarge);
    CHECK(decoded.text.empty());

    const std::string exact(1000, 'a');
    CHECK(api::decode_content("gzip", gzip_text(exact), 1000).failure == BodyDecodeFailure::None);
    CHECK(api::decode_content("gzip", gzip_text(exact), 999).failure == BodyDecodeFailure::TooLarge);
}

}  // namespace ecsemu::test
