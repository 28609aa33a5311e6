#include "emulator/core/cloudwatch/standard_units.hpp"

#include <algorithm>

namespace ecsemu::core::cloudwatch {

const std::vector<std::string>& standard_units() {
    static const std::vector<std::string> units = {"Seconds",
                                                   "Microseconds",
                                                   "Milliseconds",
                                                   "Bytes",
                                                   "Kilobytes",
                                                   "Megabytes",
                                                   "Gigabytes",
                                                   "Terabytes",
                                                   "Bits",
                                                   "Kilobits",
                                                   "Megabits",
                                                   "Gigabits",
                                                   "Terabits",
                                                   "Percent",
                                                   "Count",
                                                   "Bytes/Second",
                                                   "Kilobytes/Second",
                                                   "Megabytes/Second",
                                                   "Gigabytes/Second",
                                                   "Terabytes/Second",
                                                   "Bits/Second",
                                                   "Kilobits/Second",
                                                   "Megabits/Second",
                                                   "Gigabits/Second",
                                                   "Terabits/Second",
                                                   "Count/Second",
                                                   "None"};
    return units;
}

bool is_standard_unit(std::string_view unit) {
    const auto& units = standard_units();
    return std::find(units.begin(), units.end(), unit) != units.end();
}

}  // namespace ecsemu::core::cloudwatch
