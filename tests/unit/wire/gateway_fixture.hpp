#pragma once
// Fakes and request builders shared by the gateway tests: services that record their calls, a journal that
// can be told to fail, and JSON/form requests as botocore sends them.
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "emulator/api/wire/gateway.hpp"

namespace ecsemu::api::test {

using core::AwsError;
using core::Instant;
using nlohmann::json;

inline constexpr std::string_view kEcsTarget = "AmazonEC2ContainerServiceV20141113.";

class FakeService final : public Service {
public:
    explicit FakeService(std::string signing_name) : signing_name_(std::move(signing_name)) {}

    std::string_view signing_name() const override { return signing_name_; }
    ApiResult call(const ApiCall& call) override {
        calls.push_back(call);
        if (behaviour) return behaviour(call);
        return json{{"echo", call.params}};
    }
    bool mutates(std::string_view operation) const override { return operation.rfind("Create", 0) == 0; }
    void reset() override { ++resets; }

    std::vector<ApiCall> calls;
    std::function<ApiResult(const ApiCall&)> behaviour;
    int resets = 0;

private:
    std::string signing_name_;
};

class FakeJournal final : public JournalSink {
public:
    ecsemu::core::Status append(std::string_view record) override {
        if (fail) return AwsError::server("InternalFailure", "disk full");
        records.emplace_back(record);
        return ecsemu::core::Ok{};
    }
    std::vector<std::string> records;
    bool fail = false;
};

inline std::string authorization(std::string_view region, std::string_view service) {
    return "AWS4-HMAC-SHA256 Credential=AKID/20261126/" + std::string(region) + "/" + std::string(service) +
           "/aws4_request, SignedHeaders=content-type;host;x-amz-date, Signature=00";
}

inline WireRequest json_request(std::string_view operation, std::string body,
                                std::string_view prefix = kEcsTarget) {
    WireRequest request;
    request.method = "POST";
    request.target = "/";
    request.headers = {{"Content-Type", "application/x-amz-json-1.1"},
                       {"X-Amz-Target", std::string(prefix) + std::string(operation)},
                       {"Authorization", authorization("eu-west-2", "ecs")}};
    request.body = std::move(body);
    return request;
}

inline WireRequest form_request(std::string body, std::string_view signing_name = "elasticloadbalancing") {
    WireRequest request;
    request.method = "POST";
    request.target = "/";
    request.headers = {{"content-type", "application/x-www-form-urlencoded; charset=utf-8"},
                       {"authorization", authorization("us-east-1", signing_name)}};
    request.body = std::move(body);
    return request;
}

inline std::string_view header(const WireResponse& response, std::string_view name) {
    for (const auto& [key, value] : response.headers) {
        if (key == name) return value;
    }
    return {};
}

inline GatewayConfig test_config() {
    GatewayConfig config;
    config.default_region = "ap-southeast-1";
    config.account_id = "123456789012";
    return config;
}

struct Fixture {
    Fixture() : gateway(test_config(), [this] { return clock; }) {
        gateway.add_service(ecs);
        gateway.add_service(elb);
        gateway.add_service(ec2);
        gateway.add_service(monitoring);
        gateway.set_journal(&journal);
    }
    Instant clock{1'700'000'000'000};
    FakeService ecs{"ecs"};
    FakeService elb{"elasticloadbalancing"};
    FakeService ec2{"ec2"};
    FakeService monitoring{"monitoring"};
    FakeJournal journal;
    Gateway gateway;
};

}  // namespace ecsemu::api::test
