#include "emulator/app/dns_command.hpp"

#include <charconv>
#include <chrono>
#include <optional>
#include <string_view>
#include <utility>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/address.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/empty_body.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>
#include <nlohmann/json.hpp>

namespace ecsemu::app {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = boost::beast::http;
using tcp = asio::ip::tcp;
using net::dns::LookupType;

constexpr std::chrono::seconds kEndpointTimeout{5};

bool parse_port(std::string_view text, std::uint16_t& port) {
    unsigned value = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || end != text.data() + text.size() || value == 0 || value > 65535) return false;
    port = static_cast<std::uint16_t>(value);
    return true;
}

bool is_ip_literal(const std::string& text) {
    boost::system::error_code ec;
    asio::ip::make_address(text, ec);
    return !ec;
}

// "127.0.0.1", "127.0.0.1:5353", "::1", "[::1]:5353" -> c-ares' server syntax; nothing when malformed.
std::optional<std::string> nameserver_spec(std::string_view text) {
    std::string host;
    std::uint16_t port = 53;
    if (!text.empty() && text.front() == '[') {
        auto close = text.find(']');
        if (close == std::string_view::npos) return std::nullopt;
        host = text.substr(1, close - 1);
        auto rest = text.substr(close + 1);
        if (!rest.empty() && (rest.front() != ':' || !parse_port(rest.substr(1), port))) return std::nullopt;
    } else if (auto colon = text.find(':');
               colon != std::string_view::npos && text.find(':', colon + 1) == text.npos) {
        host = text.substr(0, colon);
        if (!parse_port(text.substr(colon + 1), port)) return std::nullopt;
    } else {
        host = text;  // no port, or a bare IPv6 literal
    }
    if (!is_ip_literal(host)) return std::nullopt;
    bool v6 = host.find(':') != std::string::npos;
    return (v6 ? "[" + host + "]" : host) + ":" + std::to_string(port);
}

struct HttpUrl {
    std::string host;
    std::string port = "80";
    std::string base_path;  // without the trailing slash
};

std::optional<HttpUrl> parse_http_url(std::string_view url) {
    constexpr std::string_view kScheme = "http://";
    if (url.substr(0, kScheme.size()) != kScheme) return std::nullopt;
    url.remove_prefix(kScheme.size());
    HttpUrl parsed;
    auto slash = url.find('/');
    std::string_view authority = url.substr(0, slash);
    if (slash != std::string_view::npos) parsed.base_path = url.substr(slash);
    while (!parsed.base_path.empty() && parsed.base_path.back() == '/') parsed.base_path.pop_back();
    if (!authority.empty() && authority.front() == '[') {
        auto close = authority.find(']');
        if (close == std::string_view::npos) return std::nullopt;
        parsed.host = authority.substr(1, close - 1);
        authority.remove_prefix(close + 1);
        if (!authority.empty() && authority.front() != ':') return std::nullopt;
    } else {
        auto colon = authority.find(':');
        parsed.host = authority.substr(0, colon);
        authority.remove_prefix(colon == std::string_view::npos ? authority.size() : colon);
    }
    if (!authority.empty()) {
        std::uint16_t port = 0;
        if (!parse_port(authority.substr(1), port)) return std::nullopt;
        parsed.port = std::to_string(port);
    }
    if (parsed.host.empty()) return std::nullopt;
    return parsed;
}

struct HttpFetch {
    std::string error;
    int status = 0;
    std::string body;
};

asio::awaitable<void> fetch(HttpUrl url, std::string path, HttpFetch& out) {
    auto executor = co_await asio::this_coro::executor;
    boost::system::error_code ec;
    auto into = asio::redirect_error(asio::use_awaitable, ec);
    tcp::resolver resolver(executor);
    auto endpoints = co_await resolver.async_resolve(url.host, url.port, into);
    if (ec) {
        out.error = ec.message();
        co_return;
    }
    beast::tcp_stream stream(executor);
    stream.expires_after(kEndpointTimeout);
    co_await stream.async_connect(endpoints, into);
    http::request<http::empty_body> request{http::verb::get, url.base_path + path, 11};
    bool v6 = url.host.find(':') != std::string::npos;
    request.set(http::field::host, (v6 ? "[" + url.host + "]" : url.host) + ":" + url.port);
    request.set(http::field::connection, "close");
    if (!ec) co_await http::async_write(stream, request, into);
    beast::flat_buffer buffer;
    http::response<http::string_body> response;
    if (!ec) co_await http::async_read(stream, buffer, response, into);
    if (ec) {
        out.error = ec.message();
        co_return;
    }
    out.status = response.result_int();
    out.body = std::move(response.body());
}

// The DNS server's address as the running ecsemu reports it, or an error message.
std::optional<std::string> nameserver_from_endpoint(const std::string& endpoint, std::string& error) {
    auto url = parse_http_url(endpoint);
    if (!url) {
        error = "--endpoint needs an http://HOST[:PORT] URL, got " + endpoint;
        return std::nullopt;
    }
    HttpFetch result;
    asio::io_context io;
    asio::co_spawn(io, fetch(*url, "/_ecsemu/endpoints", result), asio::detached);
    io.run();
    if (!result.error.empty() || result.status != 200) {
        error = "cannot read " + endpoint + "/_ecsemu/endpoints: " +
                (result.error.empty() ? "HTTP " + std::to_string(result.status) : result.error) +
                " (is `ecsemu serve` running there?)";
        return std::nullopt;
    }
    auto body = nlohmann::json::parse(result.body, nullptr, false);
    const nlohmann::json* dns = nullptr;
    if (body.is_object() && body.contains("dns")) dns = &body["dns"];
    if (dns == nullptr || !dns->is_object() || !dns->contains("host") || !dns->contains("port") ||
        !(*dns)["host"].is_string() || !(*dns)["port"].is_number_unsigned()) {
        error = "the ecsemu at " + endpoint + " does not report a DNS server (no dns.host/dns.port)";
        return std::nullopt;
    }
    std::string host = (*dns)["host"].get<std::string>();
    auto port = (*dns)["port"].get<unsigned>();
    bool v6 = host.find(':') != std::string::npos;
    auto spec = nameserver_spec((v6 ? "[" + host + "]" : host) + ":" + std::to_string(port));
    if (!spec) {
        error = "the ecsemu at " + endpoint + " reports an unusable DNS address: " + host;
        return std::nullopt;
    }
    return spec;
}

std::string failure_text(const std::error_code& ec, const DnsCommandOptions& options,
                         const std::string& server) {
    const char* type = options.type == LookupType::A ? "A" : "SRV";
    if (net::dns::is_name_not_found(ec)) return "no such name (NXDOMAIN)";
    if (net::dns::is_no_data(ec)) return std::string("the name exists but has no ") + type + " records";
    if (net::dns::is_refused(ec)) return "REFUSED: the DNS server at " + server + " does not serve this name";
    if (net::dns::is_timeout(ec)) return "no answer from the DNS server at " + server + " (timed out)";
    return ec.message() + " (DNS server " + server + ")";
}

}  // namespace

DnsCommandLine parse_dns_command(int argc, const char* const* argv) {
    DnsCommandLine line;
    bool endpoint_given = false;
    for (int i = 1; i < argc; ++i) {
        std::string_view arg = argv[i];
        if (arg == "--help" || arg == "-h") {
            line.help = true;
            return line;
        }
        if (arg.substr(0, 2) != "--") {
            if (!line.options.name.empty()) {
                line.usage_error = "dns takes one name, got another: " + std::string(arg);
                return line;
            }
            line.options.name = arg;
            continue;
        }
        std::string_view name = arg;
        std::string_view value;
        if (auto equals = arg.find('='); equals != std::string_view::npos) {
            name = arg.substr(0, equals);
            value = arg.substr(equals + 1);
        } else if (i + 1 < argc) {
            value = argv[++i];
        } else {
            line.usage_error = std::string(arg) + " needs a value";
            return line;
        }
        if (name == "--type") {
            if (value == "A" || value == "a") {
                line.options.type = LookupType::A;
            } else if (value == "SRV" || value == "srv") {
                line.options.type = LookupType::Srv;
            } else {
                line.usage_error = "--type needs A or SRV";
                return line;
            }
        } else if (name == "--server") {
            auto spec = nameserver_spec(value);
            if (!spec) {
                line.usage_error = "--server needs an IP address with an optional port, such as 127.0.0.1:53";
                return line;
            }
            line.options.server = *spec;
        } else if (name == "--endpoint") {
            if (value.empty()) {
                line.usage_error = "--endpoint needs a URL";
                return line;
            }
            line.options.endpoint = value;
            endpoint_given = true;
        } else {
            line.usage_error = "unknown option for dns: " + std::string(name);
            return line;
        }
    }
    if (line.options.name.empty()) line.usage_error = "dns needs a name to resolve";
    if (endpoint_given && !line.options.server.empty())
        line.usage_error = "give --server or --endpoint, not both";
    return line;
}

void print_dns_usage(std::FILE* out) {
    std::fputs(
        "usage: ecsemu dns NAME [--type A|SRV] [--server HOST:PORT | --endpoint URL]\n"
        "\n"
        "Resolves NAME through ecsemu's DNS server and prints one answer per line: an address for A,\n"
        "\"PRIORITY WEIGHT PORT TARGET\" for SRV.\n"
        "\n"
        "  --type A|SRV      record type (default A)\n"
        "  --server ADDRESS  the DNS server to ask, an IP address with an optional port (default port 53)\n"
        "  --endpoint URL    ask the ecsemu serving at URL where its DNS server is (default\n"
        "                    http://127.0.0.1:4566)\n"
        "\n"
        "Exit status: 0 with answers; 1 when the name does not exist, has no such records, is refused, or\n"
        "the lookup fails; 2 on a usage error.\n",
        out);
}

int run_dns_command(int argc, const char* const* argv) {
    auto line = parse_dns_command(argc, argv);
    if (line.help) {
        print_dns_usage(stdout);
        return 0;
    }
    if (!line.usage_error.empty()) {
        std::fprintf(stderr, "ecsemu dns: %s\n\n", line.usage_error.c_str());
        print_dns_usage(stderr);
        return 2;
    }
    const auto& options = line.options;
    std::string server = options.server;
    if (server.empty()) {
        std::string error;
        auto discovered = nameserver_from_endpoint(options.endpoint, error);
        if (!discovered) {
            std::fprintf(stderr, "ecsemu dns: %s\n", error.c_str());
            return 1;
        }
        server = *discovered;
    }

    auto result = net::dns::resolve_blocking({server}, options.name, options.type);
    if (result.error) {
        std::fprintf(stderr, "ecsemu dns: %s: %s\n", options.name.c_str(),
                     failure_text(result.error, options, server).c_str());
        return 1;
    }
    for (const auto& address : result.addresses) std::printf("%s\n", address.c_str());
    for (const auto& service : result.services) {
        std::printf("%u %u %u %s\n", static_cast<unsigned>(service.priority),
                    static_cast<unsigned>(service.weight), static_cast<unsigned>(service.port),
                    service.target.c_str());
    }
    return 0;
}

}  // namespace ecsemu::app
