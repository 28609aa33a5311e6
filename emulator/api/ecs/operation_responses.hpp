#pragma once
// The answers the List* and Describe* operations share: a page of ARNs, and what a list of refs names.
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "emulator/api/ecs/ecs_encode.hpp"
#include "emulator/api/service.hpp"
#include "emulator/core/ecs/pagination.hpp"
#include "emulator/core/model/ecs_arns.hpp"
#include "emulator/core/model/ecs_common.hpp"

namespace ecsemu::api::ecs {

// {"<key>": [values of the page], "nextToken": ..} with nextToken left out on the last page. `max_results` is
// checked already (checked_max_results), as the operations check it before looking anything up.
ApiResult page_response(const std::vector<core::ecs::PageItem>& items,
                        const std::optional<std::string>& next_token, int max_results, const char* key,
                        bool descending = false);

// {"<key>": [each resource a ref names, encoded], "failures": [..]}: a ref that names nothing is a MISSING
// failure under its ARN, the ref itself when it is one. `find(ref)` returns a pointer, null when not found;
// `arn_of(ref)` is the ARN a bare name would have.
template <class Find, class Encode, class ArnOf>
nlohmann::json described_or_missing(const char* key, const std::vector<std::string>& refs, Find find,
                                    Encode encode, ArnOf arn_of) {
    nlohmann::json found = nlohmann::json::array();
    std::vector<core::ecs::Failure> failures;
    for (const auto& ref : refs) {
        if (const auto* resource = find(ref)) {
            found.push_back(encode(*resource));
        } else {
            const std::string arn = core::ecs::looks_like_arn(ref) ? ref : arn_of(ref);
            failures.push_back({arn, "MISSING", ""});
        }
    }
    return nlohmann::json{{key, std::move(found)}, {"failures", encode_failures(failures)}};
}

}  // namespace ecsemu::api::ecs
