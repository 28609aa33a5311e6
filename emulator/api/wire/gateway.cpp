#include "emulator/api/wire/gateway.hpp"

#include <algorithm>
#include <functional>
#include <optional>
#include <vector>

#include "emulator/api/wire/content_encoding.hpp"
#include "emulator/api/wire/journal_record.hpp"
#include "emulator/api/wire/json_body.hpp"
#include "emulator/api/wire/protocol_response.hpp"
#include "emulator/api/wire/query_form.hpp"
#include "emulator/api/wire/routing.hpp"

namespace ecsemu::api {

namespace {

bool is_json(Protocol protocol) {
    return protocol == Protocol::Json10 || protocol == Protocol::Json11;
}

std::string_view query_string_of(std::string_view target) {
    const auto question = target.find('?');
    if (question == std::string_view::npos) return {};
    auto query = target.substr(question + 1);
    return query.substr(0, query.find('#'));
}

core::AwsError body_too_large(std::size_t limit) {
    return core::AwsError{"RequestEntityTooLarge",
                          "Request body must be at most " + std::to_string(limit) + " bytes.", 413};
}

// The body with its Content-Encoding undone (the same text when there is none). A body that cannot be
// decoded gets the protocol's error for an unreadable body, `unreadable_code`.
core::Result<std::string> decoded_body(const WireRequest& request, std::size_t max_bytes,
                                       const char* unreadable_code) {
    DecodedBody decoded = decode_content(request.header("Content-Encoding"), request.body, max_bytes);
    switch (decoded.failure) {
        case BodyDecodeFailure::None:
            return std::move(decoded.text);
        case BodyDecodeFailure::TooLarge:
            return body_too_large(max_bytes);
        case BodyDecodeFailure::Unsupported:
        case BodyDecodeFailure::Malformed:
            break;
    }
    return core::AwsError::client(unreadable_code, "Request body could not be decoded: " + decoded.text);
}

// A nlohmann exception out of a service means a parameter did not have the type the service read it as:
// the caller's mistake (the model validator catches most of these earlier with AWS's own wording).
core::AwsError parameter_type_error(Protocol protocol, const char* what) {
    return core::AwsError::client(is_json(protocol) ? "SerializationException" : "InvalidParameterValue",
                                  std::string("Unexpected value type in payload (") + what + ")");
}

ApiResult invoke(Service& service, const ApiCall& call) {
    try {
        return service.call(call);
    } catch (const nlohmann::json::exception& e) {
        return parameter_type_error(call.protocol, e.what());
    } catch (const std::exception& e) {
        return core::AwsError::server("InternalFailure", std::string("Internal failure: ") + e.what());
    } catch (...) {
        return core::AwsError::server("InternalFailure", "Internal failure.");
    }
}

// AWS's JSON front ends find the operation from the method, the Content-Type and X-Amz-Target together. When
// they do not describe exactly one JSON-protocol call, the request never reaches an operation, so the answer
// is UnknownOperationException (what AWS sends, e.g., for a Kinesis call posted as application/octet-stream).
// SerializationException would claim that a body was read and found malformed, which it never was.
std::optional<core::AwsError> refuse_json_request(const WireRequest& request,
                                                  const std::vector<std::string_view>& targets,
                                                  BodyFormat format) {
    const auto unknown_operation = [](std::string message) {
        return core::AwsError::client("UnknownOperationException", std::move(message));
    };
    if (request.method != "POST") return unknown_operation("Requests with an X-Amz-Target must use POST.");
    if (std::adjacent_find(targets.begin(), targets.end(), std::not_equal_to<>()) != targets.end()) {
        return unknown_operation("The request has X-Amz-Target headers naming different operations.");
    }
    if (format != BodyFormat::AmzJson10 && format != BodyFormat::AmzJson11 &&
        format != BodyFormat::OtherJson) {
        return unknown_operation(
            "Requests with an X-Amz-Target must have Content-Type application/x-amz-json-1.1, "
            "application/x-amz-json-1.0 or application/json.");
    }
    return std::nullopt;
}

// Moves the last Action and Version out of the fields; the rest are the operation's params.
void take_action_and_version(std::vector<FormField>& fields, std::string& action, std::string& version) {
    for (auto& field : fields) {
        if (field.name == "Action") action = std::move(field.value);
        if (field.name == "Version") version = std::move(field.value);
    }
    std::erase_if(fields, [](const FormField& f) { return f.name == "Action" || f.name == "Version"; });
}

WireResponse last_resort_error(const std::string& request_id) {
    WireResponse response;
    response.status = 500;
    response.headers.emplace_back("Content-Type", "application/x-amz-json-1.1");
    response.headers.emplace_back("x-amzn-RequestId", request_id);
    response.body = R"({"__type":"InternalFailure","message":"Internal failure."})";
    return response;
}

}  // namespace

Gateway::Gateway(GatewayConfig config, std::function<core::Instant()> now)
    : config_(std::move(config)), now_(std::move(now)), request_ids_(config_.request_id_seed) {}

void Gateway::add_service(Service& service) {
    services_[std::string(service.signing_name())] = &service;
}

Service* Gateway::find_service(std::string_view signing_name) const {
    const auto it = services_.find(signing_name);
    return it == services_.end() ? nullptr : it->second;
}

WireResponse Gateway::handle(const WireRequest& request) {
    std::string request_id;
    try {
        request_id = request_ids_.uuid();
        return route(request, request_id);
    } catch (...) {
        // Only allocation failures get here: every decoder and the service call catch their own.
        try {
            return last_resort_error(request_id);
        } catch (...) {
            return WireResponse{500, {}, {}};
        }
    }
}

WireResponse Gateway::route(const WireRequest& request, const std::string& request_id) {
    Origin origin{config_.default_region, {}};
    if (const auto scope = parse_credential_scope(request.header("Authorization"))) {
        if (!scope->region.empty()) origin.region = scope->region;
        origin.signing_name = scope->signing_name;
    }
    const auto targets = request.header_values("X-Amz-Target");
    if (std::any_of(targets.begin(), targets.end(), [](std::string_view t) { return !t.empty(); })) {
        return handle_json(request, targets, origin, request_id);
    }

    const auto format = classify_content_type(request.header("Content-Type"));
    if (format == BodyFormat::AmzJson10 || format == BodyFormat::AmzJson11 ||
        format == BodyFormat::OtherJson) {
        ResponseContext context;
        context.protocol = format == BodyFormat::AmzJson10 ? Protocol::Json10 : Protocol::Json11;
        context.request_id = request_id;
        return encode_error(context, core::AwsError::client("UnknownOperationException", ""));
    }
    return handle_form(request, origin, request_id);
}

WireResponse Gateway::handle_json(const WireRequest& request, const std::vector<std::string_view>& targets,
                                  const Origin& origin, const std::string& request_id) {
    const auto target =
        *std::find_if(targets.begin(), targets.end(), [](std::string_view t) { return !t.empty(); });
    const auto parts = split_target(target);
    const auto service_route = route_for_target_prefix(parts.prefix);
    const auto format = classify_content_type(request.header("Content-Type"));

    ResponseContext context;
    context.protocol = service_route
                           ? service_route->protocol
                           : (format == BodyFormat::AmzJson10 ? Protocol::Json10 : Protocol::Json11);
    context.json_content_type = format == BodyFormat::AmzJson10   ? json_content_type_of(Protocol::Json10)
                                : format == BodyFormat::AmzJson11 ? json_content_type_of(Protocol::Json11)
                                                                  : json_content_type_of(context.protocol);
    context.query_compatible_errors = service_route && service_route->query_compatible_errors;
    context.request_id = request_id;

    if (auto refusal = refuse_json_request(request, targets, format)) return encode_error(context, *refusal);
    Service* service = service_route ? find_service(service_route->signing_name) : nullptr;
    if (service == nullptr || parts.operation.empty()) {
        return encode_error(context, core::AwsError::client("UnknownOperationException", ""));
    }
    if (request.body.size() > config_.max_body_bytes) {
        return encode_error(context, body_too_large(config_.max_body_bytes));
    }
    std::string_view body = request.body;
    std::string decoded;
    if (has_content_coding(request.header("Content-Encoding"))) {
        auto result = decoded_body(request, config_.max_body_bytes, "SerializationException");
        if (!result.ok()) return encode_error(context, result.error());
        decoded = std::move(result).value();
        body = decoded;
    }
    auto params = parse_json_request_body(body);
    if (!params.ok()) return encode_error(context, params.error());

    const ApiCall call = decoded_call(*service_route, std::string(parts.operation), origin,
                                      std::move(params).value(), request_id);
    context.operation = call.operation;
    return dispatch(*service, call, context);
}

WireResponse Gateway::handle_form(const WireRequest& request, const Origin& origin,
                                  const std::string& request_id) {
    const auto scope_route = form_route_for_signing_name(origin.signing_name);
    ResponseContext context;
    context.protocol = scope_route ? scope_route->protocol : Protocol::Query;
    context.xml_namespace = scope_route ? scope_route->xml_namespace : std::string_view();
    context.request_id = request_id;

    if (request.body.size() > config_.max_body_bytes) {
        return encode_error(context, body_too_large(config_.max_body_bytes));
    }
    std::vector<FormField> fields;
    auto decoded = append_form_fields(query_string_of(request.target), fields);
    const auto content_type = request.header("Content-Type");
    if (decoded.ok() && (content_type.empty() || classify_content_type(content_type) == BodyFormat::Form)) {
        if (has_content_coding(request.header("Content-Encoding"))) {
            auto body = decoded_body(request, config_.max_body_bytes, "MalformedQueryString");
            if (!body.ok()) return encode_error(context, body.error());
            decoded = append_form_fields(body.value(), fields);
        } else {
            decoded = append_form_fields(request.body, fields);
        }
    }
    if (!decoded.ok()) return encode_error(context, decoded.error());

    std::string action;
    std::string version;
    take_action_and_version(fields, action, version);
    const auto service_route = version.empty() ? scope_route : route_for_query_version(version);
    if (service_route) {
        context.protocol = service_route->protocol;
        context.xml_namespace = service_route->xml_namespace;
    }
    if (action.empty()) {
        return encode_error(
            context, core::AwsError::client("MissingAction",
                                            "The request is missing an action or a required parameter."));
    }
    if (!version.empty() && !service_route) {
        return encode_error(context,
                            core::AwsError::client("NoSuchVersion", "The requested version (" + version +
                                                                        ") of service is not supported."));
    }
    Service* service = service_route ? find_service(service_route->signing_name) : nullptr;
    if (service == nullptr) {
        return encode_error(
            context, core::AwsError::client("InvalidAction",
                                            "The action " + action + " is not valid for this web service."));
    }
    auto params = form_fields_to_tree(fields);
    if (!params.ok()) return encode_error(context, params.error());

    const ApiCall call =
        decoded_call(*service_route, std::move(action), origin, std::move(params).value(), request_id);
    context.operation = call.operation;
    return dispatch(*service, call, context);
}

ApiCall Gateway::decoded_call(const ServiceRoute& route, std::string operation, const Origin& origin,
                              nlohmann::json params, const std::string& request_id) const {
    ApiCall call;
    call.service = std::string(route.signing_name);
    call.operation = std::move(operation);
    call.region = std::string(origin.region);
    call.account_id = config_.account_id;
    call.protocol = route.protocol;
    call.params = std::move(params);
    call.now = now_();
    call.request_id = request_id;
    return call;
}

WireResponse Gateway::dispatch(Service& service, const ApiCall& call, const ResponseContext& context) {
    const ApiResult result = invoke(service, call);
    if (!result.ok()) return encode_error(context, result.error());
    const bool mutates = service.mutates(call.operation);
    if (journal_ != nullptr && mutates) {
        const auto appended = journal_->append(encode_journal_record(call));
        if (!appended.ok()) {
            if (after_mutation_) after_mutation_(call);  // the in-memory state changed all the same
            return encode_error(context,
                                core::AwsError::server("InternalFailure",
                                                       "The change was applied but could not be made "
                                                       "durable: " +
                                                           appended.error().message));
        }
    }
    if (mutates && after_mutation_) after_mutation_(call);
    return encode_success(context, result.value());
}

core::Status Gateway::replay(std::string_view record_text) {
    try {
        auto record = decode_journal_record(record_text);
        if (!record.ok()) return record.error();
        Service* service = find_service(record->service);
        if (service == nullptr) {
            return core::AwsError::server("InvalidJournalRecord",
                                          "Journal record names an unregistered service: " + record->service);
        }
        ApiCall call;
        call.service = std::move(record->service);
        call.operation = std::move(record->operation);
        call.region = std::move(record->region);
        call.account_id = config_.account_id;
        call.protocol = record->protocol;
        call.params = std::move(record->params);
        call.now = record->now;
        call.request_id = std::move(record->request_id);
        (void)service->call(call);
        return core::Ok{};
    } catch (const std::exception& e) {
        return core::AwsError::server("InternalFailure", std::string("Replay failed: ") + e.what());
    } catch (...) {
        return core::AwsError::server("InternalFailure", "Replay failed.");
    }
}

void Gateway::reset() {
    for (auto& [name, service] : services_) service->reset();
}

}  // namespace ecsemu::api
