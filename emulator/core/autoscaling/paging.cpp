#include "emulator/core/autoscaling/paging.hpp"

#include <algorithm>
#include <charconv>

#include "emulator/core/autoscaling/autoscaling_errors.hpp"

namespace ecsemu::core::autoscaling {

Result<Page> page_of(std::size_t total, const std::optional<std::string>& next_token,
                     std::optional<int> max_results, int max_allowed) {
    if (max_results && (*max_results < 1 || *max_results > max_allowed)) {
        return validation_error("MaxResults must be between 1 and " + std::to_string(max_allowed) + ".");
    }
    Page page;
    if (next_token && !next_token->empty()) {
        const char* first = next_token->data();
        const char* last = first + next_token->size();
        const auto [end, error] = std::from_chars(first, last, page.begin);
        if (error != std::errc() || end != last || page.begin > total) return invalid_next_token();
    }
    const std::size_t size = static_cast<std::size_t>(max_results.value_or(max_allowed));
    page.end = std::min(total, page.begin + size);
    if (page.end < total) page.next_token = std::to_string(page.end);
    return page;
}

}  // namespace ecsemu::core::autoscaling
