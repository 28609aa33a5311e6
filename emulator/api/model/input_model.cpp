#include "emulator/api/model/input_model.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>

namespace ecsemu::api {

namespace {

using nlohmann::json;

ShapeKind kind_from_name(std::string_view type) {
    static const std::map<std::string_view, ShapeKind> kinds = {
        {"structure", ShapeKind::Structure},
        {"list", ShapeKind::List},
        {"map", ShapeKind::Map},
        {"string", ShapeKind::String},
        {"blob", ShapeKind::Blob},
        {"integer", ShapeKind::Integer},
        {"long", ShapeKind::Long},
        {"boolean", ShapeKind::Boolean},
        {"double", ShapeKind::Double},
        {"float", ShapeKind::Float},
        {"timestamp", ShapeKind::Timestamp},
    };
    const auto it = kinds.find(type);
    return it == kinds.end() ? ShapeKind::Document : it->second;
}

std::string string_or_empty(const json& object, const char* key) {
    const auto it = object.find(key);
    return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

class ModelBuilder {
public:
    ModelBuilder(const json& shapes, bool key_by_wire_name)
        : shapes_(shapes), key_by_wire_name_(key_by_wire_name) {
        std::uint32_t next = 0;
        for (const auto& [name, shape] : shapes_.items()) index_.emplace(name, next++);
        model_.shapes.resize(next);
    }

    InputValidator::Model build(const json& operations) {
        for (const auto& [name, shape] : shapes_.items()) {
            Shape built = build_shape(shape);  // may append placeholder shapes, so index afterwards
            model_.shapes[index_.at(name)] = std::move(built);
        }
        for (const auto& [operation, input] : operations.items()) {
            if (input.is_string())
                model_.operations.emplace(operation, shape_index(input.get<std::string>()));
        }
        return std::move(model_);
    }

private:
    // Unknown references become a Document shape (accepts anything) appended at the end.
    std::uint32_t shape_index(const std::string& name) {
        const auto it = index_.find(name);
        if (it != index_.end()) return it->second;
        model_.shapes.push_back(Shape{});
        const auto index = static_cast<std::uint32_t>(model_.shapes.size() - 1);
        index_.emplace(name, index);
        return index;
    }

    Shape build_shape(const json& shape) {
        Shape out;
        out.kind = kind_from_name(string_or_empty(shape, "type"));
        if (out.kind == ShapeKind::List) out.element = shape_index(string_or_empty(shape, "member"));
        if (out.kind == ShapeKind::Map) out.element = shape_index(string_or_empty(shape, "value"));
        if (out.kind == ShapeKind::Structure) out.members = build_members(shape);
        return out;
    }

    std::vector<ShapeMember> build_members(const json& shape) {
        std::vector<ShapeMember> members;
        const auto members_it = shape.find("members");
        if (members_it == shape.end() || !members_it->is_object()) return members;
        const auto wire_names = shape.find("wire_names");
        const auto required = shape.find("required");
        for (const auto& [name, ref] : members_it->items()) {
            ShapeMember member;
            member.key = name;
            if (key_by_wire_name_ && wire_names != shape.end() && wire_names->contains(name)) {
                member.key = (*wire_names)[name].get<std::string>();
            }
            member.shape = ref.is_string() ? shape_index(ref.get<std::string>()) : shape_index("");
            member.required = required != shape.end() && required->is_array() &&
                              std::find(required->begin(), required->end(), name) != required->end();
            members.push_back(std::move(member));
        }
        std::sort(members.begin(), members.end(),
                  [](const ShapeMember& a, const ShapeMember& b) { return a.key < b.key; });
        return members;
    }

    const json& shapes_;
    bool key_by_wire_name_;
    std::map<std::string, std::uint32_t> index_;
    InputValidator::Model model_;
};

}  // namespace

InputValidator::Model load_input_model(std::string_view shapes_json, bool key_by_wire_name) {
    try {
        const auto document = json::parse(shapes_json);
        const auto shapes = document.find("shapes");
        const auto operations = document.find("operations");
        if (shapes == document.end() || !shapes->is_object() || operations == document.end() ||
            !operations->is_object()) {
            return {};
        }
        return ModelBuilder(*shapes, key_by_wire_name).build(*operations);
    } catch (const json::exception&) {
        return {};
    }
}

}  // namespace ecsemu::api
