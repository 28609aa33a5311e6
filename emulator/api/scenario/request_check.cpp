#include "emulator/api/scenario/request_check.hpp"

#include "emulator/api/scenario/references.hpp"
#include "emulator/api/scenario/shape_catalog.hpp"

namespace ecsemu::api::scenario {
namespace {

using nlohmann::json;

class Checker {
public:
    explicit Checker(std::string_view service) : service_(service), catalog_(ShapeCatalog::instance()) {}

    std::optional<std::string> check(const json& value, const std::string& shape_name,
                                     const std::string& path, int depth) const {
        if (depth > 64) return path + ": nested too deeply";
        const json& shape = catalog_.shape(service_, shape_name);
        if (!shape.is_object()) return std::nullopt;  // a shape the table does not describe: anything goes
        if (value.is_string() && is_whole_reference(value.get_ref<const std::string&>())) return std::nullopt;
        const std::string type = shape.value("type", "");
        if (type == "structure") return check_structure(value, shape, path, depth);
        if (type == "list") {
            if (!value.is_array()) return path + ": expected a list";
            const std::string element = shape.value("member", "");
            for (std::size_t i = 0; i < value.size(); ++i) {
                if (auto error = check(value[i], element, path + "[" + std::to_string(i) + "]", depth + 1))
                    return error;
            }
            return std::nullopt;
        }
        if (type == "map") {
            if (!value.is_object()) return path + ": expected an object (a map)";
            const std::string element = shape.value("value", "");
            for (const auto& [key, child] : value.items()) {
                if (auto error = check(child, element, path + "." + key, depth + 1)) return error;
            }
            return std::nullopt;
        }
        return check_scalar(value, type, path);
    }

private:
    std::optional<std::string> check_structure(const json& value, const json& shape, const std::string& path,
                                               int depth) const {
        if (!value.is_object()) return path + ": expected an object";
        const auto members = shape.find("members");
        if (members == shape.end() || !members->is_object()) return std::nullopt;
        for (const auto& [key, child] : value.items()) {
            const auto member = members->find(key);
            if (member == members->end())
                return path + "." + key + ": unknown member" + known_members(*members);
            if (child.is_null()) continue;
            if (auto error = check(child, member->get<std::string>(), path + "." + key, depth + 1))
                return error;
        }
        const auto required = shape.find("required");
        if (required != shape.end() && required->is_array()) {
            for (const auto& name : *required) {
                const auto it = value.find(name.get<std::string>());
                if (it == value.end() || it->is_null())
                    return path + "." + name.get<std::string>() + ": missing (the operation requires it)";
            }
        }
        return std::nullopt;
    }

    static std::string known_members(const json& members) {
        std::string text = " (expected one of: ";
        bool first = true;
        for (const auto& [name, ignored] : members.items()) {
            if (!first) text += ", ";
            text += name;
            first = false;
        }
        return text + ")";
    }

    static std::optional<std::string> check_scalar(const json& value, const std::string& type,
                                                   const std::string& path) {
        if (type == "string" || type == "blob") {
            if (!value.is_string()) return path + ": expected a string";
        } else if (type == "integer" || type == "long") {
            if (!value.is_number_integer()) return path + ": expected an integer";
        } else if (type == "boolean") {
            if (!value.is_boolean()) return path + ": expected true or false";
        } else if (type == "double" || type == "float") {
            if (!value.is_number()) return path + ": expected a number";
        } else if (type == "timestamp") {
            if (!value.is_number() && !value.is_string())
                return path + ": expected a timestamp (ISO 8601 text or epoch seconds)";
        }
        return std::nullopt;
    }

    std::string_view service_;
    const ShapeCatalog& catalog_;
};

}  // namespace

std::optional<std::string> check_request(std::string_view service_prefix, std::string_view operation,
                                         const nlohmann::json& request, const std::string& path) {
    if (!request.is_object()) return path + ": expected an object";
    const auto& catalog = ShapeCatalog::instance();
    if (!catalog.has_model(service_prefix)) return std::nullopt;
    const std::string input = catalog.input_shape(service_prefix, operation);
    if (input.empty()) return std::nullopt;
    return Checker(service_prefix).check(request, input, path, 0);
}

}  // namespace ecsemu::api::scenario
