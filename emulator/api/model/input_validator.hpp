#pragma once
// Checks a request's parameters against the operation's input shape from the botocore model, the way AWS's
// request deserialiser does before the service sees them:
//   - JSON types: structure/map = object, list = array, string/blob = string, boolean = true/false,
//     integer/long = integral number (integer within 32 bits), double/float = number, timestamp = number or
//     string; document = anything. A mismatch is a SerializationException (Coral's wording, no path).
//   - Members the model does not know are ignored, as AWS's JSON services ignore them, unless
//     unknown_member_code is set (EC2 refuses them: UnknownParameter "The parameter Bogus is not
//     recognized").
//   - A required member that is absent or null fails with the service's chosen code and Coral's wording:
//     "1 validation error detected: Value null at 'networkConfiguration.awsvpcConfiguration.subnets'
//     failed to satisfy constraint: Member must not be null" (list elements appear as "<list>.<N>.member").
//   - JSON null anywhere in a structure means "absent". Null list elements and map values are type errors.
//   - Enums, patterns and min/max are NOT checked: services answer those with their own messages.
//   - Form-encoded mode (Query/EC2): every scalar arrives as a string, so integers, booleans and numbers must
//     parse as such, and an empty list may arrive as "" (botocore sends "Name=" for an empty list). Members
//     are looked up by their form (wire) name.
//   - EC2 wording: paths are the form names ("IpPermissions.1.FromPort"); a missing member is "The request
//     must contain the parameter X"; a scalar that does not parse is "Value (v) for parameter X is invalid.
//     Expected an integer."; and, with unknown_member_code set, a value of the wrong shape is reported as
//     the form name that EC2 would not recognise ("VpcId.1.Foo" where VpcId.N are strings).
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

enum class ValidationWording { Coral, Ec2 };

struct InputValidatorOptions {
    // Code of the "required member missing" error, e.g. InvalidParameterException (ECS), ValidationError
    // (ELBv2).
    std::string missing_member_code;
    std::string type_mismatch_code = "SerializationException";
    // Empty: members the model does not know are ignored.
    std::string unknown_member_code;
    bool form_encoded = false;
    ValidationWording wording = ValidationWording::Coral;
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

// EC2 (form-encoded, EC2 wording): MissingParameter, InvalidParameterValue, UnknownParameter.
const InputValidator& ec2_input_validator();

// ELBv2 (Query, form-encoded, Coral wording): missing members and unparsable values are ValidationError.
const InputValidator& elbv2_input_validator();

// Cloud Map (JSON 1.1): missing required members are InvalidInput.
const InputValidator& servicediscovery_input_validator();

// CloudWatch, which serves one model over two protocols: Query (botocore <= 1.3x; form-encoded, unparsable
// values are InvalidParameterValue) and JSON 1.0 (type mismatches are SerializationException). Missing
// required members are MissingParameter in both.
const InputValidator& cloudwatch_query_input_validator();
const InputValidator& cloudwatch_json_input_validator();

// Application Auto Scaling (JSON 1.1): missing required members are ValidationException.
const InputValidator& application_autoscaling_input_validator();

}  // namespace ecsemu::api
