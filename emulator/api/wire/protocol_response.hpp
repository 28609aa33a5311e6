#pragma once
// Encodes a service's result or error as the HTTP response of the request's protocol.
//   JSON 1.0/1.1: 200 + result JSON; errors {"__type","message"} with the error's status. Both carry
//                 x-amzn-RequestId. Query-compatible services (CloudWatch over JSON) add x-amzn-query-error.
//   Query/EC2:    text/xml envelopes from xml_writer.hpp; x-amzn-RequestId as well (AWS sends it).
#include <nlohmann/json.hpp>
#include <string_view>

#include "emulator/api/service.hpp"
#include "emulator/api/wire/wire_message.hpp"
#include "emulator/core/errors.hpp"

namespace ecsemu::api {

struct ResponseContext {
    Protocol protocol = Protocol::Json11;
    std::string_view operation;
    std::string_view xml_namespace;      // Query/EC2
    std::string_view json_content_type;  // JSON: echoes the request's family
    bool query_compatible_errors = false;
    std::string_view request_id;
};

std::string_view json_content_type_of(Protocol protocol);

// A null result is {} for JSON and "no <OpResult>" for Query. For XML protocols a result that is neither an
// object nor null is a service bug and becomes a 500 InternalFailure.
WireResponse encode_success(const ResponseContext& context, const nlohmann::json& result);

WireResponse encode_error(const ResponseContext& context, const core::AwsError& error);

}  // namespace ecsemu::api
