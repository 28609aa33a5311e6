#include "emulator/api/model/input_validator.hpp"

#include <charconv>
#include <cmath>
#include <cstdint>
#include <limits>
#include <vector>

#include "emulator/api/model/input_model.hpp"
#include "emulator/api/model/input_shapes.hpp"

namespace ecsemu::api {

namespace {

using nlohmann::json;
using Model = InputValidator::Model;

// Params are at most 64 levels deep when they come through the gateway; this guards direct callers.
constexpr int kMaxDepth = 100;

// One step of the path to the value being checked, kept on the stack and rendered only for an error.
struct PathStep {
    const PathStep* parent = nullptr;
    std::string_view name;
    std::size_t list_position = 0;  // 1-based; 0 when this step is a member name
};

// Coral: "a.1.member.b"; EC2: the form name, "A.1.B".
std::string render_path(const PathStep* step, ValidationWording wording) {
    std::vector<const PathStep*> steps;
    for (; step != nullptr; step = step->parent) steps.push_back(step);
    std::string out;
    for (auto it = steps.rbegin(); it != steps.rend(); ++it) {
        if (!out.empty()) out.push_back('.');
        if ((*it)->list_position == 0) {
            out.append((*it)->name);
        } else {
            out.append(std::to_string((*it)->list_position));
            if (wording == ValidationWording::Coral) out.append(".member");
        }
    }
    return out;
}

// The first form name under `value`: what a client sent at or below `path` ("VpcId.1" holding {"Foo": "x"}
// was sent as VpcId.1.Foo).
std::string first_form_name(std::string path, const json& value) {
    const json* node = &value;
    while (true) {
        if (node->is_object() && !node->empty()) {
            path.append(".").append(node->begin().key());
            node = &node->begin().value();
        } else if (node->is_array() && !node->empty()) {
            path.append(".1");
            node = &node->front();
        } else {
            return path;
        }
    }
}

// Names and values are quoted back to the caller; hostile ones may be megabytes long.
std::string shown(std::string text) {
    constexpr std::size_t kShown = 256;
    if (text.size() <= kShown) return text;
    std::size_t cut = kShown;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;  // whole characters
    text.resize(cut);
    return text + "...";
}

std::string shown_value(const json& value) {
    if (value.is_string()) return shown(value.get<std::string>());
    return value.is_null() ? std::string() : shown(value.dump());
}

const char* scalar_article_name(ShapeKind kind) {
    switch (kind) {
        case ShapeKind::String:
            return "a String";
        case ShapeKind::Blob:
            return "a Blob";
        case ShapeKind::Integer:
            return "an Integer";
        case ShapeKind::Long:
            return "a Long";
        case ShapeKind::Boolean:
            return "a Boolean";
        case ShapeKind::Double:
            return "a Double";
        case ShapeKind::Float:
            return "a Float";
        case ShapeKind::Timestamp:
            return "a Timestamp";
        default:
            return "a value";
    }
}

const char* json_token_name(const json& value) {
    if (value.is_string()) return "STRING_VALUE";
    if (value.is_boolean()) return "BOOLEAN_VALUE";
    if (value.is_null()) return "NULL_VALUE";
    return "NUMBER_VALUE";
}

bool is_container(ShapeKind kind) {
    return kind == ShapeKind::Structure || kind == ShapeKind::List || kind == ShapeKind::Map;
}

// Coral's deserialiser messages: it reports the token it met, not where.
std::string json_mismatch_message(ShapeKind expected, const json& actual) {
    if (actual.is_object()) return "Start of structure or map found where not expected.";
    if (actual.is_array()) return "Start of list found where not expected";
    if (is_container(expected)) return "Unexpected value type in payload";
    return std::string(json_token_name(actual)) + " can not be converted to " + scalar_article_name(expected);
}

bool is_integral_number(const json& value, bool thirty_two_bits) {
    std::int64_t integral = 0;
    if (value.is_number_integer()) {
        if (value.is_number_unsigned()) {
            const auto u = value.get<std::uint64_t>();
            if (u > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) return false;
            integral = static_cast<std::int64_t>(u);
        } else {
            integral = value.get<std::int64_t>();
        }
    } else if (value.is_number_float()) {
        const double d = value.get<double>();
        if (!std::isfinite(d) || std::trunc(d) != d || std::fabs(d) > 9.2e18) return false;
        integral = static_cast<std::int64_t>(d);
    } else {
        return false;
    }
    if (!thirty_two_bits) return true;
    return integral >= std::numeric_limits<std::int32_t>::min() &&
           integral <= std::numeric_limits<std::int32_t>::max();
}

bool json_scalar_matches(ShapeKind kind, const json& value) {
    switch (kind) {
        case ShapeKind::String:
        case ShapeKind::Blob:
            return value.is_string();
        case ShapeKind::Integer:
            return is_integral_number(value, true);
        case ShapeKind::Long:
            return is_integral_number(value, false);
        case ShapeKind::Boolean:
            return value.is_boolean();
        case ShapeKind::Double:
        case ShapeKind::Float:
            return value.is_number();
        case ShapeKind::Timestamp:
            return value.is_number() || value.is_string();
        default:
            return true;
    }
}

bool form_scalar_matches(ShapeKind kind, std::string_view text) {
    const char* first = text.data();
    const char* last = text.data() + text.size();
    switch (kind) {
        case ShapeKind::Integer: {
            std::int32_t parsed = 0;
            const auto [ptr, ec] = std::from_chars(first, last, parsed);
            return ec == std::errc() && ptr == last && !text.empty();
        }
        case ShapeKind::Long: {
            std::int64_t parsed = 0;
            const auto [ptr, ec] = std::from_chars(first, last, parsed);
            return ec == std::errc() && ptr == last && !text.empty();
        }
        case ShapeKind::Boolean:
            return text == "true" || text == "false";
        case ShapeKind::Double:
        case ShapeKind::Float: {
            double parsed = 0;
            const auto [ptr, ec] = std::from_chars(first, last, parsed);
            return ec == std::errc() && ptr == last && !text.empty();
        }
        default:
            return true;
    }
}

const char* ec2_expectation(ShapeKind kind) {
    switch (kind) {
        case ShapeKind::Integer:
        case ShapeKind::Long:
            return "Expected an integer.";
        case ShapeKind::Boolean:
            return "Expected a boolean.";
        case ShapeKind::Double:
        case ShapeKind::Float:
            return "Expected a number.";
        case ShapeKind::List:
            return "Expected a list.";
        case ShapeKind::Structure:
        case ShapeKind::Map:
            return "Expected a structure.";
        default:
            return "Expected a string.";
    }
}

const char* form_constraint(ShapeKind kind) {
    switch (kind) {
        case ShapeKind::Integer:
        case ShapeKind::Long:
            return "Member must be an integer";
        case ShapeKind::Boolean:
            return "Member must be a boolean";
        case ShapeKind::Double:
        case ShapeKind::Float:
            return "Member must be a number";
        case ShapeKind::List:
            return "Member must be a list";
        default:
            return "Member must be a structure";
    }
}

class Walker {
public:
    Walker(const Model& model, const InputValidatorOptions& options) : model_(model), options_(options) {}

    std::optional<core::AwsError> check(std::uint32_t shape_index, const json& value, const PathStep* path,
                                        int depth) const {
        if (depth > kMaxDepth) return mismatch(ShapeKind::Structure, value, path);
        const Shape& shape = model_.shapes[shape_index];
        switch (shape.kind) {
            case ShapeKind::Structure:
                if (!value.is_object()) return mismatch(shape.kind, value, path);
                return check_structure(shape, value.get_ref<const json::object_t&>(), path, depth);
            case ShapeKind::List:
                return check_list(shape, value, path, depth);
            case ShapeKind::Map:
                return check_map(shape, value, path, depth);
            case ShapeKind::Document:
                return std::nullopt;
            default:
                return check_scalar(shape.kind, value, path);
        }
    }

private:
    // Walks the (sorted) params object and the (sorted) members side by side; params passed over are the
    // ones the model does not know.
    std::optional<core::AwsError> check_structure(const Shape& shape, const json::object_t& object,
                                                  const PathStep* path, int depth) const {
        auto param = object.begin();
        for (const ShapeMember& member : shape.members) {
            for (; param != object.end() && param->first < member.key; ++param) {
                if (rejects_unknown()) return unknown(PathStep{path, param->first, 0}, param->second);
            }
            const bool named = param != object.end() && param->first == member.key;
            if (!named || param->second.is_null()) {
                if (member.required) return missing(PathStep{path, member.key, 0});
                if (named) ++param;
                continue;
            }
            const PathStep step{path, member.key, 0};
            if (auto error = check(member.shape, param->second, &step, depth + 1)) return error;
            ++param;
        }
        if (param != object.end() && rejects_unknown()) {
            return unknown(PathStep{path, param->first, 0}, param->second);
        }
        return std::nullopt;
    }

    std::optional<core::AwsError> check_list(const Shape& shape, const json& value, const PathStep* path,
                                             int depth) const {
        if (options_.form_encoded && value.is_string() && value.get_ref<const std::string&>().empty()) {
            return std::nullopt;
        }
        if (!value.is_array()) return mismatch(shape.kind, value, path);
        std::size_t position = 0;
        for (const auto& element : value) {
            const PathStep step{path, {}, ++position};
            if (element.is_null()) return mismatch(model_.shapes[shape.element].kind, element, &step);
            if (auto error = check(shape.element, element, &step, depth + 1)) return error;
        }
        return std::nullopt;
    }

    std::optional<core::AwsError> check_map(const Shape& shape, const json& value, const PathStep* path,
                                            int depth) const {
        if (!value.is_object()) return mismatch(shape.kind, value, path);
        for (const auto& [key, element] : value.get_ref<const json::object_t&>()) {
            const PathStep step{path, key, 0};
            if (element.is_null()) return mismatch(model_.shapes[shape.element].kind, element, &step);
            if (auto error = check(shape.element, element, &step, depth + 1)) return error;
        }
        return std::nullopt;
    }

    std::optional<core::AwsError> check_scalar(ShapeKind kind, const json& value,
                                               const PathStep* path) const {
        if (!options_.form_encoded) {
            if (json_scalar_matches(kind, value)) return std::nullopt;
            return mismatch(kind, value, path);
        }
        if (!value.is_string()) return mismatch(kind, value, path);
        if (form_scalar_matches(kind, value.get_ref<const std::string&>())) return std::nullopt;
        return mismatch(kind, value, path);
    }

    bool rejects_unknown() const { return !options_.unknown_member_code.empty(); }
    bool ec2_wording() const { return options_.wording == ValidationWording::Ec2; }

    core::AwsError mismatch(ShapeKind expected, const json& actual, const PathStep* path) const {
        if (!options_.form_encoded) {
            return core::AwsError::client(options_.type_mismatch_code,
                                          json_mismatch_message(expected, actual));
        }
        // In a form, a value of the wrong shape means the client sent a name the operation does not have.
        if (rejects_unknown() && (is_container(expected) || actual.is_structured())) {
            return unknown_name(first_form_name(render_path(path, options_.wording), actual));
        }
        if (ec2_wording()) {
            return core::AwsError::client(options_.type_mismatch_code,
                                          "Value (" + shown_value(actual) + ") for parameter " +
                                              render_path(path, options_.wording) + " is invalid. " +
                                              ec2_expectation(expected));
        }
        const std::string text = actual.is_string() ? actual.get<std::string>() : std::string();
        return core::AwsError::client(options_.type_mismatch_code,
                                      "1 validation error detected: Value '" + text + "' at '" +
                                          render_path(path, options_.wording) +
                                          "' failed to satisfy constraint: " + form_constraint(expected));
    }

    core::AwsError missing(const PathStep& step) const {
        if (ec2_wording()) {
            return core::AwsError::client(
                options_.missing_member_code,
                "The request must contain the parameter " + render_path(&step, options_.wording));
        }
        return core::AwsError::client(options_.missing_member_code,
                                      "1 validation error detected: Value null at '" +
                                          render_path(&step, options_.wording) +
                                          "' failed to satisfy constraint: Member must not be null");
    }

    core::AwsError unknown(const PathStep& step, const json& value) const {
        return unknown_name(first_form_name(render_path(&step, options_.wording), value));
    }

    core::AwsError unknown_name(std::string name) const {
        return core::AwsError::client(options_.unknown_member_code,
                                      "The parameter " + shown(std::move(name)) + " is not recognized");
    }

    const Model& model_;
    const InputValidatorOptions& options_;
};

}  // namespace

InputValidator::InputValidator(std::function<std::string()> shapes_json, InputValidatorOptions options)
    : shapes_json_(std::move(shapes_json)), options_(std::move(options)) {}

InputValidator::~InputValidator() = default;

const InputValidator::Model& InputValidator::model() const {
    std::call_once(loaded_, [this] {
        model_ = std::make_unique<Model>(load_input_model(shapes_json_(), options_.form_encoded));
    });
    return *model_;
}

bool InputValidator::has_operation(std::string_view operation) const {
    const Model& m = model();
    return m.operations.find(operation) != m.operations.end();
}

std::optional<core::AwsError> InputValidator::validate(std::string_view operation,
                                                       const nlohmann::json& params) const {
    const Model& m = model();
    const auto it = m.operations.find(operation);
    if (it == m.operations.end()) return std::nullopt;
    // An absent body means "no members", as an empty object does.
    static const json empty_object = json::object();
    const json& input = params.is_null() ? empty_object : params;
    try {
        return Walker(m, options_).check(it->second, input, nullptr, 0);
    } catch (const std::exception& e) {
        // Only allocation can throw here; report rather than let it escape into a service.
        return core::AwsError::server("InternalFailure", e.what());
    }
}

const InputValidator& ec2_input_validator() {
    static const InputValidator validator(ec2_input_shapes_json, [] {
        InputValidatorOptions options;
        options.missing_member_code = "MissingParameter";
        options.type_mismatch_code = "InvalidParameterValue";
        options.unknown_member_code = "UnknownParameter";
        options.form_encoded = true;
        options.wording = ValidationWording::Ec2;
        return options;
    }());
    return validator;
}

const InputValidator& elbv2_input_validator() {
    static const InputValidator validator(elbv2_input_shapes_json, [] {
        InputValidatorOptions options;
        options.missing_member_code = "ValidationError";
        options.type_mismatch_code = "ValidationError";
        options.form_encoded = true;
        return options;
    }());
    return validator;
}

const InputValidator& servicediscovery_input_validator() {
    static const InputValidator validator(servicediscovery_input_shapes_json, [] {
        InputValidatorOptions options;
        options.missing_member_code = "InvalidInput";
        return options;
    }());
    return validator;
}

const InputValidator& application_autoscaling_input_validator() {
    static const InputValidator validator(application_autoscaling_input_shapes_json, [] {
        InputValidatorOptions options;
        options.missing_member_code = "ValidationException";
        return options;
    }());
    return validator;
}

const InputValidator& cloudwatch_query_input_validator() {
    static const InputValidator validator(cloudwatch_input_shapes_json, [] {
        InputValidatorOptions options;
        options.missing_member_code = "MissingParameter";
        options.type_mismatch_code = "InvalidParameterValue";
        options.form_encoded = true;
        return options;
    }());
    return validator;
}

const InputValidator& cloudwatch_json_input_validator() {
    static const InputValidator validator(cloudwatch_input_shapes_json, [] {
        InputValidatorOptions options;
        options.missing_member_code = "MissingParameter";
        return options;
    }());
    return validator;
}

const InputValidator& ecs_input_validator() {
    static const InputValidator validator(ecs_input_shapes_json, [] {
        InputValidatorOptions options;
        options.missing_member_code = "InvalidParameterException";
        return options;
    }());
    return validator;
}

}  // namespace ecsemu::api
