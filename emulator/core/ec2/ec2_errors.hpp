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

// True for the kind's prefix followed by lowercase hex digits, the only form EC2 ids take.
bool is_well_formed_id(std::string_view id, std::string_view prefix);

// Unknown ids. An id that is not well formed (wrong prefix, or anything but lowercase hex after it) is
// Malformed, as EC2 reports it; otherwise NotFound.
AwsError vpc_not_found(std::string_view vpc_id);
AwsError subnet_not_found(std::string_view subnet_id);
AwsError security_group_not_found(std::string_view group_id);
AwsError security_group_name_not_found(std::string_view group_name, std::string_view vpc_id);

// CreateTags/DeleteTags on an id of a kind ecsemu does not keep.
AwsError invalid_resource_id(std::string_view resource_id);

}  // namespace ecsemu::core::ec2
