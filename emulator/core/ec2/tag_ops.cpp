// RegionState: tags on VPCs, subnets and security groups.
#include "emulator/core/ec2/ec2_errors.hpp"
#include "emulator/core/ec2/region_state.hpp"

namespace ecsemu::core::ec2 {

namespace {

constexpr std::size_t kTagKeyMaxLength = 128;
constexpr std::size_t kTagValueMaxLength = 256;

bool has_prefix(const std::string& id, std::string_view prefix) {
    return id.rfind(prefix, 0) == 0;
}

template <class Resource>
void describe_tags(const ResourceTable<Resource>& table, const std::string& resource_type,
                   std::vector<TagDescription>& out) {
    for (const auto& resource : table) {
        for (const auto& [key, value] : resource.tags) {
            out.push_back(TagDescription{resource.id, resource_type, key, value});
        }
    }
}

}  // namespace

Status validate_tags(const Tags& tags) {
    for (const auto& [key, value] : tags) {
        if (key.empty() || key.size() > kTagKeyMaxLength) {
            return invalid_parameter_value("Tag keys must be between 1 and 128 characters long.");
        }
        if (key.rfind("aws:", 0) == 0) {
            return invalid_parameter_value("Tag keys starting with 'aws:' are reserved for internal use");
        }
        if (value.size() > kTagValueMaxLength) {
            return invalid_parameter_value("Tag values may be at most 256 characters long.");
        }
    }
    return Ok{};
}

Tags* RegionState::find_tags(const std::string& resource_id) {
    if (auto* vpc = vpcs_.find(resource_id)) return &vpc->tags;
    if (auto* subnet = subnets_.find(resource_id)) return &subnet->tags;
    if (auto* group = groups_.find(resource_id)) return &group->tags;
    return nullptr;
}

Status RegionState::check_taggable(const std::vector<std::string>& resource_ids) {
    if (resource_ids.empty()) return missing_parameter("resourceIdSet");
    for (const auto& id : resource_ids) {
        if (find_tags(id)) continue;
        if (has_prefix(id, "vpc-")) return vpc_not_found(id);
        if (has_prefix(id, "subnet-")) return subnet_not_found(id);
        if (has_prefix(id, "sg-")) return security_group_not_found(id);
        return invalid_resource_id(id);
    }
    return Ok{};
}

Status RegionState::create_tags(const std::vector<std::string>& resource_ids, const Tags& tags) {
    if (auto taggable = check_taggable(resource_ids); !taggable) return taggable;
    if (auto valid = validate_tags(tags); !valid) return valid;
    for (const auto& id : resource_ids) {
        Tags& target = *find_tags(id);
        for (const auto& [key, value] : tags) target[key] = value;
    }
    return Ok{};
}

Status RegionState::delete_tags(const std::vector<std::string>& resource_ids,
                                const std::vector<TagKeyRequest>& keys) {
    if (auto taggable = check_taggable(resource_ids); !taggable) return taggable;
    for (const auto& id : resource_ids) {
        Tags& target = *find_tags(id);
        if (keys.empty()) {
            target.clear();
            continue;
        }
        for (const auto& request : keys) {
            const auto it = target.find(request.key);
            if (it == target.end()) continue;
            if (!request.value || *request.value == it->second) target.erase(it);
        }
    }
    return Ok{};
}

std::vector<TagDescription> RegionState::tag_descriptions() const {
    std::vector<TagDescription> out;
    describe_tags(vpcs_, "vpc", out);
    describe_tags(subnets_, "subnet", out);
    describe_tags(groups_, "security-group", out);
    return out;
}

}  // namespace ecsemu::core::ec2
