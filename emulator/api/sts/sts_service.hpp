#pragma once
// The STS subset ecsemu serves (Query protocol): GetCallerIdentity, so `aws sts get-caller-identity` and
// SDKs that resolve the account id work against the emulator.
#include <string_view>

#include "emulator/api/service.hpp"

namespace ecsemu::api::sts {

class StsService final : public Service {
public:
    StsService() = default;

    std::string_view signing_name() const override { return "sts"; }
    ApiResult call(const ApiCall& call) override;
    bool mutates(std::string_view /*operation*/) const override { return false; }
    void reset() override {}
};

}  // namespace ecsemu::api::sts
