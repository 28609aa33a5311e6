#include "emulator/core/cloudmap/tagging.hpp"

#include <algorithm>
#include <set>

#include "emulator/core/cloudmap/cloudmap_errors.hpp"

namespace ecsemu::core::cloudmap {

namespace {

std::vector<Tag>* tags_of(CloudMapState& state, const std::string& arn) {
    for (auto& [id, ns] : state.namespaces) {
        if (ns.arn == arn) return &ns.tags;
    }
    for (auto& [id, service] : state.services) {
        if (service.arn == arn) return &service.tags;
    }
    return nullptr;
}

}  // namespace

Status check_request_tags(const std::vector<Tag>& tags) {
    std::set<std::string> keys;
    for (const auto& tag : tags) {
        if (tag.key.empty() || tag.key.size() > 128 || tag.value.size() > 256)
            return invalid_input("Tag keys must be 1-128 characters and values at most 256 characters.");
        if (tag.key.rfind("aws:", 0) == 0) return invalid_input("Tag keys may not start with \"aws:\".");
        if (!keys.insert(tag.key).second) return invalid_input("Duplicate tag key: " + tag.key);
    }
    return Ok{};
}

Status merge_tags(std::vector<Tag>& existing, const std::vector<Tag>& tags, const std::string& arn) {
    std::size_t added = 0;
    for (const auto& tag : tags) {
        const bool present =
            std::any_of(existing.begin(), existing.end(), [&](const Tag& old) { return old.key == tag.key; });
        if (!present) ++added;
    }
    if (existing.size() + added > kMaxTagsPerResource) return too_many_tags(arn);
    for (const auto& tag : tags) {
        auto it = std::find_if(existing.begin(), existing.end(),
                               [&](const Tag& old) { return old.key == tag.key; });
        if (it == existing.end()) {
            existing.push_back(tag);
        } else {
            it->value = tag.value;
        }
    }
    return Ok{};
}

Status tag_resource(CloudMapState& state, const std::string& arn, const std::vector<Tag>& tags) {
    std::vector<Tag>* existing = tags_of(state, arn);
    if (existing == nullptr) return resource_not_found(arn);
    if (auto checked = check_request_tags(tags); !checked) return checked;
    return merge_tags(*existing, tags, arn);
}

Status untag_resource(CloudMapState& state, const std::string& arn, const std::vector<std::string>& keys) {
    std::vector<Tag>* existing = tags_of(state, arn);
    if (existing == nullptr) return resource_not_found(arn);
    std::erase_if(*existing,
                  [&](const Tag& tag) { return std::find(keys.begin(), keys.end(), tag.key) != keys.end(); });
    return Ok{};
}

Result<std::vector<Tag>> list_tags_for_resource(const CloudMapState& state, const std::string& arn) {
    std::vector<Tag>* tags = tags_of(const_cast<CloudMapState&>(state), arn);
    if (tags == nullptr) return resource_not_found(arn);
    return *tags;
}

}  // namespace ecsemu::core::cloudmap
