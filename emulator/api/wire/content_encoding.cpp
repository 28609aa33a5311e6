#include "emulator/api/wire/content_encoding.hpp"

#include <zlib.h>

#include <algorithm>
#include <cctype>
#include <vector>

namespace ecsemu::api {

namespace {

std::string_view trimmed(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}

std::string lowercase(std::string_view s) {
    std::string out(s);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

// The codings in the order they were applied, lowercased; empty entries (", ,") are skipped.
std::vector<std::string> codings_of(std::string_view header) {
    std::vector<std::string> codings;
    while (!header.empty()) {
        const auto comma = header.find(',');
        const std::string_view item = trimmed(header.substr(0, comma));
        if (!item.empty()) codings.push_back(lowercase(item));
        if (comma == std::string_view::npos) break;
        header.remove_prefix(comma + 1);
    }
    return codings;
}

DecodedBody gunzip(std::string_view input, std::size_t max_bytes) {
    z_stream stream{};
    // 16 + MAX_WBITS: a gzip wrapper, not zlib's own.
    if (inflateInit2(&stream, 16 + MAX_WBITS) != Z_OK)
        return {BodyDecodeFailure::Malformed, "the gzip decoder could not start"};
    stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(input.data()));
    stream.avail_in = static_cast<uInt>(input.size());
    std::string output;
    char chunk[16384];
    int result = Z_OK;
    while (result == Z_OK) {
        stream.next_out = reinterpret_cast<Bytef*>(chunk);
        stream.avail_out = sizeof chunk;
        result = inflate(&stream, Z_NO_FLUSH);
        const std::size_t produced = sizeof chunk - stream.avail_out;
        if (output.size() + produced > max_bytes) {
            inflateEnd(&stream);
            return {BodyDecodeFailure::TooLarge, {}};
        }
        output.append(chunk, produced);
        // No progress with input left means the stream wants more than was sent.
        if (result == Z_BUF_ERROR || (result == Z_OK && produced == 0 && stream.avail_in == 0)) break;
    }
    const bool complete = result == Z_STREAM_END && stream.avail_in == 0;
    inflateEnd(&stream);
    if (!complete) return {BodyDecodeFailure::Malformed, "the request body is not a complete gzip stream"};
    return {BodyDecodeFailure::None, std::move(output)};
}

}  // namespace

bool has_content_coding(std::string_view content_encoding) {
    const auto codings = codings_of(content_encoding);
    return std::any_of(codings.begin(), codings.end(), [](const std::string& c) { return c != "identity"; });
}

DecodedBody decode_content(std::string_view content_encoding, std::string_view body, std::size_t max_bytes) {
    const auto codings = codings_of(content_encoding);
    DecodedBody decoded{BodyDecodeFailure::None, std::string(body)};
    for (auto coding = codings.rbegin(); coding != codings.rend(); ++coding) {
        if (*coding == "identity") continue;
        if (*coding != "gzip" && *coding != "x-gzip")
            return {BodyDecodeFailure::Unsupported, "Content-Encoding " + *coding + " is not supported"};
        decoded = gunzip(decoded.text, max_bytes);
        if (decoded.failure != BodyDecodeFailure::None) return decoded;
    }
    return decoded;
}

}  // namespace ecsemu::api
