#pragma once
// Drives Ec2Service the way the front door does: operation name plus the decoded params tree.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <string>

#include "emulator/api/ec2/ec2_service.hpp"

namespace ecsemu::test {

using nlohmann::json;

inline constexpr const char* kRegion = "ap-southeast-1";
inline constexpr const char* kAccount = "123456789012";

class Ec2Fixture {
public:
    api::ApiResult call(const std::string& operation, json params = json::object(),
                        const std::string& region = kRegion) {
        api::ApiCall request;
        request.service = "ec2";
        request.operation = operation;
        request.region = region;
        request.account_id = kAccount;
        request.protocol = api::Protocol::Ec2;
        request.params = std::move(params);
        request.now = core::Instant{1'700'000'000'000};
        request.request_id = "req-1";
        return service.call(request);
    }

    // The result of a call that must succeed; the error code and message otherwise fail the test.
    json ok(const std::string& operation, json params = json::object(), const std::string& region = kRegion) {
        auto result = call(operation, std::move(params), region);
        INFO(operation << " failed: "
                       << (result.ok() ? "" : result.error().code + ": " + result.error().message));
        REQUIRE(result.ok());
        return result.value();
    }

    core::AwsError error(const std::string& operation, json params = json::object(),
                         const std::string& region = kRegion) {
        auto result = call(operation, std::move(params), region);
        REQUIRE_FALSE(result.ok());
        return result.error();
    }

    std::string create_vpc(const std::string& cidr, const std::string& name = "") {
        json params = {{"CidrBlock", cidr}};
        if (!name.empty()) params["TagSpecification"] = name_tag_spec("vpc", name);
        return ok("CreateVpc", params)["vpc"]["vpcId"];
    }

    std::string create_subnet(const std::string& vpc_id, const std::string& cidr,
                              const std::string& zone = "", const std::string& name = "") {
        json params = {{"VpcId", vpc_id}, {"CidrBlock", cidr}};
        if (!zone.empty()) params["AvailabilityZone"] = zone;
        if (!name.empty()) params["TagSpecification"] = name_tag_spec("subnet", name);
        return ok("CreateSubnet", params)["subnet"]["subnetId"];
    }

    std::string create_group(const std::string& vpc_id, const std::string& name) {
        return ok("CreateSecurityGroup",
                  {{"GroupName", name}, {"GroupDescription", name + " group"}, {"VpcId", vpc_id}})["groupId"];
    }

    static json name_tag_spec(const std::string& type, const std::string& name) {
        return json::array(
            {{{"ResourceType", type}, {"Tag", json::array({{{"Key", "Name"}, {"Value", name}}})}}});
    }

    static json filter(const std::string& name, json values) {
        return json::array({{{"Name", name}, {"Value", std::move(values)}}});
    }

    api::ec2::Ec2Service service;
};

}  // namespace ecsemu::test
