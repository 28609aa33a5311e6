#pragma once
// AWS Cloud Map (servicediscovery, JSON 1.1, X-Amz-Target prefix Route53AutoNaming_v20170314, API
// 2017-03-14): namespaces, services, instances and the asynchronous operations that report changes, one
// CloudMapState per (account, region) in a CloudMapWorld that ECS shares
// (core/cloudmap/ecs_registration.hpp). Ids come from the region's IdSource and times from ApiCall::now, so
// replaying the journaled mutations rebuilds the same objects. DiscoverInstances/DiscoverInstancesRevision
// carry the model's "data-" host prefix; they are served on the same endpoint as everything else.
#include <memory>
#include <string_view>

#include "emulator/api/service.hpp"
#include "emulator/core/cloudmap/cloudmap_state.hpp"

namespace ecsemu::api::cloudmap {

class CloudMapService final : public api::Service {
public:
    // Owns a world of its own (tests, use without an engine).
    CloudMapService();
    // Works on `world`, which ECS shares; it must outlive this service.
    explicit CloudMapService(core::cloudmap::CloudMapWorld& world);

    std::string_view signing_name() const override { return "servicediscovery"; }
    ApiResult call(const ApiCall& call) override;
    bool mutates(std::string_view operation) const override;
    void reset() override { world_.reset(); }

    core::cloudmap::CloudMapWorld& world() { return world_; }

private:
    std::unique_ptr<core::cloudmap::CloudMapWorld> owned_world_;  // null when the world is shared
    core::cloudmap::CloudMapWorld& world_;
};

}  // namespace ecsemu::api::cloudmap
