#pragma once
// Every Cloud Map object of one (account, region), and the world of all regions. The API (api/cloudmap)
// and ECS (through ecs_registration.hpp) change it; the DNS and Service Connect compilers read it. All
// containers are ordered, so anything that iterates them decides the same way every run.
#include <cstdint>
#include <deque>
#include <map>
#include <string>

#include "emulator/core/cloudmap/cloudmap_model.hpp"
#include "emulator/core/ids.hpp"
#include "emulator/core/region_key.hpp"

namespace ecsemu::core::cloudmap {

struct CloudMapState {
    std::map<std::string, Namespace> namespaces;  // by id
    std::map<std::string, Service> services;      // by id; each holds its instances
    // Oldest first. Bounded (kMaxOperations): ECS registers one instance per task, forever.
    std::deque<Operation> operations;
    // Source of instances_revision values: increasing across the region, so a service deleted and
    // created again never repeats a revision a client has seen.
    std::int64_t last_revision = 0;
    std::uint64_t last_operation_sequence = 0;

    static constexpr std::size_t kMaxOperations = 5000;

    const Namespace* find_namespace(const std::string& id) const;
    const Service* find_service(const std::string& id) const;
    int service_count(const std::string& namespace_id) const;
};

struct CloudMapRegion {
    CloudMapState state;
    IdSource ids;
};

class CloudMapWorld {
public:
    // The region, created empty on first use; its IdSource is seeded from "cloudmap/<account>/<region>".
    CloudMapRegion& region(const std::string& account_id, const std::string& region);
    CloudMapRegion* find_region(const std::string& account_id, const std::string& region);
    const CloudMapRegion* find_region(const std::string& account_id, const std::string& region) const;

    // Regions by "<account>/<region>", in key order.
    RegionMap<CloudMapRegion>& regions() { return regions_; }
    const RegionMap<CloudMapRegion>& regions() const { return regions_; }

    void reset() { regions_.clear(); }

    static std::string region_key(const std::string& account_id, const std::string& region);

private:
    RegionMap<CloudMapRegion> regions_;
};

}  // namespace ecsemu::core::cloudmap
