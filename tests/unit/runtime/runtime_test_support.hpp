#pragma once
// Fixtures for task runtime tests: an observer that records what the runtime reported (with the emulated
// time of each report), a small HTTP client that runs on the same io_context as the runtime, and bounded
// run loops. Everything runs on the test's thread: no locks, and every wait has a real-time bound.
#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <boost/asio/io_context.hpp>

#include "emulator/core/ports.hpp"
#include "emulator/core/task_runtime.hpp"

namespace ecsemu::test {

struct RuntimeEvent {
    enum class Kind { Running, Exited, Health };
    Kind kind;
    std::string task_id;
    std::string container;
    int exit_code = 0;
    std::string reason;
    core::ContainerHealth health = core::ContainerHealth::Unknown;
    core::Instant at;
};

class RecordingObserver final : public core::TaskRuntimeObserver {
public:
    explicit RecordingObserver(const core::Clock& clock) : clock_(clock) {}

    void on_container_running(const std::string& task_id, const std::string& container) override;
    void on_container_exited(const std::string& task_id, const std::string& container, int exit_code,
                             const std::string& reason) override;
    void on_container_health(const std::string& task_id, const std::string& container,
                             core::ContainerHealth health) override;

    const std::vector<RuntimeEvent>& events() const { return events_; }
    std::size_t count(RuntimeEvent::Kind kind) const;
    std::optional<RuntimeEvent> first(RuntimeEvent::Kind kind, const std::string& task_id) const;
    // "running web/app", "exited web/app 0", "health web/app HEALTHY": compact lines for whole-trace checks.
    std::vector<std::string> trace() const;

    // Runs extra code inside a report, as an engine reacting synchronously would.
    std::function<void(const RuntimeEvent&)> on_event;

private:
    void record(RuntimeEvent event);
    const core::Clock& clock_;
    std::vector<RuntimeEvent> events_;
};

// Runs io until done() holds or the bound passes; true when done() holds.
bool run_until(boost::asio::io_context& io, const std::function<bool()>& done,
               std::chrono::milliseconds bound = std::chrono::seconds(5));

// Runs io for a short real-time slice (lets pending work happen without waiting for a condition).
void run_for(boost::asio::io_context& io, std::chrono::milliseconds slice);

// A 127.x.y.z address unlikely to be used by anything else on the host, including a concurrent run of the
// same test binary: the second octet comes from the process id, the rest from n (0..65000).
std::string test_ip(int n);

struct HttpExchange {
    bool finished = false;  // connection closed after a response, or failed
    bool connect_failed = false;
    int status = 0;
    std::string body;
    std::string raw;  // everything the server sent
};

// Sends "GET target" with Connection: close from the io_context and collects the answer.
std::shared_ptr<HttpExchange> start_get(boost::asio::io_context& io, const std::string& ip, int port,
                                        const std::string& target, const std::string& extra_headers = {});

// start_get + run_until finished.
HttpExchange get(boost::asio::io_context& io, const std::string& ip, int port, const std::string& target,
                 const std::string& extra_headers = {});

}  // namespace ecsemu::test
