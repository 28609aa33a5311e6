#include "emulator/api/wire/query_form.hpp"

#include <algorithm>
#include <cstdint>
#include <optional>

#include "emulator/api/wire/json_body.hpp"
#include "emulator/api/wire/text.hpp"

namespace ecsemu::api {

namespace {

core::AwsError malformed(std::string message) {
    return core::AwsError::client("MalformedQueryString", std::move(message));
}

int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

// Intermediate tree keyed by name segments; children keep first-seen order.
struct FormChild;
struct FormNode {
    std::optional<std::string> value;
    std::vector<FormChild> children;

    FormNode& child(std::string_view name);
    const FormNode* find(std::string_view name) const;
};
struct FormChild {
    std::string name;
    FormNode node;
};

FormNode& FormNode::child(std::string_view name) {
    // Fields of one list item usually arrive together, so the newest child is the likely match.
    for (auto it = children.rbegin(); it != children.rend(); ++it) {
        if (it->name == name) return it->node;
    }
    children.push_back(FormChild{std::string(name), FormNode{}});
    return children.back().node;
}

const FormNode* FormNode::find(std::string_view name) const {
    for (const auto& c : children) {
        if (c.name == name) return &c.node;
    }
    return nullptr;
}

std::optional<std::uint32_t> list_position(std::string_view segment) {
    if (segment.empty() || segment.size() > 9) return std::nullopt;
    std::uint32_t n = 0;
    for (const char c : segment) {
        if (c < '0' || c > '9') return std::nullopt;
        n = n * 10 + static_cast<std::uint32_t>(c - '0');
    }
    return n;
}

bool all_list_positions(const std::vector<FormChild>& children) {
    return !children.empty() && std::all_of(children.begin(), children.end(), [](const FormChild& c) {
        return list_position(c.name).has_value();
    });
}

nlohmann::json to_json(FormNode& node);

nlohmann::json to_array(std::vector<FormChild>& children) {
    std::vector<std::pair<std::uint32_t, FormNode*>> ordered;
    ordered.reserve(children.size());
    for (auto& c : children) ordered.emplace_back(*list_position(c.name), &c.node);
    std::stable_sort(ordered.begin(), ordered.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    nlohmann::json array = nlohmann::json::array();
    for (auto& [position, child] : ordered) array.push_back(to_json(*child));
    return array;
}

// A.entry.N.key / A.entry.N.value; nullopt when some entry has no key (then it is an ordinary structure).
std::optional<nlohmann::json> to_map(std::vector<FormChild>& entries) {
    for (const auto& e : entries) {
        const FormNode* key = e.node.find("key");
        if (key == nullptr || !key->value || !key->children.empty()) return std::nullopt;
    }
    nlohmann::json map = nlohmann::json::object();
    for (auto& e : entries) {
        const std::string& key = *e.node.find("key")->value;
        FormNode* value = nullptr;
        for (auto& c : e.node.children) {
            if (c.name == "value") value = &c.node;
        }
        map[key] = value != nullptr ? to_json(*value) : nlohmann::json("");
    }
    return map;
}

nlohmann::json to_json(FormNode& node) {
    auto& children = node.children;
    if (children.empty()) return nlohmann::json(node.value ? std::move(*node.value) : std::string());
    if (all_list_positions(children)) return to_array(children);
    if (children.size() == 1 && all_list_positions(children[0].node.children)) {
        if (children[0].name == "member") return to_array(children[0].node.children);
        if (children[0].name == "entry") {
            if (auto map = to_map(children[0].node.children)) return std::move(*map);
        }
    }
    nlohmann::json object = nlohmann::json::object();
    for (auto& c : children) object[c.name] = to_json(c.node);
    return object;
}

}  // namespace

bool percent_decode(std::string_view encoded, std::string& out) {
    out.clear();
    out.reserve(encoded.size());
    for (std::size_t i = 0; i < encoded.size(); ++i) {
        const char c = encoded[i];
        if (c == '+') {
            out.push_back(' ');
        } else if (c == '%') {
            if (i + 2 >= encoded.size()) return false;
            const int high = hex_value(encoded[i + 1]);
            const int low = hex_value(encoded[i + 2]);
            if (high < 0 || low < 0) return false;
            out.push_back(static_cast<char>(high * 16 + low));
            i += 2;
        } else {
            out.push_back(c);
        }
    }
    return true;
}

core::Status append_form_fields(std::string_view encoded, std::vector<FormField>& fields) {
    while (!encoded.empty()) {
        const auto amp = encoded.find('&');
        const auto pair = encoded.substr(0, amp);
        encoded = amp == std::string_view::npos ? std::string_view() : encoded.substr(amp + 1);
        if (pair.empty()) continue;
        const auto eq = pair.find('=');
        FormField field;
        if (!percent_decode(pair.substr(0, eq), field.name)) return malformed("Malformed percent-encoding");
        if (field.name.empty()) continue;
        if (eq != std::string_view::npos && !percent_decode(pair.substr(eq + 1), field.value)) {
            return malformed("Malformed percent-encoding");
        }
        if (!is_valid_utf8(field.name) || !is_valid_utf8(field.value)) {
            return malformed("Parameters must be UTF-8 encoded");
        }
        fields.push_back(std::move(field));
    }
    return core::Ok{};
}

core::Result<nlohmann::json> form_fields_to_tree(const std::vector<FormField>& fields) {
    FormNode root;
    for (const auto& field : fields) {
        FormNode* node = &root;
        std::string_view rest = field.name;
        int depth = 0;
        while (true) {
            if (++depth > kMaxJsonNestingDepth) return malformed("Parameter name is nested too deeply");
            const auto dot = rest.find('.');
            node = &node->child(rest.substr(0, dot));
            if (dot == std::string_view::npos) break;
            rest.remove_prefix(dot + 1);
        }
        node->value = field.value;
    }
    // The top level is always the request structure, whatever its names look like.
    nlohmann::json params = nlohmann::json::object();
    for (auto& c : root.children) params[c.name] = to_json(c.node);
    return params;
}

}  // namespace ecsemu::api
