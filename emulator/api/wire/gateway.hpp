#pragma once
// The AWS front door: one HTTP endpoint for every emulated service. Routes a request by X-Amz-Target
// (JSON 1.0/1.1) or the form's Action (Query/EC2) and by the SigV4 credential scope (region, signing name),
// decodes parameters, calls the service, journals successful mutations, and encodes the response or the
// AWS-shaped error for that protocol. Not thread-safe: the control plane calls it from one thread.
//
// Error answers the gateway gives itself (services answer everything else):
//   JSON:       UnknownOperationException (unknown prefix/operation, unregistered service, no X-Amz-Target;
//               a method other than POST, a Content-Type other than application/x-amz-json-1.0/1.1 or
//               application/json, X-Amz-Target headers naming different operations),
//               SerializationException (body not UTF-8, not a JSON object, nested > 64 levels).
//   Query/EC2:  MissingAction, InvalidAction (unknown Action or unregistered service), NoSuchVersion,
//               MalformedQueryString (bad %-escapes, not UTF-8, names nested > 64 levels, more than
//               FormLimits::max_fields fields, list positions outside 1..FormLimits::max_list_index).
//               GET with the parameters in the query string is accepted, as AWS accepts it.
//   Bodies:     a Content-Encoding of gzip is undone first (the SDKs gzip large PutMetricData requests);
//               another coding or a broken gzip stream is the protocol's unreadable-body error
//               (SerializationException, MalformedQueryString).
//   Any:        RequestEntityTooLarge (413) above max_body_bytes, sent or decoded; InternalFailure (500) when a
//               service throws anything but a nlohmann::json exception (those are the caller's fault: a
//               parameter had the wrong type, 400 SerializationException / InvalidParameterValue).
//
// Journal policy: after a successful call whose operation mutates, the gateway appends the call to the
// journal before encoding the response. If the append fails the client gets 500 InternalFailure although the
// in-memory state already changed (a service cannot roll back); the change is then lost on restart, which is
// what the client was told could have happened. A service that throws half-way through a mutation is not
// journaled either. The JournalSink must be durable (fsync) when append returns Ok.
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "emulator/api/service.hpp"
#include "emulator/api/wire/wire_message.hpp"
#include "emulator/core/ids.hpp"

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
    std::size_t max_body_bytes = std::size_t{8} * 1024 * 1024;
    // Request ids are uuid-shaped and drawn from a counter, so runs are reproducible.
    std::uint64_t request_id_seed = 0x5eed'0000'0000'0001ULL;
};

struct ResponseContext;
struct ServiceRoute;

class Gateway {
public:
    // REQUIRES: `now` is callable; it is read once per request.
    Gateway(GatewayConfig config, std::function<core::Instant()> now);

    // Non-owning; the service must outlive the gateway. Keyed by its signing name; a later service with the
    // same signing name replaces the earlier one.
    void add_service(Service& service);
    // Optional; without a journal, state lives in memory only.
    void set_journal(JournalSink* journal) { journal_ = journal; }
    // Optional; called after every successful (and journaled) mutating call, before its response is encoded,
    // so whoever acts on the state (the engine) hears of the change. Not called by replay(): after a replay
    // the caller reconciles once. The hook must not throw.
    void set_after_mutation(std::function<void(const ApiCall&)> hook) { after_mutation_ = std::move(hook); }

    // Never throws; every malformed request gets a 4xx in the protocol's error shape.
    WireResponse handle(const WireRequest& request);

    // Re-executes one journaled record (as written through JournalSink::append) against current state, with
    // the recorded time, region, request id and params. The service's answer is ignored; the result is an
    // error only when the record cannot be decoded, names an unregistered service, or the service throws.
    core::Status replay(std::string_view record);

    // Drops every service's state. The journal is not touched: clear it first (FileJournal::clear), so a
    // crash in between restarts empty rather than replaying what the reset discarded.
    void reset();

    const GatewayConfig& config() const { return config_; }

private:
    struct Origin {
        std::string_view region;
        std::string_view signing_name;  // from the credential scope; empty when unsigned
    };

    WireResponse route(const WireRequest& request, const std::string& request_id);
    // `targets`: every X-Amz-Target header of the request, at least one of them not empty.
    WireResponse handle_json(const WireRequest& request, const std::vector<std::string_view>& targets,
                             const Origin& origin, const std::string& request_id);
    WireResponse handle_form(const WireRequest& request, const Origin& origin, const std::string& request_id);
    // The call a decoded JSON or form request makes, stamped with this request's time.
    ApiCall decoded_call(const ServiceRoute& route, std::string operation, const Origin& origin,
                         nlohmann::json params, const std::string& request_id) const;
    // Calls the service, journals a successful mutation, encodes the answer.
    WireResponse dispatch(Service& service, const ApiCall& call, const ResponseContext& context);
    Service* find_service(std::string_view signing_name) const;

    GatewayConfig config_;
    std::function<core::Instant()> now_;
    std::map<std::string, Service*, std::less<>> services_;
    JournalSink* journal_ = nullptr;
    std::function<void(const ApiCall&)> after_mutation_;
    core::IdSource request_ids_;
};

}  // namespace ecsemu::api
