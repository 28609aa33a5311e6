#include "emulator/api/wire/json_body.hpp"

#include "emulator/api/wire/text.hpp"

namespace ecsemu::api {

namespace {

core::AwsError serialization_error(std::string message) {
    return core::AwsError::client("SerializationException", std::move(message));
}

}  // namespace

bool json_nesting_within(std::string_view text, int max_depth) {
    int depth = 0;
    bool in_string = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (in_string) {
            if (c == '\\') {
                ++i;  // the escaped character cannot end the string
            } else if (c == '"') {
                in_string = false;
            }
            continue;
        }
        switch (c) {
            case '"':
                in_string = true;
                break;
            case '{':
            case '[':
                if (++depth > max_depth) return false;
                break;
            case '}':
            case ']':
                --depth;
                break;
            default:
                break;
        }
    }
    return true;
}

core::Result<nlohmann::json> parse_json_request_body(std::string_view body) {
    if (body.empty()) return nlohmann::json::object();
    if (!is_valid_utf8(body)) return serialization_error("Request body is not valid UTF-8");
    if (!json_nesting_within(body, kMaxJsonNestingDepth)) {
        return serialization_error("Request body is nested too deeply");
    }
    auto parsed = nlohmann::json::parse(body.begin(), body.end(), nullptr, /*allow_exceptions=*/false);
    if (parsed.is_discarded()) return serialization_error("Request body is not valid JSON");
    if (!parsed.is_object()) return serialization_error("Start of structure or map expected");
    return parsed;
}

std::string json_error_body(const core::AwsError& error) {
    nlohmann::json body = nlohmann::json::object();
    body["__type"] = error.code;
    if (!error.message.empty()) body["message"] = error.message;
    return dump_json(body);
}

std::string dump_json(const nlohmann::json& value) {
    return value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace ecsemu::api
