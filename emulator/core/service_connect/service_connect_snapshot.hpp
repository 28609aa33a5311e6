#pragma once
// What the Service Connect data plane reads: every client alias (dnsName:port) with the loopback address its
// client-side proxy listens on and the endpoints (RUNNING tasks of the server service) it balances over.
// The control logic compiles one from the ECS world and Cloud Map whenever tasks start, stop or drain, and
// publishes it as a shared_ptr<const ServiceConnectSnapshot>; proxy threads swap to the new one atomically.
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "emulator/core/time.hpp"

namespace ecsemu::core::service_connect {

struct ScEndpoint {
    std::string task_id;  // the Cloud Map instance id
    std::string ip;       // the task's ENI address (AWS_INSTANCE_IPV4)
    // Where the proxy connects: the task's loopback address and the container port.
    std::string dial_host;
    std::uint16_t dial_port = 0;
    std::string availability_zone;
};

struct ScAlias {
    std::string dns_name;    // backend.ielts.local
    std::uint16_t port = 0;  // 8080: the client-side listener's port
    // The loopback address the alias resolves to and the proxy listens on (127.255.0.N, as ECS writes into
    // /etc/hosts).
    std::string vip;
    std::string namespace_name;  // ielts.local
    std::string discovery_name;  // backend
    std::string app_protocol;    // http | http2 | grpc | "" (TCP)
    // Endpoints that may receive new requests, in task id order. Tasks that are stopping are left out (they
    // drain: requests already in flight finish).
    std::vector<ScEndpoint> endpoints;
    Duration per_request_timeout = Duration::seconds(15);  // 0: none
    Duration idle_timeout = Duration::seconds(300);        // 0: none
    // Metrics dimensions.
    std::string cluster_name;
    std::string service_name;  // the server service
};

struct ServiceConnectSnapshot {
    std::uint64_t version = 0;
    std::vector<ScAlias> aliases;  // by (vip, port); one listener each
};

using ServiceConnectSnapshotPtr = std::shared_ptr<const ServiceConnectSnapshot>;

// Counts the Service Connect proxies observed, handed back to the control logic for CloudWatch
// (AWS/ECS RequestCount, NewConnectionCount, ActiveConnectionCount, TargetResponseTime by DiscoveryName).
struct ScTraffic {
    std::uint64_t requests = 0;
    std::uint64_t new_connections = 0;
    std::uint64_t active_connections = 0;  // a gauge at the time of the sample
    std::uint64_t target_2xx = 0, target_3xx = 0, target_4xx = 0, target_5xx = 0;
    std::uint64_t response_time_sum_us = 0;
    std::uint64_t responses = 0;
    std::uint64_t retries = 0, ejections = 0, failed = 0;  // failed: answered with a proxy-made 5xx
};

}  // namespace ecsemu::core::service_connect
