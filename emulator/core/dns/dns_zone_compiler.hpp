#pragma once
// Compiles the records ecsemu's DNS server answers (dns_zone_snapshot.hpp):
//   - Service Connect client aliases: <dnsName> A <alias address> (the proxy listening for that alias), in a
//     zone named after the namespace (or the alias name itself when it lies outside the namespace);
//   - Cloud Map DNS namespaces: <service>.<namespace> A <each instance's address> and SRV <port>
//     <instance>.<service>.<namespace>, with A records for those targets. Instances that are ECS tasks answer
//     with the task's loopback address, where the task really listens (its ENI address exists only in
//     DescribeTasks); other instances with their AWS_INSTANCE_IPV4;
//   - load balancers: <DNSName> A <the load balancer's loopback address>, zone <region>.elb.amazonaws.com.
#include "emulator/core/cloudmap/cloudmap_state.hpp"
#include "emulator/core/dns/dns_zone_snapshot.hpp"
#include "emulator/core/ecs/ecs_world.hpp"
#include "emulator/core/elbv2/elbv2_state.hpp"
#include "emulator/core/service_connect/service_connect_snapshot.hpp"

namespace ecsemu::core::dns {

DnsZoneSnapshot compile_dns_zones(const service_connect::ServiceConnectSnapshot& service_connect,
                                  const cloudmap::CloudMapWorld& cloud_map, const ecs::EcsWorld& ecs,
                                  const elbv2::Elbv2World& elbv2);

}  // namespace ecsemu::core::dns
