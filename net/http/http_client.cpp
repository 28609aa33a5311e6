#include "net/http/http_client.hpp"

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>
#include <memory>

namespace ecsemu::net {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

// One exchange's state, kept alive by the handlers that use it.
struct Exchange {
    explicit Exchange(asio::io_context& io) : resolver(io), stream(io) {}
    tcp::resolver resolver;
    beast::tcp_stream stream;
    beast::flat_buffer buffer;
    http::request<http::string_body> request;
    std::unique_ptr<http::response_parser<http::string_body>> parser;
    beast::error_code result;
    bool done = false;
};

}  // namespace

bool http_exchange(const std::string& host, std::uint16_t port, const HttpRequest& request,
                   HttpResponse& response, std::string& error, const HttpClientOptions& options) {
    asio::io_context io(1);
    auto exchange = std::make_shared<Exchange>(io);
    auto& out = exchange->request;
    out.version(11);
    out.method_string(request.method.empty() ? "GET" : request.method);
    out.target(request.target.empty() ? "/" : request.target);
    out.set(http::field::host, host + ":" + std::to_string(port));
    out.set(http::field::connection, "close");
    for (const auto& [name, value] : request.headers) out.insert(name, value);
    out.body() = request.body;
    out.prepare_payload();
    exchange->parser = std::make_unique<http::response_parser<http::string_body>>();
    exchange->parser->body_limit(options.max_body_bytes);
    exchange->stream.expires_after(options.timeout);

    auto finish = [exchange](beast::error_code ec) {
        exchange->result = ec;
        exchange->done = true;
    };
    exchange->resolver.async_resolve(
        host, std::to_string(port),
        [exchange, finish](beast::error_code ec, tcp::resolver::results_type found) {
            if (ec) return finish(ec);
            exchange->stream.async_connect(
                found, [exchange, finish](beast::error_code ec, const tcp::endpoint&) {
                    if (ec) return finish(ec);
                    http::async_write(exchange->stream, exchange->request,
                                      [exchange, finish](beast::error_code ec, std::size_t) {
                                          if (ec) return finish(ec);
                                          http::async_read(
                                              exchange->stream, exchange->buffer, *exchange->parser,
                                              [finish](beast::error_code ec, std::size_t) { finish(ec); });
                                      });
                });
        });
    // The stream's deadline bounds connect, write and read; this bounds name resolution too.
    io.run_for(options.timeout + std::chrono::seconds(1));
    if (!exchange->done) {
        error = "no answer within " + std::to_string(options.timeout.count()) + " ms";
        return false;
    }
    if (exchange->result) {
        error = exchange->result.message();
        return false;
    }
    const auto& answer = exchange->parser->get();
    response.status = static_cast<int>(answer.result_int());
    response.headers.clear();
    for (const auto& field : answer) {
        response.headers.emplace_back(std::string(field.name_string()), std::string(field.value()));
    }
    response.body = answer.body();
    return true;
}

}  // namespace ecsemu::net
