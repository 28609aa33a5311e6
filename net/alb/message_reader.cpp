#include "net/alb/message_reader.hpp"

#include <boost/beast/http/basic_parser.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/optional.hpp>

#include "net/alb/forward_headers.hpp"

namespace ecsemu::net::alb {

namespace http = boost::beast::http;
using beast_error = boost::beast::error_code;
using beast_view = boost::beast::string_view;

namespace {

TextSpan span_of(const char* base, beast_view text) {
    return TextSpan{static_cast<std::uint32_t>(text.data() - base), static_cast<std::uint32_t>(text.size())};
}

// Beast reports every element as a view into the buffer passed to put(); the views become offsets from
// the caller's base pointer.
template <bool IsRequest>
class OffsetParser final : public http::basic_parser<IsRequest> {
public:
    explicit OffsetParser(MessageReader& message) : message_(message) {}
    const char* base = nullptr;

private:
    void on_request_impl(http::verb, beast_view method, beast_view target, int version,
                         beast_error&) override {
        message_.method = span_of(base, method);
        message_.target = span_of(base, target);
        message_.version = version;
    }
    void on_response_impl(int code, beast_view reason, int version, beast_error&) override {
        message_.status = code;
        message_.reason = span_of(base, reason);
        message_.version = version;
    }
    void on_field_impl(http::field name, beast_view name_string, beast_view value, beast_error&) override {
        message_.fields.push_back(FieldSpan{span_of(base, name_string), span_of(base, value)});
        if (IsRequest && name == http::field::expect &&
            ascii_iequal(std::string_view(value.data(), value.size()), "100-continue")) {
            message_.expect_continue = true;
        }
    }
    void on_header_impl(beast_error&) override {}
    void on_body_init_impl(const boost::optional<std::uint64_t>& length, beast_error&) override {
        if (length && *length <= 64 * 1024 * 1024) message_.body.reserve(static_cast<std::size_t>(*length));
    }
    std::size_t on_body_impl(beast_view body, beast_error&) override {
        message_.body.append(body.data(), body.size());
        return body.size();
    }
    void on_chunk_header_impl(std::uint64_t, beast_view, beast_error&) override {}
    std::size_t on_chunk_body_impl(std::uint64_t, beast_view body, beast_error&) override {
        message_.body.append(body.data(), body.size());
        return body.size();
    }
    void on_finish_impl(beast_error&) override {}

    MessageReader& message_;
};

ReadError classify(const beast_error& ec) {
    if (!ec) return ReadError::None;
    if (ec == http::error::need_more) return ReadError::NeedMore;
    if (ec == http::error::header_limit) return ReadError::HeaderTooLarge;
    if (ec == http::error::body_limit) return ReadError::BodyTooLarge;
    return ReadError::Malformed;
}

}  // namespace

// Beast parsers handle one message each and cannot be reset: each message re-constructs one in place,
// which costs no allocation.
struct MessageReader::Parser {
    std::optional<OffsetParser<true>> request;
    std::optional<OffsetParser<false>> response;

    template <class Fn>
    decltype(auto) with(Fn&& fn) {
        if (request) return fn(*request);
        return fn(*response);
    }
    template <class Fn>
    decltype(auto) with(Fn&& fn) const {
        if (request) return fn(*request);
        return fn(*response);
    }
};

MessageReader::MessageReader(Kind kind) : kind_(kind), parser_(std::make_unique<Parser>()) {}

MessageReader::~MessageReader() = default;

void MessageReader::start(std::size_t header_limit_bytes, std::uint64_t body_limit_bytes, bool skip_body) {
    version = 11;
    status = 0;
    method = target = reason = {};
    fields.clear();
    body.clear();
    expect_continue = false;
    header_bytes_ = 0;
    auto configure = [&](auto& parser) {
        // Not eager until the head is done, so the first put() that completes it reports its size.
        parser.eager(false);
        parser.header_limit(static_cast<std::uint32_t>(header_limit_bytes));
        parser.body_limit(body_limit_bytes);
        if (skip_body) parser.skip(true);
    };
    if (kind_ == Kind::Request) {
        configure(parser_->request.emplace(*this));
    } else {
        configure(parser_->response.emplace(*this));
    }
}

std::size_t MessageReader::put(const char* base, std::size_t begin, std::size_t end, ReadError& error) {
    beast_error ec;
    bool had_header = header_done();
    std::size_t used = parser_->with([&](auto& parser) {
        parser.base = base;
        std::size_t n = parser.put(boost::asio::const_buffer(base + begin, end - begin), ec);
        if (!ec && !had_header && parser.is_header_done()) {
            header_bytes_ = n;
            parser.eager(true);
            if (!parser.is_done() && begin + n < end) {
                n += parser.put(boost::asio::const_buffer(base + begin + n, end - begin - n), ec);
            }
        }
        return n;
    });
    error = classify(ec);
    return used;
}

void MessageReader::put_eof(ReadError& error) {
    beast_error ec;
    parser_->with([&](auto& parser) { parser.put_eof(ec); });
    error = classify(ec);
}

bool MessageReader::header_done() const {
    return parser_->with([](const auto& parser) { return parser.is_header_done(); });
}

bool MessageReader::done() const {
    return parser_->with([](const auto& parser) { return parser.is_done(); });
}

bool MessageReader::need_eof() const {
    return parser_->with([](const auto& parser) { return parser.need_eof(); });
}

bool MessageReader::keep_alive() const {
    return parser_->with([](const auto& parser) { return parser.keep_alive(); });
}

bool MessageReader::has_body() const {
    return parser_->with(
        [](const auto& parser) { return parser.chunked() || parser.content_length().has_value(); });
}

}  // namespace ecsemu::net::alb
