#pragma once
// The AWS front door: one HTTP endpoint for every emulated service. Routes a request by X-Amz-Target
// (JSON 1.0/1.1) or the form's Action (Query/EC2) and by the SigV4 credential scope (region, signing name),
// decodes parameters, calls the service, journals successful mutations, and encodes the response or the
// AWS-shaped error for that protocol. Not thread-safe: the control plane calls it from one thread.
#include <functional>
#include <map>
#include <string>
#include <string_view>

#include "emulator/api/service.hpp"
#include "emulator/api/wire/wire_message.hpp"

namespace ecsemu::api {

// Where acknowledged mutations go before their response is sent (emulator/persist implements it with fsync).
class JournalSink {
public:
    virtual ~JournalSink() = default;
    // One self-contained record (a single line of JSON, no newline). Returns an error if it is not durable.
    virtual core::Status append(std::string_view record) = 0;
};

struct GatewayConfig {
    std::string default_region = "ap-southeast-1";
    std::string account_id = "000000000000";
    std::size_t max_body_bytes = 8 * 1024 * 1024;
};

class Gateway {
public:
    Gateway(GatewayConfig config, std::function<core::Instant()> now);

    // Non-owning; the service must outlive the gateway. Keyed by its signing name.
    void add_service(Service& service);
    // Optional; without a journal, state lives in memory only.
    void set_journal(JournalSink* journal) { journal_ = journal; }

    // Never throws; every malformed request gets a 4xx in the protocol's error shape.
    WireResponse handle(const WireRequest& request);

    // Re-executes one journaled record (as written through JournalSink::append) against current state.
    core::Status replay(std::string_view record);

    // Drops every service's state.
    void reset();

    const GatewayConfig& config() const { return config_; }

private:
    GatewayConfig config_;
    std::function<core::Instant()> now_;
    std::map<std::string, Service*, std::less<>> services_;
    JournalSink* journal_ = nullptr;
    std::uint64_t request_counter_ = 0;
};

}  // namespace ecsemu::api
