#include "emulator/core/cloudmap/listing.hpp"

#include <algorithm>

#include "emulator/core/cloudmap/cloudmap_errors.hpp"

namespace ecsemu::core::cloudmap {

Status check_filter(const Filter& filter, std::initializer_list<std::string_view> allowed) {
    const std::string condition = filter.condition.empty() ? "EQ" : filter.condition;
    if (std::find(allowed.begin(), allowed.end(), condition) == allowed.end()) {
        return invalid_input("The condition " + condition + " is not supported for the filter " +
                             filter.name + ".");
    }
    const std::size_t count = filter.values.size();
    const bool count_ok = condition == "IN" ? count >= 1 : condition == "BETWEEN" ? count == 2 : count == 1;
    if (!count_ok) {
        return invalid_input("The filter " + filter.name + " with condition " + condition + " takes " +
                             (condition == "IN"        ? "at least one value."
                              : condition == "BETWEEN" ? "exactly two values."
                                                       : "exactly one value."));
    }
    return Ok{};
}

bool filter_accepts(const Filter& filter, std::string_view value) {
    if (filter.condition == "BEGINS_WITH")
        return value.substr(0, filter.values.front().size()) == filter.values.front();
    return std::find(filter.values.begin(), filter.values.end(), value) != filter.values.end();
}

Result<PageWindow> page_window(const std::vector<std::string>& sort_keys,
                               const std::optional<std::string>& next_token, std::optional<int> max_results,
                               int default_max_results, int max_allowed) {
    if (max_results && (*max_results < 1 || *max_results > max_allowed)) {
        return invalid_input("MaxResults must be between 1 and " + std::to_string(max_allowed) + ".");
    }
    const auto limit = static_cast<std::size_t>(max_results.value_or(default_max_results));
    PageWindow window;
    if (next_token && !next_token->empty()) {
        window.begin = static_cast<std::size_t>(
            std::upper_bound(sort_keys.begin(), sort_keys.end(), *next_token) - sort_keys.begin());
    }
    window.end = std::min(sort_keys.size(), window.begin + limit);
    if (window.end < sort_keys.size() && window.end > window.begin)
        window.next_token = sort_keys[window.end - 1];
    return window;
}

}  // namespace ecsemu::core::cloudmap
