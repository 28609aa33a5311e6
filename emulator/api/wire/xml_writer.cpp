#include "emulator/api/wire/xml_writer.hpp"

#include <array>
#include <charconv>

namespace ecsemu::api {

namespace {

constexpr std::string_view kDeclaration = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
constexpr std::string_view kReplacementCharacter = "\xEF\xBF\xBD";

bool needs_escape(char c) {
    const auto u = static_cast<unsigned char>(c);
    return u < 0x20 || c == '&' || c == '<' || c == '>' || c == '"' || c == '\'';
}

void open_tag(std::string& out, std::string_view name) {
    out.push_back('<');
    out.append(name);
    out.push_back('>');
}

void close_tag(std::string& out, std::string_view name) {
    out.append("</");
    out.append(name);
    out.push_back('>');
}

void append_element(std::string& out, std::string_view name, std::string_view text) {
    open_tag(out, name);
    append_xml_escaped(out, text);
    close_tag(out, name);
}

template <class Number>
void append_number(std::string& out, Number value) {
    std::array<char, 64> buffer{};
    const auto [end, ec] = std::to_chars(buffer.data(), buffer.data() + buffer.size(), value);
    if (ec == std::errc()) out.append(buffer.data(), end);
}

void append_root_open(std::string& out, std::string_view name, std::string_view xml_namespace) {
    out.push_back('<');
    out.append(name);
    if (!xml_namespace.empty()) {
        out.append(" xmlns=\"");
        append_xml_escaped(out, xml_namespace);
        out.push_back('"');
    }
    out.push_back('>');
}

// Starts a success document: the declaration and the open <OpResponse>; returns the element's name.
std::string open_success_document(std::string& out, std::string_view operation,
                                  std::string_view xml_namespace) {
    out.reserve(256);
    out.append(kDeclaration);
    std::string response = std::string(operation) + "Response";
    append_root_open(out, response, xml_namespace);
    return response;
}

// Absent (null) and binary values have no XML form, so they leave out their element altogether.
void append_child_element(std::string& out, std::string_view name, const nlohmann::json& value,
                          XmlListStyle lists) {
    if (value.is_null() || value.is_binary()) return;
    open_tag(out, name);
    append_xml_value(out, value, lists);
    close_tag(out, name);
}

}  // namespace

void append_xml_escaped(std::string& out, std::string_view text) {
    std::size_t plain_start = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (!needs_escape(c)) continue;
        out.append(text.substr(plain_start, i - plain_start));
        plain_start = i + 1;
        switch (c) {
            case '&':
                out.append("&amp;");
                break;
            case '<':
                out.append("&lt;");
                break;
            case '>':
                out.append("&gt;");
                break;
            case '"':
                out.append("&quot;");
                break;
            case '\'':
                out.append("&apos;");
                break;
            case '\t':
                out.push_back('\t');
                break;
            case '\n':
                out.push_back('\n');
                break;
            case '\r':
                out.append("&#xD;");
                break;
            default:
                out.append(kReplacementCharacter);
                break;
        }
    }
    out.append(text.substr(plain_start));
}

void append_xml_value(std::string& out, const nlohmann::json& value, XmlListStyle lists) {
    switch (value.type()) {
        case nlohmann::json::value_t::object:
            for (const auto& [name, member] : value.get_ref<const nlohmann::json::object_t&>()) {
                append_child_element(out, name, member, lists);
            }
            break;
        case nlohmann::json::value_t::array: {
            const std::string_view element = lists == XmlListStyle::Member ? "member" : "item";
            for (const auto& item : value) append_child_element(out, element, item, lists);
            break;
        }
        case nlohmann::json::value_t::string:
            append_xml_escaped(out, value.get_ref<const std::string&>());
            break;
        case nlohmann::json::value_t::boolean:
            out.append(value.get<bool>() ? "true" : "false");
            break;
        case nlohmann::json::value_t::number_integer:
            append_number(out, value.get<std::int64_t>());
            break;
        case nlohmann::json::value_t::number_unsigned:
            append_number(out, value.get<std::uint64_t>());
            break;
        case nlohmann::json::value_t::number_float:
            append_number(out, value.get<double>());
            break;
        default:
            break;
    }
}

std::string query_success_xml(std::string_view operation, std::string_view xml_namespace,
                              const nlohmann::json& result, std::string_view request_id) {
    std::string out;
    const std::string response = open_success_document(out, operation, xml_namespace);
    if (!result.is_null()) {
        const std::string result_name = std::string(operation) + "Result";
        open_tag(out, result_name);
        append_xml_value(out, result, XmlListStyle::Member);
        close_tag(out, result_name);
    }
    out.append("<ResponseMetadata>");
    append_element(out, "RequestId", request_id);
    out.append("</ResponseMetadata>");
    close_tag(out, response);
    return out;
}

std::string ec2_success_xml(std::string_view operation, std::string_view xml_namespace,
                            const nlohmann::json& result, std::string_view request_id) {
    std::string out;
    const std::string response = open_success_document(out, operation, xml_namespace);
    append_element(out, "requestId", request_id);
    append_xml_value(out, result, XmlListStyle::Item);
    close_tag(out, response);
    return out;
}

std::string query_error_xml(std::string_view xml_namespace, const core::AwsError& error,
                            std::string_view request_id) {
    std::string out;
    out.append(kDeclaration);
    append_root_open(out, "ErrorResponse", xml_namespace);
    out.append("<Error>");
    append_element(out, "Type", error.is_client_error() ? "Sender" : "Receiver");
    append_element(out, "Code", error.code);
    append_element(out, "Message", error.message);
    out.append("</Error>");
    append_element(out, "RequestId", request_id);
    out.append("</ErrorResponse>");
    return out;
}

std::string ec2_error_xml(const core::AwsError& error, std::string_view request_id) {
    std::string out;
    out.append(kDeclaration);
    out.append("<Response><Errors><Error>");
    append_element(out, "Code", error.code);
    append_element(out, "Message", error.message);
    out.append("</Error></Errors>");
    append_element(out, "RequestID", request_id);
    out.append("</Response>");
    return out;
}

}  // namespace ecsemu::api
