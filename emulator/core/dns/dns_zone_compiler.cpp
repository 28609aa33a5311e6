#include "emulator/core/dns/dns_zone_compiler.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <set>

namespace ecsemu::core::dns {

namespace {

std::string lower(std::string text) {
    std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return std::tolower(c); });
    while (!text.empty() && text.back() == '.') text.pop_back();
    return text;
}

bool inside(const std::string& name, const std::string& zone) {
    return name == zone ||
           (name.size() > zone.size() && name.compare(name.size() - zone.size(), zone.size(), zone) == 0 &&
            name[name.size() - zone.size() - 1] == '.');
}

std::string instance_address(const ecs::EcsWorld& ecs, const std::string& account_id,
                             const std::string& region, const cloudmap::Instance& instance) {
    if (const ecs::EcsRegion* r = ecs.find_region(account_id, region)) {
        for (const auto& [cluster, tasks] : r->state.tasks) {
            const auto it = tasks.find(instance.id);
            if (it != tasks.end() && it->second.is_live() && !it->second.local_address.empty())
                return it->second.local_address;
        }
    }
    const auto ip = instance.attributes.find("AWS_INSTANCE_IPV4");
    return ip == instance.attributes.end() ? std::string() : ip->second;
}

void add_zone(DnsZoneSnapshot& snapshot, std::set<std::string>& zones, const std::string& zone) {
    if (!zone.empty() && zones.insert(zone).second) snapshot.zones.push_back(zone);
}

}  // namespace

DnsZoneSnapshot compile_dns_zones(const service_connect::ServiceConnectSnapshot& service_connect,
                                  const cloudmap::CloudMapWorld& cloud_map, const ecs::EcsWorld& ecs,
                                  const elbv2::Elbv2World& elbv2) {
    DnsZoneSnapshot snapshot;
    std::set<std::string> zones;
    for (const auto& alias : service_connect.aliases) {
        const std::string name = lower(alias.dns_name);
        const std::string ns = lower(alias.namespace_name);
        add_zone(snapshot, zones, !ns.empty() && inside(name, ns) ? ns : name);
        auto& a = snapshot.records[name].a;
        if (std::find(a.begin(), a.end(), alias.vip) == a.end()) a.push_back(alias.vip);
    }
    for (const auto& [key, region] : cloud_map.regions()) {
        const std::string account_id = key.substr(0, key.find('/'));
        const std::string region_name = key.substr(key.find('/') + 1);
        for (const auto& [id, ns] : region.state.namespaces) {
            if (ns.type == cloudmap::NamespaceType::Http) continue;
            const std::string zone = lower(ns.name);
            add_zone(snapshot, zones, zone);
            for (const auto& [service_id, service] : region.state.services) {
                if (service.namespace_id != id || !service.dns_config) continue;
                const std::string name = lower(service.name) + "." + zone;
                auto& records = snapshot.records[name];
                for (const auto& [instance_id, instance] : service.instances) {
                    const std::string address = instance_address(ecs, account_id, region_name, instance);
                    if (address.empty()) continue;
                    records.a.push_back(address);
                    const auto port_attr = instance.attributes.find("AWS_INSTANCE_PORT");
                    int port = 0;
                    if (port_attr != instance.attributes.end()) {
                        const std::string& text = port_attr->second;
                        std::from_chars(text.data(), text.data() + text.size(), port);
                    }
                    if (port <= 0 || port > 65535) continue;
                    const std::string target = lower(instance_id) + "." + name;
                    records.srv.push_back({1, 1, static_cast<std::uint16_t>(port), target});
                    snapshot.records[target].a.push_back(address);
                }
            }
        }
    }
    for (const auto& [key, region] : elbv2.regions()) {
        for (const auto& [arn, lb] : region.state.load_balancers) {
            const std::string name = lower(lb.dns_name);
            const auto dot = name.find(".elb.amazonaws.com");
            if (dot == std::string::npos) continue;
            // <name>-<digits>.<region>.elb.amazonaws.com: the zone starts after the first label.
            add_zone(snapshot, zones, name.substr(name.find('.') + 1));
            snapshot.records[name].a.push_back(lb.local_address);
        }
    }
    return snapshot;
}

}  // namespace ecsemu::core::dns
