#pragma once
// nextToken/maxResults paging for List* operations. A token names the last item of the previous page, so
// a page boundary survives items being added or removed between calls.
#include <optional>
#include <string>
#include <vector>

#include "emulator/core/errors.hpp"

namespace ecsemu::core::ecs {

struct PageItem {
    std::string sort_key;  // strictly increasing along `items` (decreasing when descending)
    std::string value;     // what the page lists, usually an ARN
};

struct Page {
    std::vector<std::string> values;
    std::string next_token;  // empty on the last page
};

// maxResults must be 1..100 when given.
Result<int> checked_max_results(const std::optional<int>& max_results, int default_max_results);

// REQUIRES: items ordered by sort_key, ascending unless descending.
Result<Page> paginate(const std::vector<PageItem>& items, const std::optional<std::string>& next_token,
                      int max_results, bool descending = false);

}  // namespace ecsemu::core::ecs
