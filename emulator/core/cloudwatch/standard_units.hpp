#pragma once
// CloudWatch's StandardUnit values. The API checks units itself (the input model leaves enums to services).
#include <string>
#include <string_view>
#include <vector>

namespace ecsemu::core::cloudwatch {

const std::vector<std::string>& standard_units();
bool is_standard_unit(std::string_view unit);

}  // namespace ecsemu::core::cloudwatch
