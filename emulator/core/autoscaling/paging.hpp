#pragma once
// NextToken/MaxResults paging of the Describe* operations. The token is the position of the next item in
// the filtered, ordered listing; an unparsable or out-of-range one is InvalidNextTokenException.
#include <cstddef>
#include <optional>
#include <string>

#include "emulator/core/errors.hpp"

namespace ecsemu::core::autoscaling {

struct Page {
    std::size_t begin = 0;
    std::size_t end = 0;
    std::string next_token;  // empty on the last page
};

// Describe* operations return at most 50 items a page by default and accept MaxResults up to 50.
inline constexpr int kDefaultPageSize = 50;

Result<Page> page_of(std::size_t total, const std::optional<std::string>& next_token,
                     std::optional<int> max_results, int max_allowed = kDefaultPageSize);

}  // namespace ecsemu::core::autoscaling
