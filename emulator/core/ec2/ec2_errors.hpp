#pragma once
// EC2's error codes and texts for the calls ecsemu serves, worded as EC2 words them.
#include <string>
#include <string_view>

#include "emulator/core/errors.hpp"

namespace ecsemu::core::ec2 {

AwsError missing_parameter(std::string_view parameter);
AwsError invalid_parameter_value(std::string message);
// "Value (10.0.0.1/33) for parameter cidrBlock is invalid. This is not a valid CIDR block."
AwsError invalid_cidr_block(std::string_view cidr);

// Unknown ids. An id without the kind's prefix is Malformed, as EC2 reports it; otherwise NotFound.
AwsError vpc_not_found(std::string_view vpc_id);
AwsError subnet_not_found(std::string_view subnet_id);
AwsError security_group_not_found(std::string_view group_id);
AwsError security_group_name_not_found(std::string_view group_name, std::string_view vpc_id);

// CreateTags/DeleteTags on an id of a kind ecsemu does not keep.
AwsError invalid_resource_id(std::string_view resource_id);

}  // namespace ecsemu::core::ec2
