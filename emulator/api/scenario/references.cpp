#include "emulator/api/scenario/references.hpp"

namespace ecsemu::api::scenario {
namespace {

// One piece of a string: literal text, or a reference.
struct Piece {
    std::string text;
    std::optional<Reference> reference;
};

std::optional<std::string> split_pieces(std::string_view text, std::vector<Piece>& pieces) {
    std::string literal;
    std::size_t i = 0;
    while (i < text.size()) {
        if (text.compare(i, 3, "$${") == 0) {
            literal += "${";
            i += 3;
            continue;
        }
        if (text.compare(i, 2, "${") != 0) {
            literal.push_back(text[i++]);
            continue;
        }
        const std::size_t close = text.find('}', i + 2);
        if (close == std::string_view::npos)
            return "\"${\" without a closing \"}\" (write $${ for a literal)";
        const std::string_view inner = text.substr(i + 2, close - i - 2);
        const std::size_t dot = inner.find('.');
        Reference reference;
        reference.label = std::string(inner.substr(0, dot));
        if (dot != std::string_view::npos) reference.field = std::string(inner.substr(dot + 1));
        if (reference.label.empty()) return "\"${" + std::string(inner) + "}\" names no resource";
        if (dot != std::string_view::npos && reference.field.empty())
            return "\"${" + std::string(inner) + "}\" names no field after the dot";
        if (!literal.empty()) pieces.push_back(Piece{std::move(literal), std::nullopt});
        literal.clear();
        pieces.push_back(Piece{{}, std::move(reference)});
        i = close + 1;
    }
    if (!literal.empty()) pieces.push_back(Piece{std::move(literal), std::nullopt});
    return std::nullopt;
}

std::string child_path(const std::string& path, const std::string& key) {
    return path + "." + key;
}
std::string item_path(const std::string& path, std::size_t index) {
    return path + "[" + std::to_string(index) + "]";
}

}  // namespace

std::optional<std::string> find_references(std::string_view text, std::vector<Reference>& out) {
    std::vector<Piece> pieces;
    if (auto error = split_pieces(text, pieces)) return error;
    for (auto& piece : pieces) {
        if (piece.reference) out.push_back(std::move(*piece.reference));
    }
    return std::nullopt;
}

bool is_whole_reference(std::string_view text) {
    std::vector<Piece> pieces;
    return !split_pieces(text, pieces) && pieces.size() == 1 && pieces.front().reference.has_value();
}

std::optional<std::string> for_each_reference(
    const nlohmann::json& value, const std::string& path,
    const std::function<std::optional<std::string>(const std::string& path, const Reference&)>& visit) {
    if (value.is_string()) {
        std::vector<Reference> references;
        if (auto error = find_references(value.get_ref<const std::string&>(), references))
            return path + ": " + *error;
        for (const auto& reference : references) {
            if (auto error = visit(path, reference)) return error;
        }
    } else if (value.is_object()) {
        for (const auto& [key, child] : value.items()) {
            if (auto error = for_each_reference(child, child_path(path, key), visit)) return error;
        }
    } else if (value.is_array()) {
        for (std::size_t i = 0; i < value.size(); ++i) {
            if (auto error = for_each_reference(value[i], item_path(path, i), visit)) return error;
        }
    }
    return std::nullopt;
}

std::optional<std::string> resolve_references(nlohmann::json& value, const std::string& path,
                                              const ReferenceLookup& lookup) {
    if (value.is_object()) {
        for (auto& [key, child] : value.items()) {
            if (auto error = resolve_references(child, child_path(path, key), lookup)) return error;
        }
        return std::nullopt;
    }
    if (value.is_array()) {
        for (std::size_t i = 0; i < value.size(); ++i) {
            if (auto error = resolve_references(value[i], item_path(path, i), lookup)) return error;
        }
        return std::nullopt;
    }
    if (!value.is_string()) return std::nullopt;
    std::vector<Piece> pieces;
    if (auto error = split_pieces(value.get_ref<const std::string&>(), pieces)) return path + ": " + *error;
    std::string text;
    for (const auto& piece : pieces) {
        if (!piece.reference) {
            text += piece.text;
            continue;
        }
        std::string error;
        auto found = lookup(*piece.reference, error);
        if (!found) return path + ": " + error;
        if (pieces.size() == 1) {
            value = std::move(*found);
            return std::nullopt;
        }
        if (found->is_string()) {
            text += found->get<std::string>();
        } else if (found->is_number() || found->is_boolean()) {
            text += found->dump();
        } else {
            return path + ": ${" + piece.reference->label + (piece.reference->field.empty() ? "" : ".") +
                   piece.reference->field + "} is not a string or number and cannot be part of a string";
        }
    }
    value = std::move(text);
    return std::nullopt;
}

}  // namespace ecsemu::api::scenario
