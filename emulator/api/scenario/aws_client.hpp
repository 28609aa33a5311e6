#pragma once
// Makes AWS API calls the way the SDKs do, through a Transport: the emulator's own front door in process
// (Gateway::handle) or a running server over HTTP. Requests are in the botocore input shape; JSON 1.1
// services get them as the body, Query and EC2 services as form fields named from the model (form_encoder).
// Answers come back as JSON: JSON bodies as they are, XML answers read by xml_tree (Query: the <XResult>
// element; EC2: the root element), errors as AwsError with the service's code and message.
#include <cstddef>
#include <functional>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "emulator/api/wire/wire_message.hpp"
#include "emulator/core/errors.hpp"

namespace ecsemu::api::scenario {

// One HTTP exchange. A transport failure (connection refused, timeout) is a WireResponse with status 0 and
// the reason in the body.
using Transport = std::function<WireResponse(const WireRequest&)>;

struct CallRecord {
    std::string service;    // scenario prefix: "ecs", "elbv2", ...
    std::string operation;  // "CreateService"
    bool ok = false;
};

class AwsClient {
public:
    AwsClient(Transport transport, std::string region);

    // service: a scenario prefix ("ecs", "ec2", "elbv2", "servicediscovery", "application-autoscaling").
    core::Result<nlohmann::json> call(std::string_view service, std::string_view operation,
                                      const nlohmann::json& request);

    const std::string& region() const { return region_; }
    // Every call made, in order (tests count the mutating ones).
    const std::vector<CallRecord>& calls() const { return calls_; }
    // Calls that succeeded and change state: anything but Describe*, List* and Get*.
    std::size_t mutating_calls() const;

private:
    Transport transport_;
    std::string region_;
    std::vector<CallRecord> calls_;
};

// True for operations that only read.
bool is_read_only_operation(std::string_view operation);

// The request as it goes on the wire (exposed for tests).
WireRequest build_wire_request(std::string_view service, std::string_view operation,
                               const nlohmann::json& request, const std::string& region);
// The answer as JSON, or the error it carries.
core::Result<nlohmann::json> decode_wire_response(std::string_view service, std::string_view operation,
                                                  const WireResponse& response);

}  // namespace ecsemu::api::scenario
