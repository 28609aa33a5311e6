#pragma once
// Amazon CloudWatch (signing name "monitoring", API 2010-08-01): metric alarms and metric data, one
// CloudWatchState per (account, region) in a CloudWatchWorld that the data planes record metrics into and
// Application Auto Scaling installs its target-tracking alarms in. Served over both protocols CloudWatch
// speaks: Query (botocore 1.29, the Debian aws CLI) and JSON 1.0 with Query-compatible errors (botocore
// 1.3x+). Time comes from ApiCall::now only, so replaying the journaled mutations rebuilds the same state.
#include <memory>
#include <string_view>

#include "emulator/api/service.hpp"
#include "emulator/core/cloudwatch/cloudwatch_state.hpp"

namespace ecsemu::api::cloudwatch {

class CloudWatchService final : public api::Service {
public:
    // Owns a world of its own (tests, use without an engine).
    CloudWatchService();
    // Works on `world`, which the data planes and Application Auto Scaling share; it must outlive this
    // service.
    explicit CloudWatchService(core::cloudwatch::CloudWatchWorld& world);

    std::string_view signing_name() const override { return "monitoring"; }
    ApiResult call(const ApiCall& call) override;
    bool mutates(std::string_view operation) const override;
    void reset() override { world_.reset(); }

    core::cloudwatch::CloudWatchWorld& world() { return world_; }

private:
    std::unique_ptr<core::cloudwatch::CloudWatchWorld> owned_world_;  // null when the world is shared
    core::cloudwatch::CloudWatchWorld& world_;
};

}  // namespace ecsemu::api::cloudwatch
