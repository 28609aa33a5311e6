#include "emulator/api/wire/query_form.hpp"

#include <algorithm>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>

#include "emulator/api/wire/json_body.hpp"
#include "emulator/api/wire/text.hpp"

namespace ecsemu::api {

namespace {

core::AwsError malformed(std::string message) {
    return core::AwsError::client("MalformedQueryString", std::move(message));
}

core::AwsError too_many_fields(std::size_t limit) {
    return malformed("The request has more than " + std::to_string(limit) + " parameters.");
}

// Hostile names can be megabytes long; error messages quote only their start.
std::string quoted_start(std::string_view text) {
    constexpr std::size_t kShown = 40;
    if (text.size() <= kShown) return "'" + std::string(text) + "'";
    std::size_t cut = kShown;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;  // whole characters
    return "'" + std::string(text.substr(0, cut)) + "...'";
}

int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

// Intermediate tree keyed by name segments; children keep first-seen order. Nodes with many children (the
// elements of a long list) index them by name, so building the tree is O(n log n) rather than a scan of all
// earlier siblings for every new one.
struct FormChild;
struct FormNode {
    std::optional<std::string> value;
    std::vector<FormChild> children;
    // Built once children outgrow a short linear scan; positions in `children`.
    std::unique_ptr<std::map<std::string, std::size_t, std::less<>>> index;

    FormNode& child(std::string_view name);
    const FormNode* find(std::string_view name) const;
};
struct FormChild {
    std::string name;
    FormNode node;
};

constexpr std::size_t kLinearScanChildren = 8;

FormNode& FormNode::child(std::string_view name) {
    // Fields of one list item usually arrive together, so the newest child is the likely match.
    if (!children.empty() && children.back().name == name) return children.back().node;
    if (index) {
        if (const auto it = index->find(name); it != index->end()) return children[it->second].node;
    } else {
        for (auto& c : children) {
            if (c.name == name) return c.node;
        }
    }
    children.push_back(FormChild{std::string(name), FormNode{}});
    if (index) {
        index->emplace(children.back().name, children.size() - 1);
    } else if (children.size() > kLinearScanChildren) {
        index = std::make_unique<std::map<std::string, std::size_t, std::less<>>>();
        for (std::size_t i = 0; i < children.size(); ++i) index->emplace(children[i].name, i);
    }
    return children.back().node;
}

const FormNode* FormNode::find(std::string_view name) const {
    if (index) {
        const auto it = index->find(name);
        return it == index->end() ? nullptr : &children[it->second].node;
    }
    for (const auto& c : children) {
        if (c.name == name) return &c.node;
    }
    return nullptr;
}

bool all_digits(std::string_view segment) {
    return !segment.empty() &&
           std::all_of(segment.begin(), segment.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// Positions are checked against FormLimits while the tree is built, so here they fit comfortably.
std::optional<std::uint32_t> list_position(std::string_view segment) {
    if (segment.size() > 9 || !all_digits(segment)) return std::nullopt;
    std::uint32_t n = 0;
    for (const char c : segment) n = n * 10 + static_cast<std::uint32_t>(c - '0');
    return n;
}

// True when an all-digit segment is a position in 1..max.
bool position_in_range(std::string_view segment, std::uint32_t max) {
    const auto position = list_position(segment);
    return position && *position >= 1 && *position <= max;
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

core::Status append_form_fields(std::string_view encoded, std::vector<FormField>& fields,
                                const FormLimits& limits) {
    while (!encoded.empty()) {
        const auto amp = encoded.find('&');
        const auto pair = encoded.substr(0, amp);
        encoded = amp == std::string_view::npos ? std::string_view() : encoded.substr(amp + 1);
        if (pair.empty()) continue;
        const auto eq = pair.find('=');
        FormField field;
        if (!percent_decode(pair.substr(0, eq), field.name)) return malformed("Malformed percent-encoding");
        if (field.name.empty()) continue;
        if (fields.size() >= limits.max_fields) return too_many_fields(limits.max_fields);
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

core::Result<nlohmann::json> form_fields_to_tree(const std::vector<FormField>& fields,
                                                 const FormLimits& limits) {
    if (fields.size() > limits.max_fields) return too_many_fields(limits.max_fields);
    FormNode root;
    for (const auto& field : fields) {
        FormNode* node = &root;
        std::string_view rest = field.name;
        int depth = 0;
        while (true) {
            if (++depth > kMaxJsonNestingDepth) return malformed("Parameter name is nested too deeply");
            const auto dot = rest.find('.');
            const auto segment = rest.substr(0, dot);
            if (depth > 1 && all_digits(segment) && !position_in_range(segment, limits.max_list_index)) {
                return malformed("List position " + quoted_start(segment) + " in parameter " +
                                 quoted_start(field.name) + " is outside 1.." +
                                 std::to_string(limits.max_list_index) + ".");
            }
            node = &node->child(segment);
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
