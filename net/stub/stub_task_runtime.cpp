// Per-task records own their containers' servers and every Clock timer set on the task's behalf, so
// forgetting a task (after stop() or once every container has exited) cancels all of it at once. Server
// handlers and timer callbacks point at the task and container records directly: a record outlives its
// servers (closed before the record goes, and a stopped HttpServer calls no handler) and its timers
// (cancelled before the record goes).
#include "net/stub/stub_task_runtime.hpp"

#include <algorithm>
#include <chrono>
#include <functional>
#include <map>
#include <utility>
#include <variant>
#include <vector>

#include "net/stub/stub_behaviour.hpp"
#include "net/stub/stub_health.hpp"
#include "net/stub/stub_responses.hpp"
#include "net/stub/stub_usage.hpp"

namespace ecsemu::net {

namespace {

constexpr core::Duration kMinHealthCheckInterval = core::Duration::seconds(1);
constexpr std::string_view kCannotStart = "CannotStartContainerError: ";

using TimerToken = std::uint64_t;  // per task; maps to the Clock's TimerId

struct StubContainer {
    enum class Phase { Starting, Running, Exited };

    StubIdentity identity;
    StubBehaviour behaviour;
    std::string start_error;  // non-empty: the container cannot start, for this reason
    std::vector<int> ports;
    std::optional<core::ContainerHealthCheckSpec> health_check;
    std::optional<std::string> health_check_path;
    std::unique_ptr<StubUpstreamClient> upstream_client;  // with ECSEMU_STUB_UPSTREAM

    Phase phase = Phase::Starting;
    core::Instant running_since{};
    std::vector<std::unique_ptr<HttpServer>> servers;
    HealthCheckCounter health_counter;
    std::optional<TimerToken> start_timer;
    std::optional<TimerToken> exit_timer;
    std::optional<TimerToken> health_timer;
};

struct StubTask {
    std::string task_id;
    std::string private_ip;
    std::vector<std::unique_ptr<StubContainer>> containers;  // in task definition order
    StubTaskStats stats;
    int cpu_reservation_units = 0;
    std::chrono::steady_clock::time_point usage_since;  // start of the current usage window
    std::int64_t cpu_time_us_at_take = 0;               // stats.cpu_time_us when the window started
    int in_flight = 0;  // requests waiting out ECSEMU_STUB_LATENCY_MS or their upstream call
    bool stopping = false;
    std::optional<TimerToken> finish_timer;
    TimerToken last_token = 0;
    std::map<TimerToken, core::TimerId> timers;
};

std::unique_ptr<StubContainer> make_container(const core::TaskLaunch& launch,
                                              const core::ContainerLaunch& spec) {
    auto container = std::make_unique<StubContainer>();
    container->identity = StubIdentity{launch.task_arn, launch.family, launch.revision, spec.name};
    auto parsed = parse_stub_behaviour(spec.environment);
    if (auto* error = std::get_if<std::string>(&parsed)) {
        container->start_error = std::string(kCannotStart) + *error;
    } else {
        container->behaviour = std::get<StubBehaviour>(parsed);
    }
    container->ports = spec.container_ports;
    container->health_check = spec.health_check;
    if (spec.health_check) container->health_check_path = health_check_url_path(*spec.health_check);
    return container;
}

}  // namespace

struct StubTaskRuntime::Impl {
    Impl(boost::asio::io_context& context, core::Clock& c, core::TaskRuntimeObserver& o,
         StubRuntimeOptions opts)
        : io(context), clock(c), observer(o), options(std::move(opts)) {
        upstream_names.fixed = options.upstream_hosts;
    }

    boost::asio::io_context& io;
    core::Clock& clock;
    core::TaskRuntimeObserver& observer;
    StubRuntimeOptions options;
    StubUpstreamNames upstream_names;
    std::map<std::string, std::unique_ptr<StubTask>> tasks;

    TimerToken schedule(StubTask& task, core::Instant deadline, std::function<void()> callback) {
        TimerToken token = ++task.last_token;
        core::TimerId id = clock.schedule_at(deadline, [&task, token, callback = std::move(callback)] {
            task.timers.erase(token);
            callback();
        });
        task.timers.emplace(token, id);
        return token;
    }

    void cancel(StubTask& task, std::optional<TimerToken>& token) {
        if (!token) return;
        if (auto it = task.timers.find(*token); it != task.timers.end()) {
            clock.cancel(it->second);
            task.timers.erase(it);
        }
        token.reset();
    }

    void cancel_all(StubTask& task) {
        auto timers = std::move(task.timers);
        task.timers.clear();
        for (const auto& [token, id] : timers) clock.cancel(id);
    }

    void start(const core::TaskLaunch& launch) {
        if (tasks.count(launch.task_id) != 0) return;
        auto owned = std::make_unique<StubTask>();
        StubTask& task = *owned;
        task.task_id = launch.task_id;
        task.private_ip = launch.private_ip.empty() ? "127.0.0.1" : launch.private_ip;
        task.cpu_reservation_units = launch.cpu_units;
        task.usage_since = options.real_now();
        tasks.emplace(launch.task_id, std::move(owned));
        const core::Instant now = clock.now();
        for (const auto& spec : launch.containers) {
            task.containers.push_back(make_container(launch, spec));
            StubContainer& container = *task.containers.back();
            core::Duration delay =
                container.start_error.empty() ? container.behaviour.start_delay : core::Duration{};
            container.start_timer = schedule(task, now + delay, [this, &task, &container] {
                container.start_timer.reset();
                open_container(task, container);
            });
        }
    }

    void open_container(StubTask& task, StubContainer& container) {
        if (!container.start_error.empty()) {
            exit_container(task, container, kStubCannotStartExitCode, container.start_error);
            forget_if_all_exited(task);
            return;
        }
        for (int port : container.ports) {
            if (port < 1 || port > 65535) {
                fail_to_open(task, container, "container port " + std::to_string(port) + " is out of range");
                return;
            }
            auto server = std::make_unique<HttpServer>(
                io, task.private_ip, static_cast<std::uint16_t>(port),
                HttpDeferredHandler([this, &task, &container](HttpRequest& request, HttpResponder respond) {
                    handle_request(task, container, request, std::move(respond));
                }),
                options.limits);
            if (auto ec = server->start()) {
                fail_to_open(
                    task, container,
                    "cannot listen on " + task.private_ip + ":" + std::to_string(port) + ": " + ec.message());
                return;
            }
            container.servers.push_back(std::move(server));
        }
        if (container.behaviour.upstream)
            container.upstream_client = std::make_unique<StubUpstreamClient>(io);
        const core::Instant now = clock.now();
        container.phase = StubContainer::Phase::Running;
        container.running_since = now;
        if (container.behaviour.exit_after) {
            container.exit_timer =
                schedule(task, now + *container.behaviour.exit_after, [this, &task, &container] {
                    container.exit_timer.reset();
                    exit_container(task, container, container.behaviour.exit_code, "");
                    forget_if_all_exited(task);
                });
        }
        if (container.health_check)
            schedule_health_check(task, container, now + health_check_interval(container));
        observer.on_container_running(task.task_id, container.identity.container);
    }

    void fail_to_open(StubTask& task, StubContainer& container, const std::string& problem) {
        container.servers.clear();
        exit_container(task, container, kStubCannotStartExitCode, std::string(kCannotStart) + problem);
        forget_if_all_exited(task);
    }

    static core::Duration health_check_interval(const StubContainer& container) {
        return std::max(container.health_check->interval, kMinHealthCheckInterval);
    }

    void schedule_health_check(StubTask& task, StubContainer& container, core::Instant at) {
        container.health_timer = schedule(task, at, [this, &task, &container, at] {
            container.health_timer.reset();
            run_health_check(task, container, at);
        });
    }

    // Evaluated at the scheduled instant, not at the (possibly late) firing time, so a slow host does not
    // change the outcome.
    void run_health_check(StubTask& task, StubContainer& container, core::Instant at) {
        const auto& spec = *container.health_check;
        const core::Duration running_for = at - container.running_since;
        bool passed = stub_health_check_passes(container.behaviour, running_for, spec.timeout);
        auto step = record_health_check(container.health_counter, passed, running_for < spec.start_period,
                                        spec.retries);
        container.health_counter = step.counter;
        schedule_health_check(task, container, at + health_check_interval(container));
        if (step.changed)
            observer.on_container_health(task.task_id, container.identity.container, step.counter.health);
    }

    void handle_request(StubTask& task, StubContainer& container, HttpRequest& request,
                        HttpResponder respond) {
        ++task.stats.requests;
        // Load balancer health checks cost no modelled CPU: under --time-scale they arrive that many times
        // more often in real time, and would otherwise read as load.
        if (!request.header("User-Agent").starts_with("ELB-HealthChecker/"))
            task.stats.cpu_time_us += container.behaviour.cpu_us_per_request;
        bool failing = stub_is_failing(container.behaviour, clock.now() - container.running_since);
        if (!stub_calls_upstream(container.behaviour, container.health_check_path, request, failing)) {
            answer(task, container, request, std::move(respond), failing, std::nullopt);
            return;
        }
        ++task.in_flight;
        container.upstream_client->get(
            *container.behaviour.upstream, upstream_names,
            [this, &task, &container, request = std::move(request), respond](StubUpstreamAnswer reply) {
                --task.in_flight;
                answer(task, container, request, respond, false, upstream_json(reply));
                finish_if_drained(task);
            });
    }

    void answer(StubTask& task, StubContainer& container, const HttpRequest& request, HttpResponder respond,
                bool failing, const std::optional<std::string>& upstream) {
        HttpResponse response = answer_stub_request(container.identity, container.behaviour,
                                                    container.health_check_path, request, failing, upstream);
        const core::Duration latency = request_latency(container.behaviour, request);
        if (latency.ms <= 0) {
            respond(std::move(response));
            return;
        }
        ++task.in_flight;
        schedule(task, clock.now() + latency, [this, &task, response, respond]() mutable {
            --task.in_flight;
            respond(std::move(response));
            finish_if_drained(task);
        });
    }

    void finish_if_drained(StubTask& task) {
        if (!task.stopping || task.in_flight != 0) return;
        // Finish in a later dispatch: the connection first resumes and hands the answer to its socket
        // (Asio tries the write at once), so closing the servers does not cut it off.
        cancel(task, task.finish_timer);
        task.finish_timer = schedule(task, clock.now(), [this, &task] {
            task.finish_timer.reset();
            finish_stop(task);
        });
    }

    // Closes the container's servers and reports its exit. The task record stays: callers finish with
    // forget_if_all_exited() once they no longer touch it.
    void exit_container(StubTask& task, StubContainer& container, int exit_code, const std::string& reason) {
        if (container.phase == StubContainer::Phase::Exited) return;
        container.phase = StubContainer::Phase::Exited;
        container.servers.clear();
        cancel(task, container.start_timer);
        cancel(task, container.exit_timer);
        cancel(task, container.health_timer);
        observer.on_container_exited(task.task_id, container.identity.container, exit_code, reason);
    }

    void forget_if_all_exited(StubTask& task) {
        bool all_exited = std::all_of(task.containers.begin(), task.containers.end(),
                                      [](const auto& c) { return c->phase == StubContainer::Phase::Exited; });
        if (all_exited) forget(task);
    }

    void forget(StubTask& task) {
        for (auto& container : task.containers) container->servers.clear();
        cancel_all(task);
        const std::string task_id = task.task_id;  // the record, and its id, go with the erase
        tasks.erase(task_id);
    }

    std::vector<core::TaskUsage> take_usage() {
        const auto now = options.real_now();
        std::vector<core::TaskUsage> usage;
        usage.reserve(tasks.size());
        for (auto& [task_id, task] : tasks) {
            StubUsageWindow window;
            window.cpu_reservation_units = task->cpu_reservation_units;
            for (const auto& container : task->containers) {
                window.containers.push_back({container->phase == StubContainer::Phase::Running,
                                             container->behaviour.idle_cpu_percent,
                                             container->behaviour.memory_mib});
            }
            window.request_cpu_us = task->stats.cpu_time_us - task->cpu_time_us_at_take;
            window.elapsed_seconds = std::chrono::duration<double>(now - task->usage_since).count();
            usage.push_back(model_stub_usage(task_id, window));
            task->cpu_time_us_at_take = task->stats.cpu_time_us;
            task->usage_since = now;
        }
        return usage;
    }

    void stop(const std::string& task_id) {
        auto it = tasks.find(task_id);
        if (it == tasks.end() || it->second->stopping) return;
        StubTask& task = *it->second;
        task.stopping = true;
        for (auto& container : task.containers) {
            cancel(task, container->start_timer);
            cancel(task, container->exit_timer);
            cancel(task, container->health_timer);
        }
        core::Duration grace = task.in_flight > 0 ? options.stop_grace : core::Duration{};
        task.finish_timer = schedule(task, clock.now() + grace, [this, &task] {
            task.finish_timer.reset();
            finish_stop(task);
        });
    }

    // A container stopped before its ports opened never ran; it still reports, so the engine sees every
    // container of a stopped task exit. One whose behaviour could not be read reports that instead.
    void finish_stop(StubTask& task) {
        for (auto& container : task.containers) container->servers.clear();
        for (auto& container : task.containers) {
            bool never_started =
                container->phase == StubContainer::Phase::Starting && !container->start_error.empty();
            exit_container(task, *container, never_started ? kStubCannotStartExitCode : 0,
                           never_started ? container->start_error : std::string());
        }
        forget(task);
    }
};

StubTaskRuntime::StubTaskRuntime(boost::asio::io_context& io, core::Clock& clock,
                                 core::TaskRuntimeObserver& observer, StubRuntimeOptions options)
    : impl_(std::make_unique<Impl>(io, clock, observer, std::move(options))) {}

StubTaskRuntime::~StubTaskRuntime() {
    for (auto& [id, task] : impl_->tasks) {
        for (auto& container : task->containers) container->servers.clear();
        impl_->cancel_all(*task);
    }
}

void StubTaskRuntime::start(const core::TaskLaunch& launch) {
    impl_->start(launch);
}

void StubTaskRuntime::stop(const std::string& task_id) {
    impl_->stop(task_id);
}

std::optional<StubTaskStats> StubTaskRuntime::stats(const std::string& task_id) const {
    auto it = impl_->tasks.find(task_id);
    if (it == impl_->tasks.end()) return std::nullopt;
    return it->second->stats;
}

std::vector<core::TaskUsage> StubTaskRuntime::take_usage() {
    return impl_->take_usage();
}

void StubTaskRuntime::set_upstream_resolver(StubNameResolver resolver) {
    impl_->upstream_names.resolver = std::move(resolver);
}

std::size_t StubTaskRuntime::task_count() const {
    return impl_->tasks.size();
}

}  // namespace ecsemu::net
