#include "ec2_errors.hpp"

namespace ecsemu::core::ec2 {

namespace {

std::string quoted(std::string_view text) {
    return "'" + std::string(text) + "'";
}

AwsError malformed(std::string code, std::string_view id, std::string_view prefix) {
    return AwsError::client(std::move(code), "Invalid id: \"" + std::string(id) + "\" (expecting \"" +
                                                 std::string(prefix) + "...\")");
}

}  // namespace

bool is_well_formed_id(std::string_view id, std::string_view prefix) {
    if (id.size() <= prefix.size() || id.substr(0, prefix.size()) != prefix) return false;
    for (const char c : id.substr(prefix.size())) {
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
    }
    return true;
}

AwsError missing_parameter(std::string_view parameter) {
    return AwsError::client("MissingParameter",
                            "The request must contain the parameter " + std::string(parameter));
}

AwsError invalid_parameter_value(std::string message) {
    return AwsError::client("InvalidParameterValue", std::move(message));
}

AwsError invalid_cidr_block(std::string_view cidr) {
    return invalid_parameter_value("Value (" + std::string(cidr) +
                                   ") for parameter cidrBlock is invalid. This is not a valid CIDR block.");
}

AwsError vpc_not_found(std::string_view vpc_id) {
    if (!is_well_formed_id(vpc_id, "vpc-")) return malformed("InvalidVpcID.Malformed", vpc_id, "vpc-");
    return AwsError::client("InvalidVpcID.NotFound", "The vpc ID " + quoted(vpc_id) + " does not exist");
}

AwsError subnet_not_found(std::string_view subnet_id) {
    if (!is_well_formed_id(subnet_id, "subnet-"))
        return malformed("InvalidSubnetID.Malformed", subnet_id, "subnet-");
    return AwsError::client("InvalidSubnetID.NotFound",
                            "The subnet ID " + quoted(subnet_id) + " does not exist");
}

AwsError security_group_not_found(std::string_view group_id) {
    if (!is_well_formed_id(group_id, "sg-")) return malformed("InvalidGroupId.Malformed", group_id, "sg-");
    return AwsError::client("InvalidGroup.NotFound",
                            "The security group " + quoted(group_id) + " does not exist");
}

AwsError security_group_name_not_found(std::string_view group_name, std::string_view vpc_id) {
    if (vpc_id.empty()) {
        return AwsError::client("InvalidGroup.NotFound",
                                "The security group " + quoted(group_name) + " does not exist");
    }
    return AwsError::client("InvalidGroup.NotFound", "The security group " + quoted(group_name) +
                                                         " does not exist in default VPC " + quoted(vpc_id));
}

AwsError invalid_resource_id(std::string_view resource_id) {
    return AwsError::client("InvalidID", "The ID " + quoted(resource_id) + " is not valid");
}

}  // namespace ecsemu::core::ec2
