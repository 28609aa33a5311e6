#include "emulator/api/wire/protocol_response.hpp"

#include "emulator/api/wire/json_body.hpp"
#include "emulator/api/wire/xml_writer.hpp"

namespace ecsemu::api {

namespace {

constexpr std::string_view kXmlContentType = "text/xml";

bool is_json(Protocol protocol) {
    return protocol == Protocol::Json10 || protocol == Protocol::Json11;
}

int error_status(const core::AwsError& error) {
    if (error.http_status >= 400 && error.http_status <= 599) return error.http_status;
    return error.http_status >= 500 ? 500 : 400;
}

WireResponse make_response(int status, std::string_view content_type, std::string_view request_id,
                           std::string body) {
    WireResponse response;
    response.status = status;
    response.headers.reserve(3);
    response.headers.emplace_back("Content-Type", content_type);
    response.headers.emplace_back("x-amzn-RequestId", request_id);
    response.body = std::move(body);
    return response;
}

std::string_view content_type_for(const ResponseContext& context) {
    if (!is_json(context.protocol)) return kXmlContentType;
    if (!context.json_content_type.empty()) return context.json_content_type;
    return json_content_type_of(context.protocol);
}

}  // namespace

std::string_view json_content_type_of(Protocol protocol) {
    return protocol == Protocol::Json10 ? "application/x-amz-json-1.0" : "application/x-amz-json-1.1";
}

WireResponse encode_success(const ResponseContext& context, const nlohmann::json& result) {
    const auto content_type = content_type_for(context);
    switch (context.protocol) {
        case Protocol::Json10:
        case Protocol::Json11:
            return make_response(200, content_type, context.request_id,
                                 result.is_null() ? std::string("{}") : dump_json(result));
        case Protocol::Query:
        case Protocol::Ec2:
            break;
    }
    if (!result.is_null() && !result.is_object()) {
        return encode_error(
            context, core::AwsError::server("InternalFailure", "The service returned a malformed result."));
    }
    auto body = context.protocol == Protocol::Query
                    ? query_success_xml(context.operation, context.xml_namespace, result, context.request_id)
                    : ec2_success_xml(context.operation, context.xml_namespace, result, context.request_id);
    return make_response(200, content_type, context.request_id, std::move(body));
}

WireResponse encode_error(const ResponseContext& context, const core::AwsError& error) {
    const auto content_type = content_type_for(context);
    const int status = error_status(error);
    switch (context.protocol) {
        case Protocol::Json10:
        case Protocol::Json11: {
            auto response = make_response(status, content_type, context.request_id, json_error_body(error));
            if (context.query_compatible_errors) {
                response.headers.emplace_back("x-amzn-query-error",
                                              error.code + (status < 500 ? ";Sender" : ";Receiver"));
            }
            return response;
        }
        case Protocol::Query:
            return make_response(status, content_type, context.request_id,
                                 query_error_xml(context.xml_namespace, error, context.request_id));
        case Protocol::Ec2:
            return make_response(status, content_type, context.request_id,
                                 ec2_error_xml(error, context.request_id));
    }
    return make_response(500, content_type, context.request_id, {});
}

}  // namespace ecsemu::api
