#pragma once
// Checks a request's parameters against the operation's input shape from the botocore model, the way AWS's
// request deserialiser does before the service sees them:
//   - JSON types: structure/map = object, list = array, string/blob = string, boolean = true/false,
//     integer/long = integral number (integer within 32 bits), double/float = number, timestamp = number or
//     string; document = anything. A mismatch is a SerializationException (Coral's wording, no path).
//   - Members the model does not know are ignored, as AWS ignores them.
//   - A required member that is absent or null fails with the service's chosen code and Coral's wording:
//     "1 validation error detected: Value null at 'networkConfiguration.awsvpcConfiguration.subnets'
//     failed to satisfy constraint: Member must not be null" (list elements appear as "<list>.<N>.member").
//   - JSON null anywhere in a structure means "absent". Null list elements and map values are type errors.
//   - Enums, patterns and min/max are NOT checked: services answer those with their own messages.
//   - Form-encoded mode (Query/EC2): every scalar arrives as a string, so integers, booleans and numbers must
//     parse as such, and an empty list may arrive as "" (botocore sends "Name=" for an empty list). Members
//     are looked up by their form (wire) name.
// Unknown operations pass (the service answers those). The embedded model is parsed on first use, once,
// safely from any thread; afterwards validate() only walks the params, in member order, without allocating
// unless it reports an error.
#include <functional>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "emulator/core/errors.hpp"

namespace ecsemu::api {

struct InputValidatorOptions {
    // Code of the "required member missing" error, e.g. InvalidParameterException (ECS), ValidationError
    // (ELBv2).
    std::string missing_member_code;
    std::string type_mismatch_code = "SerializationException";
    bool form_encoded = false;
};

class InputValidator {
  public:
    // shapes_json yields the generated JSON text (e.g. ecs_input_shapes_json); it is called once, lazily.
    InputValidator(std::function<std::string()> shapes_json, InputValidatorOptions options);
    ~InputValidator();
    InputValidator(const InputValidator&) = delete;
    InputValidator& operator=(const InputValidator&) = delete;

    std::optional<core::AwsError> validate(std::string_view operation, const nlohmann::json& params) const;

    // True when the model has this operation with an input shape.
    bool has_operation(std::string_view operation) const;

    struct Model;

  private:
    const Model& model() const;

    std::function<std::string()> shapes_json_;
    InputValidatorOptions options_;
    mutable std::once_flag loaded_;
    mutable std::unique_ptr<Model> model_;
};

// ECS (JSON 1.1): missing required members are InvalidParameterException.
const InputValidator& ecs_input_validator();

}  // namespace ecsemu::api
