#pragma once
// Request bodies sent with a Content-Encoding. The AWS SDKs gzip CloudWatch PutMetricData requests of
// 10,240 bytes or more by default (the "requestcompression" trait in the botocore model), and CloudWatch
// accepts them; the gateway decodes before it parses, for every protocol.
#include <cstddef>
#include <string>
#include <string_view>

#include "emulator/core/errors.hpp"

namespace ecsemu::api {

enum class BodyDecodeFailure {
    None,
    Unsupported,  // a coding other than gzip or identity
    Malformed,    // not a complete gzip stream
    TooLarge,     // decodes to more than the limit
};

struct DecodedBody {
    BodyDecodeFailure failure = BodyDecodeFailure::None;
    std::string text;  // the decoded body; what went wrong when `failure` is set
};

// True when `content_encoding` (the header's value) asks for any decoding.
bool has_content_coding(std::string_view content_encoding);

// Undoes the codings the header lists, last applied first ("gzip", "x-gzip" and "identity", any case).
// Decoding stops at `max_bytes` of output, so a small body cannot expand without bound.
DecodedBody decode_content(std::string_view content_encoding, std::string_view body, std::size_t max_bytes);

}  // namespace ecsemu::api
