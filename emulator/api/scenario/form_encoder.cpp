#include "emulator/api/scenario/form_encoder.hpp"

namespace ecsemu::api::scenario {
namespace {

using nlohmann::json;

class Encoder {
public:
    Encoder(std::string_view service, WireProtocol protocol, FormFields& out)
        : service_(service), protocol_(protocol), catalog_(ShapeCatalog::instance()), out_(out) {}

    void encode(const json& value, const std::string& shape_name, const std::string& prefix) {
        const json& shape = catalog_.shape(service_, shape_name);
        const std::string type = shape.is_object() ? shape.value("type", "") : std::string();
        if (value.is_object() && (type == "structure" || type.empty())) {
            encode_structure(value, shape, prefix);
        } else if (value.is_object() && type == "map") {
            encode_map(value, shape, prefix);
        } else if (value.is_array()) {
            encode_list(value, shape.is_object() ? shape.value("member", "") : std::string(), prefix);
        } else if (!value.is_null()) {
            out_.emplace_back(prefix, scalar_text(value));
        }
    }

private:
    void encode_structure(const json& value, const json& shape, const std::string& prefix) {
        const json* members = nullptr;
        const json* wire_names = nullptr;
        if (shape.is_object()) {
            if (auto it = shape.find("members"); it != shape.end()) members = &*it;
            if (auto it = shape.find("wire_names"); it != shape.end()) wire_names = &*it;
        }
        for (const auto& [key, child] : value.items()) {
            if (child.is_null()) continue;
            std::string name = key;
            if (wire_names != nullptr) {
                if (auto it = wire_names->find(key); it != wire_names->end()) name = it->get<std::string>();
            }
            std::string member_shape;
            if (members != nullptr) {
                if (auto it = members->find(key); it != members->end()) member_shape = it->get<std::string>();
            }
            encode(child, member_shape, prefix.empty() ? name : prefix + "." + name);
        }
    }

    void encode_list(const json& value, const std::string& element_shape, const std::string& prefix) {
        if (value.empty()) {
            if (protocol_ == WireProtocol::Query) out_.emplace_back(prefix, "");
            return;
        }
        const std::string stem = protocol_ == WireProtocol::Query ? prefix + ".member." : prefix + ".";
        for (std::size_t i = 0; i < value.size(); ++i)
            encode(value[i], element_shape, stem + std::to_string(i + 1));
    }

    void encode_map(const json& value, const json& shape, const std::string& prefix) {
        const std::string value_shape = shape.value("value", "");
        std::size_t n = 0;
        for (const auto& [key, child] : value.items()) {
            const std::string entry = prefix + ".entry." + std::to_string(++n);
            out_.emplace_back(entry + ".key", key);
            encode(child, value_shape, entry + ".value");
        }
    }

    static std::string scalar_text(const json& value) {
        if (value.is_string()) return value.get<std::string>();
        if (value.is_boolean()) return value.get<bool>() ? "true" : "false";
        return value.dump();
    }

    std::string_view service_;
    WireProtocol protocol_;
    const ShapeCatalog& catalog_;
    FormFields& out_;
};

}  // namespace

FormFields encode_form(std::string_view service_prefix, std::string_view operation, WireProtocol protocol,
                       const nlohmann::json& request) {
    FormFields fields;
    Encoder encoder(service_prefix, protocol, fields);
    encoder.encode(request, ShapeCatalog::instance().input_shape(service_prefix, operation), "");
    return fields;
}

std::string percent_encode(std::string_view text) {
    static constexpr char kHex[] = "0123456789ABCDEF";
    std::string out;
    out.reserve(text.size());
    for (unsigned char c : text) {
        const bool unreserved = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                                c == '-' || c == '_' || c == '.' || c == '~';
        if (unreserved) {
            out.push_back(static_cast<char>(c));
        } else {
            out.push_back('%');
            out.push_back(kHex[c >> 4]);
            out.push_back(kHex[c & 0x0F]);
        }
    }
    return out;
}

std::string form_body(std::string_view operation, std::string_view version, const FormFields& fields) {
    std::string body = "Action=" + percent_encode(operation) + "&Version=" + percent_encode(version);
    for (const auto& [name, value] : fields) body += "&" + percent_encode(name) + "=" + percent_encode(value);
    return body;
}

}  // namespace ecsemu::api::scenario
