#include "sim/report/number_text.hpp"

#include <array>
#include <charconv>

namespace ecsemu::sim {

std::string fixed_text(double value, int decimals) {
    // Large enough for any finite double in fixed notation (309 integer digits) plus the fraction.
    std::array<char, 400> buffer{};
    std::to_chars_result result = std::to_chars(buffer.data(), buffer.data() + buffer.size(), value,
                                                std::chars_format::fixed, decimals);
    if (result.ec != std::errc{}) {
        // Only a very large precision can get here; the shortest exact form is still locale-free.
        result = std::to_chars(buffer.data(), buffer.data() + buffer.size(), value);
    }
    std::string text(buffer.data(), result.ptr);
    if (!text.empty() && text.front() == '-' && text.find_first_not_of("-0.") == std::string::npos) {
        text.erase(0, 1);
    }
    return text;
}

}  // namespace ecsemu::sim
