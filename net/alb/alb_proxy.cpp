// Control side of the proxy: threads, publication of routing states, listener reconciliation and traffic
// harvesting. Accept loops and connections run on the proxy threads (proxy_connection.cpp).
#include "net/alb/alb_proxy.hpp"

#include <condition_variable>
#include <exception>
#include <future>
#include <map>
#include <mutex>
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
#include "net/alb/proxy_connection.hpp"
#include "net/alb/proxy_worker.hpp"

namespace ecsemu::net::alb {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;
using error_code = boost::system::error_code;

namespace {

constexpr std::chrono::milliseconds kAcceptErrorPause{50};
constexpr std::chrono::seconds kStopGrace{2};

// One listening socket on one proxy thread.
struct AcceptSlot {
    AcceptSlot(tcp::acceptor a, std::string arn) : acceptor(std::move(a)), listener_arn(std::move(arn)) {}
    tcp::acceptor acceptor;
    std::string listener_arn;
    bool closed = false;

    void close() {
        closed = true;
        error_code ignored;
        acceptor.close(ignored);
    }
};

struct ListenerRuntime {
    ListenerEndpoint endpoint;
    std::vector<std::shared_ptr<AcceptSlot>> slots;  // slots[i] belongs to worker i (may be closed)
};

asio::awaitable<void> serve(ProxyWorker& worker, tcp::socket socket, std::string listener_arn) {
    try {
        ProxyConnection connection(worker, std::move(socket), std::move(listener_arn));
        co_await connection.run();
    } catch (const std::exception&) {
        // Only allocation failure gets here; dropping the connection is the right outcome.
    }
}

asio::awaitable<void> accept_loop(ProxyWorker& worker, std::shared_ptr<AcceptSlot> slot) {
    std::optional<asio::steady_timer> pause;
    while (!slot->closed && !worker.stopping) {
        error_code ec;
        tcp::socket socket =
            co_await slot->acceptor.async_accept(asio::redirect_error(asio::use_awaitable, ec));
        if (slot->closed || worker.stopping) break;
        if (ec) {
            // Out of descriptors, most likely: wait instead of spinning.
            if (!pause) pause.emplace(worker.io);
            pause->expires_after(kAcceptErrorPause);
            co_await pause->async_wait(asio::redirect_error(asio::use_awaitable, ec));
            continue;
        }
        socket.set_option(tcp::no_delay(true), ec);
        asio::co_spawn(worker.io, serve(worker, std::move(socket), slot->listener_arn), asio::detached);
    }
}

}  // namespace

struct AlbProxy::Impl {
    explicit Impl(std::size_t threads) {
        if (threads == 0) threads = 1;
        for (std::size_t i = 0; i < threads; ++i) {
            workers.push_back(std::make_unique<ProxyWorker>(i, publisher));
            contexts.push_back(&workers.back()->io);
            guards.emplace_back(workers.back()->io.get_executor());
        }
        for (auto& worker : workers) {
            threads_.emplace_back([this, w = worker.get()] {
                w->io.run();
                std::lock_guard lock(finished_mutex);
                ++finished;
                finished_changed.notify_all();
            });
        }
    }

    // Runs fn on worker i's thread and waits for it.
    void run_on(std::size_t i, const std::function<void()>& fn) {
        std::promise<void> done;
        asio::post(workers[i]->io, [&] {
            fn();
            done.set_value();
        });
        done.get_future().wait();
    }

    void close_listener(ListenerRuntime& listener) {
        for (std::size_t i = 0; i < listener.slots.size(); ++i) {
            auto slot = listener.slots[i];
            if (stopped) {
                slot->close();
            } else {
                // The port must be free when apply() returns, so the close happens now, on the slot's thread.
                run_on(i, [slot] { slot->close(); });
            }
        }
        listener.slots.clear();
    }

    void open_listener(const core::alb::SnapshotListener& listener) {
        BoundListener bound;
        if (bind_listener(contexts, listener.bind_host, listener.port, bound)) return;
        ListenerRuntime runtime;
        runtime.endpoint =
            ListenerEndpoint{listener.listener_arn,
                             listener.load_balancer_arn,
                             listener.bind_host,
                             listener.port,
                             bound.port,
                             "http://" + listener.bind_host + ":" + std::to_string(bound.port)};
        for (std::size_t i = 0; i < bound.acceptors.size(); ++i) {
            auto slot = std::make_shared<AcceptSlot>(std::move(bound.acceptors[i]), listener.listener_arn);
            runtime.slots.push_back(slot);
            if (!slot->acceptor.is_open()) continue;
            ProxyWorker& worker = *workers[i];
            asio::post(worker.io, [&worker, slot] {
                asio::co_spawn(worker.io, accept_loop(worker, slot), asio::detached);
            });
        }
        listeners.emplace(listener.listener_arn, std::move(runtime));
    }

    void reconcile(const core::alb::RoutingSnapshot& snapshot) {
        std::map<std::string, const core::alb::SnapshotListener*> wanted;
        for (const auto& listener : snapshot.listeners) wanted.emplace(listener.listener_arn, &listener);
        for (auto it = listeners.begin(); it != listeners.end();) {
            auto found = wanted.find(it->first);
            bool keep = found != wanted.end() && found->second->bind_host == it->second.endpoint.host &&
                        found->second->port == it->second.endpoint.requested_port;
            if (keep) {
                ++it;
                continue;
            }
            close_listener(it->second);
            it = listeners.erase(it);
        }
        for (const auto& [arn, listener] : wanted) {
            if (!listeners.count(arn)) open_listener(*listener);
        }
    }

    void stop() {
        if (stopped) return;
        stopped = true;
        std::vector<std::vector<std::shared_ptr<AcceptSlot>>> slots_by_worker(workers.size());
        for (auto& [arn, listener] : listeners) {
            for (std::size_t i = 0; i < listener.slots.size(); ++i)
                slots_by_worker[i].push_back(listener.slots[i]);
        }
        for (std::size_t i = 0; i < workers.size(); ++i) {
            ProxyWorker& worker = *workers[i];
            asio::post(worker.io, [&worker, slots = std::move(slots_by_worker[i])] {
                worker.stopping = true;
                for (const auto& slot : slots) slot->close();
                auto open = worker.connections;  // shutdown() may not unregister yet, but copy anyway
                for (ProxyConnection* connection : open) connection->shutdown();
                worker.pool.clear();
            });
        }
        guards.clear();
        {
            std::unique_lock lock(finished_mutex);
            if (!finished_changed.wait_for(lock, kStopGrace, [&] { return finished == workers.size(); })) {
                // Something still waits (it should not): abandon it; its frames die with the io_context.
                for (auto& worker : workers) worker->io.stop();
            }
        }
        for (auto& thread : threads_) thread.join();
        threads_.clear();
        for (auto& worker : workers) worker->pool.clear();
        listeners.clear();
    }

    RoutingPublisher publisher;
    std::vector<std::unique_ptr<ProxyWorker>> workers;
    std::vector<asio::io_context*> contexts;
    std::vector<asio::executor_work_guard<asio::io_context::executor_type>> guards;
    std::vector<std::thread> threads_;
    std::mutex finished_mutex;
    std::condition_variable finished_changed;
    std::size_t finished = 0;

    mutable std::mutex control_mutex;
    std::map<std::string, ListenerRuntime> listeners;           // by listener ARN
    std::vector<std::shared_ptr<RoutingState>> counted_states;  // every state that may still count traffic
    bool stopped = false;
};

AlbProxy::AlbProxy(std::size_t threads) : impl_(std::make_unique<Impl>(threads)) {}

AlbProxy::~AlbProxy() {
    stop();
}

void AlbProxy::apply(core::alb::RoutingSnapshotPtr snapshot) {
    if (!snapshot) return;
    std::lock_guard lock(impl_->control_mutex);
    if (impl_->stopped) return;
    auto state = std::make_shared<RoutingState>(snapshot, impl_->workers.size());
    impl_->counted_states.push_back(state);
    impl_->publisher.publish(std::move(state));
    impl_->reconcile(*snapshot);
}

std::vector<ListenerEndpoint> AlbProxy::listeners() const {
    std::lock_guard lock(impl_->control_mutex);
    std::vector<ListenerEndpoint> out;
    for (const auto& [arn, listener] : impl_->listeners) out.push_back(listener.endpoint);
    return out;
}

core::alb::TrafficSample AlbProxy::take_traffic() {
    std::lock_guard lock(impl_->control_mutex);
    core::alb::TrafficSample sample;
    auto& states = impl_->counted_states;
    for (auto it = states.begin(); it != states.end();) {
        // Held by nobody else: no thread can count into it any more once harvested.
        bool retired = it->use_count() == 1;
        (*it)->harvest_into(sample);
        it = retired ? states.erase(it) : it + 1;
    }
    return sample;
}

void AlbProxy::stop() {
    std::lock_guard lock(impl_->control_mutex);
    impl_->stop();
}

std::size_t AlbProxy::thread_count() const {
    return impl_->workers.size();
}

}  // namespace ecsemu::net::alb
