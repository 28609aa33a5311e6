#include "emulator/core/elbv2/tagging.hpp"

#include "emulator/core/elbv2/elbv2_errors.hpp"
#include "emulator/core/elbv2/elbv2_names.hpp"

namespace ecsemu::core::elbv2 {

namespace {

constexpr std::size_t kMaxTags = 50;

template <class Map>
Tags* tags_in(Map& map, const std::string& arn) {
    const auto it = map.find(arn);
    return it == map.end() ? nullptr : &it->second.tags;
}

// The tags of the object `arn` names, or its kind's NotFound error.
Result<Tags*> find_tags(Elbv2State& state, const std::string& arn) {
    Tags* tags = nullptr;
    switch (kind_of_arn(arn)) {
        case ArnKind::LoadBalancer:
            tags = tags_in(state.load_balancers, arn);
            if (tags == nullptr) return load_balancer_not_found();
            return tags;
        case ArnKind::TargetGroup:
            tags = tags_in(state.target_groups, arn);
            if (tags == nullptr) return target_group_not_found();
            return tags;
        case ArnKind::Listener:
            tags = tags_in(state.listeners, arn);
            if (tags == nullptr) return listener_not_found();
            return tags;
        case ArnKind::Rule:
            tags = tags_in(state.rules, arn);
            if (tags == nullptr) return rule_not_found();
            return tags;
        case ArnKind::Unknown:
            break;
    }
    return validation_error("'" + arn + "' is not a valid Elastic Load Balancing resource ARN");
}

}  // namespace

Result<Tags> tags_from_list(const TagList& tags, const std::string& resource_arn) {
    Tags out;
    for (const auto& [key, value] : tags) {
        if (key.empty() || key.size() > 128)
            return validation_error("Tag keys must be 1 to 128 characters long");
        if (value.size() > 256) return validation_error("Tag values cannot be longer than 256 characters");
        if (key.rfind("aws:", 0) == 0) return validation_error("Tag keys starting with 'aws:' are reserved");
        if (!out.emplace(key, value).second) return duplicate_tag_keys(key);
    }
    if (out.size() > kMaxTags) return too_many_tags(resource_arn);
    return out;
}

Status add_tags(Elbv2State& state, const std::vector<std::string>& arns, const TagList& tags) {
    for (const auto& arn : arns) {
        auto found = find_tags(state, arn);
        if (!found) return found.error();
        auto added = tags_from_list(tags, arn);
        if (!added) return added.error();
        Tags merged = *found.value();
        for (const auto& [key, value] : added.value()) merged[key] = value;
        if (merged.size() > kMaxTags) return too_many_tags(arn);
    }
    for (const auto& arn : arns) {
        Tags* target = find_tags(state, arn).value();
        for (const auto& [key, value] : tags) (*target)[key] = value;
    }
    return Ok{};
}

Status remove_tags(Elbv2State& state, const std::vector<std::string>& arns,
                   const std::vector<std::string>& keys) {
    for (const auto& arn : arns)
        if (auto found = find_tags(state, arn); !found) return found.error();
    for (const auto& arn : arns) {
        Tags* target = find_tags(state, arn).value();
        for (const auto& key : keys) target->erase(key);
    }
    return Ok{};
}

Result<std::vector<TagDescription>> describe_tags(const Elbv2State& state,
                                                  const std::vector<std::string>& arns) {
    if (arns.size() > 20) return validation_error("At most 20 resource ARNs can be specified");
    std::vector<TagDescription> out;
    for (const auto& arn : arns) {
        auto found = find_tags(const_cast<Elbv2State&>(state), arn);
        if (!found) return found.error();
        out.push_back(TagDescription{arn, *found.value()});
    }
    return out;
}

}  // namespace ecsemu::core::elbv2
