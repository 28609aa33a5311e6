#pragma once
// Reads Cloud Map request members into core types. The input validator has already checked JSON types and
// required members against the botocore model, so these readers only decide enums and defaults; a value
// outside an enum is InvalidInput.
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "emulator/api/json_members.hpp"
#include "emulator/core/cloudmap/cloudmap_model.hpp"
#include "emulator/core/cloudmap/listing.hpp"
#include "emulator/core/errors.hpp"

namespace ecsemu::api::cloudmap {

using api::member;
using api::optional_string;
using api::string_list;
using api::string_map;
using api::string_member;
std::optional<int> optional_int(const nlohmann::json& object, const char* key);
std::optional<std::int64_t> optional_long(const nlohmann::json& object, const char* key);

std::vector<core::cloudmap::Tag> decode_tags(const nlohmann::json& object, const char* key);
std::vector<core::cloudmap::Filter> decode_filters(const nlohmann::json& object, const char* key);
core::Result<core::cloudmap::DnsConfig> decode_dns_config(const nlohmann::json& dns_config);
core::Result<std::vector<core::cloudmap::DnsRecord>> decode_dns_records(const nlohmann::json& dns_records);
core::Result<core::cloudmap::HealthCheckConfig> decode_health_check(const nlohmann::json& health_check);
// Properties.DnsProperties.SOA.TTL of the Create/Update DNS namespace requests.
std::optional<std::int64_t> decode_soa_ttl(const nlohmann::json& object, const char* properties_key);

}  // namespace ecsemu::api::cloudmap
