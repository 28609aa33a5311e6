// c-ares does the DNS client work (retransmission, TC -> TCP retry, answer matching); this file only lends
// it an event loop. c-ares reports each socket it opens and what it wants from it through sock_state_cb;
// each such socket gets a stream_descriptor whose async_wait calls ares_process_fd, and one steady_timer
// follows ares_timeout. c-ares owns the descriptors: they are released, never closed, here.
#include "net/dns/ares_resolver.hpp"

#include <ares.h>
#include <arpa/inet.h>
#include <netdb.h>

#include <algorithm>
#include <atomic>
#include <mutex>
#include <unordered_map>
#include <utility>

#include <boost/asio/dispatch.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/posix/stream_descriptor.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>

#include "net/dns/dns_message.hpp"

namespace ecsemu::net::dns {

namespace asio = boost::asio;
using boost::system::error_code;

namespace {

class AresCategory : public std::error_category {
public:
    const char* name() const noexcept override { return "c-ares"; }
    std::string message(int status) const override { return ares_strerror(status); }
};

std::error_code ares_error(int status) {
    return {status, ares_error_category()};
}

void initialise_library_once() {
    static std::once_flag once;
    std::call_once(once, [] { ares_library_init(ARES_LIB_INIT_ALL); });
}

std::string join_servers(const std::vector<std::string>& nameservers) {
    std::string csv;
    for (const auto& server : nameservers) {
        if (!csv.empty()) csv += ',';
        csv += server;
    }
    return csv;
}

std::vector<std::string> parse_addresses(const unsigned char* answer, int length, int& status) {
    std::vector<std::string> addresses;
    hostent* host = nullptr;
    status = ares_parse_a_reply(answer, length, &host, nullptr, nullptr);
    if (status != ARES_SUCCESS) return addresses;
    for (char** entry = host->h_addr_list; entry != nullptr && *entry != nullptr; ++entry) {
        char text[INET_ADDRSTRLEN] = {};
        if (inet_ntop(AF_INET, *entry, text, sizeof text) != nullptr) addresses.emplace_back(text);
    }
    ares_free_hostent(host);
    return addresses;
}

std::vector<SrvAnswer> parse_services(const unsigned char* answer, int length, int& status) {
    std::vector<SrvAnswer> services;
    ares_srv_reply* reply = nullptr;
    status = ares_parse_srv_reply(answer, length, &reply);
    if (status != ARES_SUCCESS) return services;
    for (const ares_srv_reply* entry = reply; entry != nullptr; entry = entry->next) {
        services.push_back(SrvAnswer{entry->priority, entry->weight, entry->port, entry->host});
    }
    ares_free_data(reply);
    return services;
}

}  // namespace

const std::error_category& ares_error_category() {
    static const AresCategory category;
    return category;
}

bool is_name_not_found(const std::error_code& ec) {
    return ec == ares_error(ARES_ENOTFOUND);
}

bool is_no_data(const std::error_code& ec) {
    return ec == ares_error(ARES_ENODATA);
}

bool is_refused(const std::error_code& ec) {
    return ec == ares_error(ARES_EREFUSED);
}

bool is_timeout(const std::error_code& ec) {
    return ec == ares_error(ARES_ETIMEOUT);
}

struct AresResolver::Impl : std::enable_shared_from_this<Impl> {
    using Strand = asio::strand<asio::io_context::executor_type>;

    struct Watch {
        Watch(const Strand& strand, ares_socket_t socket) : descriptor(strand), fd(socket) {}
        asio::posix::stream_descriptor descriptor;
        ares_socket_t fd;
        bool want_read = false;
        bool want_write = false;
        bool reading = false;
        bool writing = false;
        bool released = false;
    };

    struct Lookup {
        Impl* owner;  // the channel that holds this lookup belongs to owner, so owner outlives it
        LookupType type;
        AddressCallback on_addresses;
        SrvCallback on_services;
    };

    explicit Impl(asio::io_context& io) : strand(asio::make_strand(io)), timer(strand) {}
    ~Impl() { close_channel(); }

    void init(const std::vector<std::string>& nameservers, const AresResolverOptions& options) {
        initialise_library_once();
        ares_options settings{};
        settings.flags = ARES_FLAG_NOCHECKRESP;  // REFUSED reaches the caller instead of a retry loop
        if (options.use_tcp) settings.flags |= ARES_FLAG_USEVC;
        if (options.edns) settings.flags |= ARES_FLAG_EDNS;
        settings.timeout =
            static_cast<int>(std::max<std::chrono::milliseconds::rep>(options.timeout.count(), 1));
        settings.tries = std::max(options.tries, 1);
        settings.sock_state_cb = &Impl::on_socket_state;
        settings.sock_state_cb_data = this;
        int mask = ARES_OPT_FLAGS | ARES_OPT_TIMEOUTMS | ARES_OPT_TRIES | ARES_OPT_SOCK_STATE_CB;
        int status = ares_init_options(&channel, &settings, mask);
        if (status != ARES_SUCCESS) {
            channel = nullptr;
            init_error = ares_error(status);
            return;
        }
        std::string servers = join_servers(nameservers);
        status = servers.empty() ? ARES_EBADSTR : ares_set_servers_ports_csv(channel, servers.c_str());
        if (status != ARES_SUCCESS) {
            init_error = ares_error(status);
            close_channel();
        }
    }

    // On the strand.
    void start(std::string name, LookupType type, AddressCallback on_addresses, SrvCallback on_services) {
        if (abandoned) return;
        if (init_error) {
            deliver(type, init_error, {}, {}, std::move(on_addresses), std::move(on_services));
            return;
        }
        auto* lookup = new Lookup{this, type, std::move(on_addresses), std::move(on_services)};
        int rr = type == LookupType::A ? rr_type::kA : rr_type::kSrv;
        ares_query(channel, name.c_str(), rr_class::kIn, rr, &Impl::on_answer, lookup);
        update_timer();
    }

    // Callbacks always run from the strand's queue, never inside c-ares, so a callback may start lookups or
    // destroy the resolver.
    void deliver(LookupType type, std::error_code ec, std::vector<std::string> addresses,
                 std::vector<SrvAnswer> services, AddressCallback on_addresses, SrvCallback on_services) {
        asio::post(strand, [self = shared_from_this(), type, ec, addresses = std::move(addresses),
                            services = std::move(services), on_addresses = std::move(on_addresses),
                            on_services = std::move(on_services)]() mutable {
            if (self->abandoned) return;
            if (type == LookupType::A) {
                if (on_addresses) on_addresses(ec, std::move(addresses));
            } else if (on_services) {
                on_services(ec, std::move(services));
            }
        });
    }

    static void on_answer(void* argument, int status, int /*timeouts*/, unsigned char* answer, int length) {
        std::unique_ptr<Lookup> lookup(static_cast<Lookup*>(argument));
        Impl& self = *lookup->owner;
        if (status == ARES_EDESTRUCTION || self.abandoned) return;
        std::vector<std::string> addresses;
        std::vector<SrvAnswer> services;
        if (status == ARES_SUCCESS) {
            if (lookup->type == LookupType::A) {
                addresses = parse_addresses(answer, length, status);
            } else {
                services = parse_services(answer, length, status);
            }
        }
        std::error_code ec = status == ARES_SUCCESS ? std::error_code() : ares_error(status);
        self.deliver(lookup->type, ec, std::move(addresses), std::move(services),
                     std::move(lookup->on_addresses), std::move(lookup->on_services));
    }

    static void on_socket_state(void* data, ares_socket_t fd, int readable, int writable) {
        auto& self = *static_cast<Impl*>(data);
        if (!readable && !writable) {
            self.forget(fd);
            return;
        }
        auto& watch = self.watches[fd];
        if (!watch) {
            watch = std::make_shared<Watch>(self.strand, fd);
            error_code ec;
            watch->descriptor.assign(fd, ec);
            if (ec) {
                // Unwatchable: the lookup times out through ares_timeout instead of hanging.
                self.watches.erase(fd);
                return;
            }
        }
        watch->want_read = readable != 0;
        watch->want_write = writable != 0;
        self.arm(watch);
    }

    void arm(const std::shared_ptr<Watch>& watch) {
        if (closed || watch->released) return;
        if (watch->want_read && !watch->reading) {
            watch->reading = true;
            watch->descriptor.async_wait(asio::posix::descriptor_base::wait_read,
                                         [self = shared_from_this(), watch](const error_code& ec) {
                                             watch->reading = false;
                                             self->on_ready(watch, ec, true);
                                         });
        }
        if (watch->want_write && !watch->writing) {
            watch->writing = true;
            watch->descriptor.async_wait(asio::posix::descriptor_base::wait_write,
                                         [self = shared_from_this(), watch](const error_code& ec) {
                                             watch->writing = false;
                                             self->on_ready(watch, ec, false);
                                         });
        }
    }

    void on_ready(const std::shared_ptr<Watch>& watch, const error_code& ec, bool readable) {
        if (closed || watch->released || ec == asio::error::operation_aborted) return;
        ares_socket_t fd = watch->fd;
        ares_process_fd(channel, readable ? fd : ARES_SOCKET_BAD, readable ? ARES_SOCKET_BAD : fd);
        // After an error the socket is left to c-ares' own timeout rather than waited on again in a loop.
        if (!ec) arm(watch);
        update_timer();
    }

    void forget(ares_socket_t fd) {
        auto found = watches.find(fd);
        if (found == watches.end()) return;
        found->second->released = true;
        found->second->descriptor.release();  // cancels the waits; c-ares closes the socket
        watches.erase(found);
    }

    void update_timer() {
        if (closed) return;
        timeval wait{};
        if (ares_timeout(channel, nullptr, &wait) == nullptr) {
            timer.cancel();
            return;
        }
        auto delay = std::chrono::seconds(wait.tv_sec) + std::chrono::microseconds(wait.tv_usec);
        timer.expires_after(delay);
        timer.async_wait([self = shared_from_this()](const error_code& ec) {
            if (ec == asio::error::operation_aborted || self->closed) return;
            ares_process_fd(self->channel, ARES_SOCKET_BAD, ARES_SOCKET_BAD);
            self->update_timer();
        });
    }

    // The resolver is gone: no callback may run any more.
    void abandon() {
        abandoned = true;
        close_channel();
    }

    void close_channel() {
        if (closed) return;
        closed = true;
        timer.cancel();
        if (channel != nullptr) ares_destroy(channel);  // calls on_answer with ARES_EDESTRUCTION, forget()
        channel = nullptr;
        for (auto& [fd, watch] : watches) {
            watch->released = true;
            watch->descriptor.release();
        }
        watches.clear();
    }

    Strand strand;
    asio::steady_timer timer;
    ares_channel channel = nullptr;
    std::error_code init_error;
    bool closed = false;                 // no channel (any more)
    std::atomic<bool> abandoned{false};  // the AresResolver was destroyed (possibly on another thread)
    std::unordered_map<ares_socket_t, std::shared_ptr<Watch>> watches;
};

AresResolver::AresResolver(asio::io_context& io, std::vector<std::string> nameservers,
                           AresResolverOptions options)
    : impl_(std::make_shared<Impl>(io)) {
    impl_->init(nameservers, options);
}

AresResolver::~AresResolver() {
    impl_->abandoned = true;  // callbacks already queued on the strand see it before they run
    asio::dispatch(impl_->strand, [impl = impl_] { impl->abandon(); });
}

std::error_code AresResolver::init_error() const {
    return impl_->init_error;
}

void AresResolver::resolve_a(std::string name, AddressCallback callback) {
    asio::dispatch(impl_->strand,
                   [impl = impl_, name = std::move(name), callback = std::move(callback)]() mutable {
                       impl->start(std::move(name), LookupType::A, std::move(callback), nullptr);
                   });
}

void AresResolver::resolve_srv(std::string name, SrvCallback callback) {
    asio::dispatch(impl_->strand,
                   [impl = impl_, name = std::move(name), callback = std::move(callback)]() mutable {
                       impl->start(std::move(name), LookupType::Srv, nullptr, std::move(callback));
                   });
}

LookupResult resolve_blocking(const std::vector<std::string>& nameservers, const std::string& name,
                              LookupType type, AresResolverOptions options) {
    LookupResult result;
    asio::io_context io;
    auto resolver = std::make_unique<AresResolver>(io, nameservers, options);
    if (auto error = resolver->init_error()) {
        result.error = error;
        return result;
    }
    bool done = false;
    if (type == LookupType::A) {
        resolver->resolve_a(name, [&](std::error_code ec, std::vector<std::string> addresses) {
            result.error = ec;
            result.addresses = std::move(addresses);
            done = true;
        });
    } else {
        resolver->resolve_srv(name, [&](std::error_code ec, std::vector<SrvAnswer> services) {
            result.error = ec;
            result.services = std::move(services);
            done = true;
        });
    }
    // c-ares gives up by itself after tries x servers timeouts (plus a TCP retry); the deadline only guards
    // against a lookup that never completes.
    auto servers = static_cast<long>(std::max<std::size_t>(nameservers.size(), 1));
    auto budget = options.timeout * std::max(options.tries, 1) * servers * 2 + std::chrono::seconds(1);
    auto deadline = std::chrono::steady_clock::now() + budget;
    while (!done && std::chrono::steady_clock::now() < deadline && !io.stopped()) io.run_one_until(deadline);
    if (!done) result.error = ares_error(ARES_ETIMEOUT);
    resolver.reset();
    io.restart();
    io.poll();  // lets the resolver shut its channel down on its strand
    return result;
}

}  // namespace ecsemu::net::dns
