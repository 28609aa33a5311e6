#pragma once
// What the List* operations share: their Filters (Name, Values, Condition) and NextToken/MaxResults paging.
// A page token is the sort key of the last item of the previous page, so a page boundary survives items
// being added or removed between calls.
#include <cstddef>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "emulator/core/errors.hpp"

namespace ecsemu::core::cloudmap {

struct Filter {
    std::string name;
    std::vector<std::string> values;
    std::string condition;  // EQ when the request left it out
};

// EQ takes one value, IN one or more, BETWEEN two, BEGINS_WITH one; `allowed` lists the conditions this
// filter name accepts.
Status check_filter(const Filter& filter, std::initializer_list<std::string_view> allowed);

// True when `value` satisfies an already checked EQ/IN/BEGINS_WITH filter.
bool filter_accepts(const Filter& filter, std::string_view value);

struct PageWindow {
    std::size_t begin = 0;
    std::size_t end = 0;
    std::string next_token;  // empty on the last page
};

// REQUIRES: sort_keys strictly increasing. MaxResults must be 1..max_allowed when given.
Result<PageWindow> page_window(const std::vector<std::string>& sort_keys,
                               const std::optional<std::string>& next_token, std::optional<int> max_results,
                               int default_max_results, int max_allowed = 100);

}  // namespace ecsemu::core::cloudmap
