#pragma once
// What EC2 allows in the texts of a VPC security group: its name and description, and the description of
// each rule. All three are 0-255 characters from a-z, A-Z, 0-9, space and ._-:/()#,@[]+=&;{}!$* (names also
// may not start with "sg-", checked where groups are created). Anything else, control characters and
// markup included, is InvalidParameterValue.
#include <cstddef>
#include <string_view>

#include "emulator/core/errors.hpp"

namespace ecsemu::core::ec2 {

inline constexpr std::size_t kGroupTextMaxLength = 255;

// `parameter` names the field in the message, e.g. "GroupName".
Status validate_group_text(std::string_view parameter, std::string_view text);

// Rule descriptions use the same characters but their own wording.
Status validate_rule_description(std::string_view description);

}  // namespace ecsemu::core::ec2
