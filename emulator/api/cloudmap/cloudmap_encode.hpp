#pragma once
// Core Cloud Map objects as the botocore model's output shapes (Namespace, NamespaceSummary, Service,
// ServiceSummary, Operation, Instance, InstanceSummary, HttpInstanceSummary). Timestamps are epoch seconds.
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "emulator/core/cloudmap/cloudmap_model.hpp"
#include "emulator/core/time.hpp"

namespace ecsemu::api::cloudmap {

nlohmann::json encode_namespace(const core::cloudmap::Namespace& ns, int service_count,
                                const std::string& account_id);
nlohmann::json encode_namespace_summary(const core::cloudmap::Namespace& ns, int service_count,
                                        const std::string& account_id);
nlohmann::json encode_service(const core::cloudmap::Service& service, const std::string& account_id);
nlohmann::json encode_service_summary(const core::cloudmap::Service& service, const std::string& account_id);
nlohmann::json encode_operation(const core::cloudmap::Operation& operation, core::Instant now,
                                const std::string& account_id);
nlohmann::json encode_instance(const core::cloudmap::Instance& instance, const std::string& account_id);
nlohmann::json encode_instance_summary(const core::cloudmap::Instance& instance,
                                       const std::string& account_id);
nlohmann::json encode_tags(const std::vector<core::cloudmap::Tag>& tags);
nlohmann::json encode_attributes(const std::map<std::string, std::string>& attributes);

}  // namespace ecsemu::api::cloudmap
