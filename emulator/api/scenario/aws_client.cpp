#include "emulator/api/scenario/aws_client.hpp"

#include "emulator/api/scenario/form_encoder.hpp"
#include "emulator/api/scenario/json_match.hpp"
#include "emulator/api/scenario/shape_catalog.hpp"
#include "emulator/api/scenario/xml_tree.hpp"

namespace ecsemu::api::scenario {
namespace {

using nlohmann::json;

core::AwsError error_of(int status, std::string code, std::string message) {
    core::AwsError error{std::move(code), std::move(message), status};
    if (error.code.empty()) error.code = "HTTP" + std::to_string(status);
    return error;
}

core::Result<json> decode_json(const WireResponse& response) {
    const json body = json::parse(response.body.empty() ? std::string("{}") : response.body, nullptr, false);
    if (body.is_discarded()) return error_of(response.status, "InvalidResponse", "answer is not JSON");
    if (response.status >= 200 && response.status < 300) return body;
    std::string code = text_of(body, "__type");
    if (const auto hash = code.rfind('#'); hash != std::string::npos) code = code.substr(hash + 1);
    std::string message = text_of(body, "message");
    if (message.empty()) message = text_of(body, "Message");
    return error_of(response.status, std::move(code), std::move(message));
}

core::Result<json> decode_xml(WireProtocol protocol, std::string_view operation,
                              const WireResponse& response) {
    auto doc = parse_xml(response.body);
    if (!doc) return error_of(response.status, "InvalidResponse", "answer is not XML");
    if (response.status < 200 || response.status >= 300) {
        // Query: <ErrorResponse><Error>...; EC2: <Response><Errors><Error>...
        const json* error = member(doc->root, "Error");
        if (error == nullptr) error = member_path(doc->root, "Errors.Error");
        if (error == nullptr) error = member_path(doc->root, "Errors.0");
        const json none = json::object();
        const json& found = error != nullptr ? *error : none;
        return error_of(response.status, text_of(found, "Code"), text_of(found, "Message"));
    }
    if (protocol == WireProtocol::Query) {
        const json* result = member(doc->root, std::string(operation) + "Result");
        return result != nullptr && result->is_object() ? *result : json::object();
    }
    return doc->root.is_object() ? doc->root : json::object();
}

}  // namespace

bool is_read_only_operation(std::string_view operation) {
    return operation.rfind("Describe", 0) == 0 || operation.rfind("List", 0) == 0 ||
           operation.rfind("Get", 0) == 0 || operation.rfind("Discover", 0) == 0;
}

WireRequest build_wire_request(std::string_view service, std::string_view operation, const json& request,
                               const std::string& region) {
    const ServiceWire* wire = find_service_wire(service);
    WireRequest out;
    out.method = "POST";
    out.target = "/";
    const std::string signing(wire != nullptr ? wire->signing_name : service);
    // Unsigned in substance (ecsemu does not verify signatures), but the scope carries the region.
    out.headers.emplace_back("Authorization", "AWS4-HMAC-SHA256 Credential=ecsemu/20260101/" + region + "/" +
                                                  signing + "/aws4_request, SignedHeaders=host, Signature=0");
    if (wire == nullptr || wire->protocol == WireProtocol::Json11) {
        out.headers.emplace_back("Content-Type", "application/x-amz-json-1.1");
        out.headers.emplace_back(
            "X-Amz-Target",
            std::string(wire != nullptr ? wire->target_prefix : service) + "." + std::string(operation));
        out.body = request.is_null() ? std::string("{}") : request.dump();
        return out;
    }
    out.headers.emplace_back("Content-Type", "application/x-www-form-urlencoded; charset=utf-8");
    out.body =
        form_body(operation, wire->api_version, encode_form(service, operation, wire->protocol, request));
    return out;
}

core::Result<json> decode_wire_response(std::string_view service, std::string_view operation,
                                        const WireResponse& response) {
    if (response.status == 0) return error_of(0, "TransportError", response.body);
    const ServiceWire* wire = find_service_wire(service);
    if (wire == nullptr || wire->protocol == WireProtocol::Json11) return decode_json(response);
    return decode_xml(wire->protocol, operation, response);
}

AwsClient::AwsClient(Transport transport, std::string region)
    : transport_(std::move(transport)), region_(std::move(region)) {}

core::Result<json> AwsClient::call(std::string_view service, std::string_view operation,
                                   const json& request) {
    const WireResponse response = transport_(build_wire_request(service, operation, request, region_));
    auto decoded = decode_wire_response(service, operation, response);
    calls_.push_back(CallRecord{std::string(service), std::string(operation), decoded.ok()});
    return decoded;
}

std::size_t AwsClient::mutating_calls() const {
    std::size_t count = 0;
    for (const auto& call : calls_) count += call.ok && !is_read_only_operation(call.operation) ? 1 : 0;
    return count;
}

}  // namespace ecsemu::api::scenario
