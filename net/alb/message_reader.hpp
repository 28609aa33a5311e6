#pragma once
// Incremental HTTP/1.1 message parsing (Beast's parser underneath) that leaves the head where it arrived:
// the request line and fields are offsets into the caller's buffer, so parsing a head allocates nothing and
// the caller may grow its buffer between reads. The body, de-chunked, is copied into `body`.
// One reader serves a whole connection; start() begins each message.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ecsemu::net::alb {

struct TextSpan {
    std::uint32_t offset = 0;
    std::uint32_t size = 0;
    std::string_view in(const char* base) const { return {base + offset, size}; }
};

struct FieldSpan {
    TextSpan name;
    TextSpan value;
};

enum class ReadError { None, NeedMore, HeaderTooLarge, BodyTooLarge, Malformed };

class MessageReader {
public:
    enum class Kind { Request, Response };
    explicit MessageReader(Kind kind);
    ~MessageReader();
    MessageReader(const MessageReader&) = delete;
    MessageReader& operator=(const MessageReader&) = delete;

    // Begins a new message. skip_body: a response to HEAD, whose framing headers describe no body.
    void start(std::size_t header_limit_bytes, std::uint64_t body_limit_bytes, bool skip_body = false);

    // Parses base[begin, end) and returns how many bytes it consumed. While the head is incomplete nothing
    // is consumed (NeedMore): call again with the same begin once more bytes follow.
    std::size_t put(const char* base, std::size_t begin, std::size_t end, ReadError& error);
    // The peer closed: completes a response delimited by end of stream.
    void put_eof(ReadError& error);

    bool header_done() const;
    bool done() const;
    bool need_eof() const;  // the body runs until the peer closes
    bool keep_alive() const;
    bool has_body() const;  // Content-Length or chunked framing was present
    std::size_t header_bytes() const { return header_bytes_; }

    int version = 11;
    int status = 0;   // responses
    TextSpan method;  // requests
    TextSpan target;  // requests
    TextSpan reason;  // responses
    std::vector<FieldSpan> fields;
    std::string body;
    bool expect_continue = false;  // requests: "Expect: 100-continue"

    struct Parser;  // defined in message_reader.cpp

private:
    Kind kind_;
    std::unique_ptr<Parser> parser_;
    std::size_t header_bytes_ = 0;
};

}  // namespace ecsemu::net::alb
