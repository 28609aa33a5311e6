#pragma once
// The contract between the AWS front door (emulator/api/wire) and each emulated AWS service.
// A service sees decoded parameters and returns a JSON tree or an AwsError; it knows nothing of HTTP,
// of wire protocols or of the journal.
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "emulator/core/errors.hpp"
#include "emulator/core/time.hpp"

namespace ecsemu::api {

enum class Protocol { Json10, Json11, Query, Ec2 };

struct ApiCall {
    std::string service;    // SigV4 signing name: ecs, ec2, sts, elasticloadbalancing, monitoring, ...
    std::string operation;  // e.g. "CreateCluster"
    std::string region;     // from the credential scope; default region when unsigned
    std::string account_id;
    Protocol protocol = Protocol::Json11;
    // JSON protocols: the request body. Query/EC2: the form decoded into a tree (see wire/query_form.hpp):
    // "A.member.1=x" -> {"A": ["x"]}, "A.B=y" -> {"A": {"B": "y"}}, every scalar a string.
    nlohmann::json params;
    core::Instant now;
    std::string request_id;
};

// JSON protocols: the response body. Query/EC2: a tree the XML writer serialises (objects are elements,
// arrays are lists of <member> or <item>, strings/numbers/booleans are text).
using ApiResult = core::Result<nlohmann::json>;

class Service {
public:
    virtual ~Service() = default;
    // SigV4 signing name this service answers to (credential scope's 4th field).
    virtual std::string_view signing_name() const = 0;
    // Unknown operations return the service's unknown-operation error (UnknownOperationException for JSON
    // services, InvalidAction for Query/EC2 ones).
    virtual ApiResult call(const ApiCall& call) = 0;
    // True when a successful call of this operation changes state; such calls are journaled before the
    // response is sent and replayed on restart, so they must be deterministic given (state, call).
    virtual bool mutates(std::string_view operation) const = 0;
    // Drop every region's state (POST /_ecsemu/reset).
    virtual void reset() = 0;
};

}  // namespace ecsemu::api
