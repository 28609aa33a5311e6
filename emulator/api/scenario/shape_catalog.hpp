#pragma once
// The botocore input shapes of the services a scenario may call, from the generated tables
// (emulator/api/model/*_input_shapes.cpp), with both names of every member: the one request bodies use and
// the form name the Query and EC2 protocols send (locationName / queryName).
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

namespace ecsemu::api::scenario {

enum class WireProtocol { Json11, Query, Ec2 };

// How one scenario service prefix ("ecs", "elbv2", ...) is reached on the wire.
struct ServiceWire {
    std::string_view prefix;        // as written in a resource type: "elbv2"
    std::string_view signing_name;  // SigV4 scope: "elasticloadbalancing"
    WireProtocol protocol = WireProtocol::Json11;
    std::string_view target_prefix;  // JSON: X-Amz-Target prefix
    std::string_view api_version;    // Query/EC2: the form's Version
};

// Null for a prefix no scenario can use.
const ServiceWire* find_service_wire(std::string_view prefix);

class ShapeCatalog {
public:
    // The process-wide catalog; the generated documents are parsed on first use of each service.
    static const ShapeCatalog& instance();

    // The operation's input shape name, or empty when the service has no generated model (its requests are
    // then sent unchecked) or the model lacks the operation.
    std::string input_shape(std::string_view service_prefix, std::string_view operation) const;
    // True when shapes of this service are known at all.
    bool has_model(std::string_view service_prefix) const;
    // The shape's compact description (see tools/gen_api_shapes.py), or null JSON when unknown.
    const nlohmann::json& shape(std::string_view service_prefix, std::string_view name) const;

private:
    const nlohmann::json* document(std::string_view service_prefix) const;
};

}  // namespace ecsemu::api::scenario
