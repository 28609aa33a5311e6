// Control side of the Service Connect proxy: threads, publication of routing states, listener
// reconciliation and traffic harvesting. Connections run on the proxy threads (sc_connection.cpp).
#include "net/service_connect/service_connect_proxy.hpp"

#include <algorithm>
#include <exception>
#include <functional>
#include <future>
#include <list>
#include <map>
#include <mutex>
#include <optional>
#include <thread>
#include <utility>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "net/alb/listener_binding.hpp"
#include "net/service_connect/sc_connection.hpp"

namespace ecsemu::net::service_connect {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;
using error_code = boost::system::error_code;
namespace sc = core::service_connect;

namespace {

constexpr std::chrono::milliseconds kAcceptRetryPause{50};
constexpr std::chrono::seconds kJoinGrace{2};

// A listener's socket on one proxy thread.
struct ScAcceptor {
    ScAcceptor(tcp::acceptor s, std::string k, std::shared_ptr<ListenerGauges> g)
        : socket(std::move(s)), key(std::move(k)), gauges(std::move(g)) {}
    tcp::acceptor socket;
    std::string key;
    std::shared_ptr<ListenerGauges> gauges;
    bool open = true;

    void close() {
        open = false;
        error_code ignored;
        socket.close(ignored);
    }
};

asio::awaitable<void> serve_client(ScWorker& worker, tcp::socket socket, std::shared_ptr<ScAcceptor> from) {
    try {
        ScConnection connection(worker, std::move(socket), from->key, from->gauges);
        co_await connection.run();
    } catch (const std::exception&) {
        // Allocation failure: dropping the connection is all that can be done.
    }
}

asio::awaitable<void> accept_clients(ScWorker& worker, std::shared_ptr<ScAcceptor> acceptor) {
    for (;;) {
        error_code ec;
        tcp::socket client =
            co_await acceptor->socket.async_accept(asio::redirect_error(asio::use_awaitable, ec));
        if (!acceptor->open || worker.stopping) co_return;
        if (!ec) {
            client.set_option(tcp::no_delay(true), ec);
            asio::co_spawn(worker.io, serve_client(worker, std::move(client), acceptor), asio::detached);
            continue;
        }
        // Out of descriptors, most likely: back off instead of spinning.
        asio::steady_timer pause(worker.io, kAcceptRetryPause);
        co_await pause.async_wait(asio::redirect_error(asio::use_awaitable, ec));
    }
}

struct ListenerRuntime {
    ScListenerEndpoint endpoint;
    std::vector<std::shared_ptr<ScAcceptor>> acceptors;  // acceptors[i] belongs to worker i
};

// Connection counts by listener key; they outlive the listener until harvested and unused.
struct GaugeEntry {
    std::string discovery_name;
    std::shared_ptr<ListenerGauges> gauges;
};

}  // namespace

struct ServiceConnectProxy::Impl {
    explicit Impl(std::size_t thread_count) {
        for (std::size_t i = 0; i < std::max<std::size_t>(thread_count, 1); ++i) {
            workers.push_back(std::make_unique<ScWorker>(i, publisher));
            contexts.push_back(&workers.back()->io);
            guards.emplace_back(workers.back()->io.get_executor());
        }
        for (auto& worker : workers) {
            auto& done = finished.emplace_back();
            finished_futures.push_back(done.get_future());
            threads.emplace_back([w = worker.get(), &done] {
                w->io.run();
                done.set_value();
            });
        }
    }

    void on_worker(std::size_t i, const std::function<void()>& fn) {
        std::promise<void> ran;
        asio::post(workers[i]->io, [&] {
            fn();
            ran.set_value();
        });
        ran.get_future().wait();
    }

    void close(ListenerRuntime& listener) {
        for (std::size_t i = 0; i < listener.acceptors.size(); ++i) {
            // Closed on its own thread, and now: the port must be free when apply() returns.
            on_worker(i, [acceptor = listener.acceptors[i]] { acceptor->close(); });
        }
        listener.acceptors.clear();
    }

    void open(const std::string& key, const sc::ScAlias& alias) {
        alb::BoundListener bound;
        if (alb::bind_listener(contexts, alias.vip, alias.port, bound)) return;
        auto& gauge = gauges[key];
        gauge.discovery_name = alias.discovery_name;
        if (!gauge.gauges) gauge.gauges = std::make_shared<ListenerGauges>();
        ListenerRuntime runtime;
        runtime.endpoint = ScListenerEndpoint{
            alias.dns_name, alias.discovery_name, alias.vip,
            alias.port,     bound.port,           "http://" + alias.vip + ":" + std::to_string(bound.port)};
        for (std::size_t i = 0; i < bound.acceptors.size(); ++i) {
            auto acceptor = std::make_shared<ScAcceptor>(std::move(bound.acceptors[i]), key, gauge.gauges);
            runtime.acceptors.push_back(acceptor);
            if (!acceptor->socket.is_open()) continue;
            ScWorker& worker = *workers[i];
            asio::post(worker.io, [&worker, acceptor] {
                asio::co_spawn(worker.io, accept_clients(worker, acceptor), asio::detached);
            });
        }
        listeners.emplace(key, std::move(runtime));
    }

    void reconcile(const sc::ServiceConnectSnapshot& snapshot) {
        std::map<std::string, const sc::ScAlias*> wanted;
        for (const auto& alias : snapshot.aliases)
            wanted.emplace(listener_key(alias.vip, alias.port), &alias);
        for (auto it = listeners.begin(); it != listeners.end();) {
            if (auto found = wanted.find(it->first); found != wanted.end()) {
                // Same address: the listener stays; names may have changed.
                it->second.endpoint.dns_name = found->second->dns_name;
                it->second.endpoint.discovery_name = found->second->discovery_name;
                if (auto gauge = gauges.find(it->first); gauge != gauges.end())
                    gauge->second.discovery_name = found->second->discovery_name;
                ++it;
                continue;
            }
            close(it->second);
            it = listeners.erase(it);
        }
        for (const auto& [key, alias] : wanted) {
            if (!listeners.count(key)) open(key, *alias);
        }
    }

    void shutdown() {
        if (stopped) return;
        stopped = true;
        for (std::size_t i = 0; i < workers.size(); ++i) {
            std::vector<std::shared_ptr<ScAcceptor>> mine;
            for (auto& [key, listener] : listeners) {
                if (i < listener.acceptors.size()) mine.push_back(listener.acceptors[i]);
            }
            ScWorker& worker = *workers[i];
            asio::post(worker.io, [&worker, mine = std::move(mine)] {
                worker.stopping = true;
                for (const auto& acceptor : mine) acceptor->close();
                auto open_connections = worker.connections;
                for (ScConnection* connection : open_connections) connection->shutdown();
                worker.pool.clear();
            });
        }
        guards.clear();
        auto deadline = std::chrono::steady_clock::now() + kJoinGrace;
        for (auto& future : finished_futures) {
            if (future.wait_until(deadline) != std::future_status::ready) {
                // Something still waits (it should not): abandon it; its frames die with the io_context.
                for (auto& worker : workers) worker->io.stop();
                break;
            }
        }
        for (auto& thread : threads) thread.join();
        threads.clear();
        for (auto& worker : workers) worker->pool.clear();
        listeners.clear();
    }

    ScPublisher publisher;
    std::vector<std::unique_ptr<ScWorker>> workers;
    std::vector<asio::io_context*> contexts;
    std::vector<asio::executor_work_guard<asio::io_context::executor_type>> guards;
    std::list<std::promise<void>> finished;  // a list: the threads hold references into it
    std::vector<std::future<void>> finished_futures;
    std::vector<std::thread> threads;

    mutable std::mutex control_mutex;
    std::map<std::string, ListenerRuntime> listeners;  // by listener_key(vip, port)
    std::map<std::string, GaugeEntry> gauges;          // by listener_key(vip, port)
    std::shared_ptr<ScRoutingState> latest;
    std::vector<std::shared_ptr<ScRoutingState>> counted_states;  // every state that may still count
    bool stopped = false;
};

ServiceConnectProxy::ServiceConnectProxy(std::size_t threads) : impl_(std::make_unique<Impl>(threads)) {}

ServiceConnectProxy::~ServiceConnectProxy() {
    stop();
}

void ServiceConnectProxy::apply(sc::ServiceConnectSnapshotPtr snapshot) {
    if (!snapshot) return;
    std::lock_guard lock(impl_->control_mutex);
    if (impl_->stopped) return;
    static const ScRoutingState::HealthRecords kNoRecords;
    auto state = std::make_shared<ScRoutingState>(
        snapshot, impl_->workers.size(), impl_->latest ? impl_->latest->health_records() : kNoRecords);
    impl_->latest = state;
    impl_->counted_states.push_back(state);
    impl_->publisher.publish(state);
    impl_->reconcile(*snapshot);
}

std::vector<ScListenerEndpoint> ServiceConnectProxy::listeners() const {
    std::lock_guard lock(impl_->control_mutex);
    std::vector<ScListenerEndpoint> out;
    for (const auto& [key, listener] : impl_->listeners) out.push_back(listener.endpoint);
    return out;
}

std::map<std::string, sc::ScTraffic> ServiceConnectProxy::take_traffic() {
    std::lock_guard lock(impl_->control_mutex);
    std::map<std::string, sc::ScTraffic> traffic;
    auto& states = impl_->counted_states;
    for (auto it = states.begin(); it != states.end();) {
        // Held by nobody else: no thread can count into it any more once harvested.
        bool retired = it->use_count() == 1;
        (*it)->harvest_into(traffic);
        it = retired ? states.erase(it) : it + 1;
    }
    for (auto it = impl_->gauges.begin(); it != impl_->gauges.end();) {
        auto& entry = traffic[it->second.discovery_name];
        auto& gauges = *it->second.gauges;
        entry.new_connections += gauges.new_connections.exchange(0, std::memory_order_relaxed);
        auto active = gauges.active_connections.load(std::memory_order_relaxed);
        entry.active_connections += static_cast<std::uint64_t>(std::max<std::int64_t>(active, 0));
        bool unused = it->second.gauges.use_count() == 1 && active <= 0;
        it = unused ? impl_->gauges.erase(it) : std::next(it);
    }
    return traffic;
}

void ServiceConnectProxy::stop() {
    std::lock_guard lock(impl_->control_mutex);
    impl_->shutdown();
}

std::size_t ServiceConnectProxy::thread_count() const {
    return impl_->workers.size();
}

}  // namespace ecsemu::net::service_connect
