#pragma once
// Calls through CloudMapService with JSON params as the gateway hands them over, at a time the test
// advances by hand.
#include <nlohmann/json.hpp>
#include <string>

#include "emulator/api/cloudmap/cloudmap_service.hpp"
#include "emulator/core/cloudmap/cloudmap_call.hpp"

namespace ecsemu::test::cloudmap {

inline constexpr const char* kAccount = "123456789012";
inline constexpr const char* kRegion = "ap-southeast-1";

struct CloudMapFixture {
    api::cloudmap::CloudMapService service;
    core::Instant now{1'700'000'000'000};

    api::ApiResult call(const std::string& operation, nlohmann::json params = nlohmann::json::object(),
                        const std::string& region = kRegion);
    // The response of a call that must succeed (fails the test otherwise).
    nlohmann::json ok(const std::string& operation, nlohmann::json params = nlohmann::json::object());
    // The error code of a call that must fail.
    std::string error(const std::string& operation, nlohmann::json params = nlohmann::json::object());

    void advance_ms(std::int64_t ms) { now = now + core::Duration::milliseconds(ms); }
    core::cloudmap::CloudMapRegion& region() { return service.world().region(kAccount, kRegion); }
    core::cloudmap::CloudMapCall core_call() {
        return core::cloudmap::CloudMapCall{region(), kAccount, kRegion, now};
    }

    // Creates an HTTP namespace and returns its id.
    std::string http_namespace(const std::string& name);
    std::string private_namespace(const std::string& name, const std::string& vpc = "vpc-1");
    // Creates a service and returns its id.
    std::string service_in(const std::string& namespace_id, const std::string& name,
                           nlohmann::json extra = nlohmann::json::object());
};

}  // namespace ecsemu::test::cloudmap
