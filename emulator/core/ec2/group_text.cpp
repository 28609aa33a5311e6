#include "group_text.hpp"

#include <algorithm>
#include <string>

#include "emulator/core/ec2/ec2_errors.hpp"

namespace ecsemu::core::ec2 {

namespace {

constexpr std::string_view kAllowedPunctuation = " ._-:/()#,@[]+=&;{}!$*";
constexpr std::string_view kAllowedSummary = "a-z, A-Z, 0-9, spaces, and ._-:/()#,@[]+=&;{}!$*";

bool allowed(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           kAllowedPunctuation.find(c) != std::string_view::npos;
}

bool all_allowed(std::string_view text) {
    return std::all_of(text.begin(), text.end(), allowed);
}

bool ascii(std::string_view text) {
    return std::all_of(text.begin(), text.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

// The refused text is quoted back only when it cannot disturb the message: printable and not too long.
std::string quoted_if_printable(std::string_view text) {
    if (text.size() > kGroupTextMaxLength || !all_allowed(text)) return "";
    return "(" + std::string(text) + ") ";
}

}  // namespace

Status validate_group_text(std::string_view parameter, std::string_view text) {
    const std::string prefix =
        "Value " + quoted_if_printable(text) + "for parameter " + std::string(parameter) + " is invalid. ";
    if (text.size() > kGroupTextMaxLength) {
        return invalid_parameter_value(prefix + "Length exceeds maximum of " +
                                       std::to_string(kGroupTextMaxLength) + ".");
    }
    if (!ascii(text))
        return invalid_parameter_value(prefix + "Character sets beyond ASCII are not supported.");
    if (!all_allowed(text)) {
        return invalid_parameter_value(prefix + "Valid characters are " + std::string(kAllowedSummary) + ".");
    }
    return Ok{};
}

Status validate_rule_description(std::string_view description) {
    if (description.size() <= kGroupTextMaxLength && all_allowed(description)) return Ok{};
    return invalid_parameter_value(
        "Invalid rule description. Valid descriptions are strings less than 256 characters from the "
        "following set: " +
        std::string(kAllowedSummary) + ".");
}

}  // namespace ecsemu::core::ec2
