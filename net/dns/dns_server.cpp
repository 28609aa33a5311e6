// One coroutine receives UDP datagrams and answers each on the spot (non-blocking send: a reply the kernel
// cannot queue is dropped and the client retries); one accepts TCP connections; one per connection reads a
// length-prefixed query, answers, and reads the next. Every TCP operation runs under a tcp_stream deadline,
// so a slow or silent client costs only its own connection. I/O errors come back as values.
#include "net/dns/dns_server.hpp"
#include "net/asio/bounded_accept.hpp"

#include <array>
#include <exception>
#include <list>
#include <mutex>
#include <optional>
#include <span>
#include <utility>
#include <vector>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ip/udp.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/tcp_stream.hpp>

#include "net/dns/dns_answer.hpp"
#include "net/dns/dns_zone_index.hpp"

namespace ecsemu::net::dns {

namespace asio = boost::asio;
namespace beast = boost::beast;
using tcp = asio::ip::tcp;
using udp = asio::ip::udp;
using error_code = boost::system::error_code;

struct DnsServer::State {
    State(asio::io_context& context, DnsServerLimits l)
        : io(context),
          udp_socket(context),
          acceptor(context),
          accept_wait(context),
          udp_wait(context),
          limits(l) {}

    DnsZoneIndexPtr current_index() const {
        std::lock_guard lock(index_mutex);
        return index;
    }

    asio::io_context& io;
    udp::socket udp_socket;
    tcp::acceptor acceptor;
    // Parks the accept loop at max_tcp_connections (a closing connection cancels it) and after an accept
    // error, so a descriptor shortage does not spin the loop; udp_wait does the same for receive errors.
    asio::steady_timer accept_wait;
    asio::steady_timer udp_wait;
    DnsServerLimits limits;
    mutable std::mutex index_mutex;  // apply() runs on the control thread
    DnsZoneIndexPtr index;
    std::list<beast::tcp_stream*> streams;  // what stop() closes
    std::size_t open_connections = 0;
    std::uint32_t rotation = 0;
    bool stopped = false;
};

namespace {

using State = DnsServer::State;

constexpr std::chrono::milliseconds kErrorPause{50};
constexpr int kEphemeralBindAttempts = 32;

auto await_into(error_code& ec) {
    return asio::redirect_error(asio::use_awaitable, ec);
}

std::optional<std::vector<std::uint8_t>> answer(State& s, std::span<const std::uint8_t> message,
                                                DnsTransport transport) {
    try {
        DnsZoneIndexPtr index = s.current_index();
        return answer_message(index.get(), message, transport, s.rotation++);
    } catch (const std::exception&) {
        return std::nullopt;  // allocation failure: this query goes unanswered, the server carries on
    }
}

asio::awaitable<void> udp_loop(std::shared_ptr<State> state) {
    State& s = *state;
    // Sized for the largest datagram, so an oversized query is read whole and rejected, not cut short.
    std::vector<std::uint8_t> datagram(kMaxMessageBytes + 1);
    udp::endpoint peer;
    while (!s.stopped) {
        error_code ec;
        std::size_t n =
            co_await s.udp_socket.async_receive_from(asio::buffer(datagram), peer, await_into(ec));
        if (s.stopped) break;
        if (ec) {
            s.udp_wait.expires_after(kErrorPause);
            co_await s.udp_wait.async_wait(await_into(ec));
            continue;
        }
        auto reply = answer(s, std::span<const std::uint8_t>(datagram.data(), n), DnsTransport::Udp);
        if (reply) s.udp_socket.send_to(asio::buffer(*reply), peer, 0, ec);
    }
}

class TcpConnection {
public:
    TcpConnection(State& state, tcp::socket socket) : state_(state), stream_(std::move(socket)) {
        registration_ = state_.streams.insert(state_.streams.end(), &stream_);
    }
    ~TcpConnection() {
        state_.streams.erase(registration_);
        error_code ignored;
        stream_.socket().shutdown(tcp::socket::shutdown_both, ignored);
        stream_.close();
    }
    TcpConnection(const TcpConnection&) = delete;
    TcpConnection& operator=(const TcpConnection&) = delete;

    asio::awaitable<void> run() {
        const auto& limits = state_.limits;
        while (!state_.stopped) {
            error_code ec;
            std::array<std::uint8_t, 2> prefix{};
            stream_.expires_after(limits.tcp_idle_timeout);
            co_await asio::async_read(stream_, asio::buffer(prefix), await_into(ec));
            if (ec || state_.stopped) break;
            std::size_t length = (static_cast<std::size_t>(prefix[0]) << 8) | prefix[1];
            if (length == 0) break;
            query_.resize(length);
            stream_.expires_after(limits.tcp_read_timeout);
            co_await asio::async_read(stream_, asio::buffer(query_), await_into(ec));
            if (ec || state_.stopped) break;

            auto reply = answer(state_, query_, DnsTransport::Tcp);
            // Without a parseable header there is no ID to answer to: the stream is out of step, so close.
            if (!reply) break;
            prefix[0] = static_cast<std::uint8_t>(reply->size() >> 8);
            prefix[1] = static_cast<std::uint8_t>(reply->size() & 0xFF);
            std::array<asio::const_buffer, 2> buffers{asio::buffer(prefix), asio::buffer(*reply)};
            stream_.expires_after(limits.tcp_write_timeout);
            co_await asio::async_write(stream_, buffers, await_into(ec));
            if (ec) break;
        }
    }

private:
    State& state_;
    beast::tcp_stream stream_;
    std::vector<std::uint8_t> query_;
    std::list<beast::tcp_stream*>::iterator registration_;
};

asio::awaitable<void> accept_loop(std::shared_ptr<State> state) {
    const std::size_t max_connections = state->limits.max_tcp_connections;
    co_await net::accept_connections<TcpConnection>(std::move(state), max_connections, kErrorPause);
}

std::optional<asio::ip::address> resolve_address(asio::io_context& io, const std::string& host,
                                                 error_code& ec) {
    auto address = asio::ip::make_address(host, ec);
    if (!ec) return address;
    udp::resolver resolver(io);
    auto results = resolver.resolve(host, "0", udp::resolver::passive | udp::resolver::numeric_service, ec);
    if (ec) return std::nullopt;
    if (results.empty()) {
        ec = asio::error::host_not_found;
        return std::nullopt;
    }
    return results.begin()->endpoint().address();
}

void close_sockets(State& s) {
    error_code ignored;
    s.udp_socket.close(ignored);
    s.acceptor.close(ignored);
}

// Binds UDP first and TCP to the same port. With port 0 the kernel's UDP choice may be taken for TCP, so
// a few fresh choices are tried.
error_code bind_both(State& s, const asio::ip::address& address, std::uint16_t port) {
    error_code ec;
    for (int attempt = 0; attempt < kEphemeralBindAttempts; ++attempt) {
        ec.clear();
        s.udp_socket.open(address.is_v4() ? udp::v4() : udp::v6(), ec);
        if (!ec) s.udp_socket.bind(udp::endpoint(address, port), ec);
        std::uint16_t bound = 0;
        if (!ec) bound = s.udp_socket.local_endpoint(ec).port();
        if (!ec) s.udp_socket.non_blocking(true, ec);
        if (!ec) s.acceptor.open(address.is_v4() ? tcp::v4() : tcp::v6(), ec);
        if (!ec) s.acceptor.set_option(asio::socket_base::reuse_address(true), ec);
        if (!ec) s.acceptor.bind(tcp::endpoint(address, bound), ec);
        if (!ec) s.acceptor.listen(asio::socket_base::max_listen_connections, ec);
        if (!ec) return ec;
        close_sockets(s);
        if (port != 0 || ec != asio::error::address_in_use) return ec;
    }
    return ec;
}

}  // namespace

DnsServer::DnsServer(asio::io_context& io, std::string host, std::uint16_t port, DnsServerLimits limits)
    : state_(std::make_shared<State>(io, limits)), host_(std::move(host)), port_(port) {}

DnsServer::~DnsServer() {
    stop();
}

std::error_code DnsServer::start() {
    State& s = *state_;
    if (s.udp_socket.is_open() || s.stopped) return error_code(asio::error::already_started);
    error_code ec;
    auto address = resolve_address(s.io, host_, ec);
    if (!address) return ec;
    ec = bind_both(s, *address, port_);
    if (ec) return ec;
    asio::co_spawn(s.io, udp_loop(state_), asio::detached);
    asio::co_spawn(s.io, accept_loop(state_), asio::detached);
    return {};
}

std::uint16_t DnsServer::local_port() const {
    error_code ec;
    auto endpoint = state_->udp_socket.local_endpoint(ec);
    return ec ? 0 : endpoint.port();
}

void DnsServer::apply(core::dns::DnsZoneSnapshotPtr snapshot) {
    DnsZoneIndexPtr compiled;
    if (snapshot) compiled = std::make_shared<const DnsZoneIndex>(*snapshot);
    std::lock_guard lock(state_->index_mutex);
    state_->index = std::move(compiled);
}

std::uint64_t DnsServer::snapshot_version() const {
    auto index = state_->current_index();
    return index ? index->version() : 0;
}

void DnsServer::stop() {
    State& s = *state_;
    if (s.stopped) return;
    s.stopped = true;
    close_sockets(s);
    s.accept_wait.cancel();
    s.udp_wait.cancel();
    error_code ignored;
    for (beast::tcp_stream* stream : s.streams) {
        stream->socket().shutdown(tcp::socket::shutdown_both, ignored);
        stream->close();
    }
}

std::size_t DnsServer::tcp_connection_count() const {
    return state_->open_connections;
}

}  // namespace ecsemu::net::dns
