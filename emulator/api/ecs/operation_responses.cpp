#include "emulator/api/ecs/operation_responses.hpp"

namespace ecsemu::api::ecs {

ApiResult page_response(const std::vector<core::ecs::PageItem>& items,
                        const std::optional<std::string>& next_token, int max_results, const char* key,
                        bool descending) {
    auto page = core::ecs::paginate(items, next_token, max_results, descending);
    if (!page) return page.error();
    nlohmann::json out = {{key, page->values}};
    if (!page->next_token.empty()) out["nextToken"] = page->next_token;
    return out;
}

}  // namespace ecsemu::api::ecs
