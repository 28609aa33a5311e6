// Runs the ALB data plane alone for benchmarks: one listener on 127.0.0.1:<port> whose default rule
// forwards round robin to the given loopback targets. Prints the listener URL, then serves until
// SIGINT/SIGTERM.
//
// usage: alb_bench_driver --port 18080 --targets 127.0.0.1:9001,127.0.0.1:9002 [--threads 2]
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <string_view>

#include "emulator/core/alb/routing_snapshot.hpp"
#include "net/alb/alb_proxy.hpp"

using namespace ecsemu;

int main(int argc, char** argv) {
    std::uint16_t port = 18080;
    std::size_t threads = 2;
    std::string targets;
    for (int i = 1; i + 1 < argc; i += 2) {
        std::string_view flag = argv[i];
        if (flag == "--port") port = static_cast<std::uint16_t>(std::atoi(argv[i + 1]));
        if (flag == "--threads") threads = static_cast<std::size_t>(std::atoi(argv[i + 1]));
        if (flag == "--targets") targets = argv[i + 1];
    }
    auto snapshot = std::make_shared<core::alb::RoutingSnapshot>();
    core::alb::SnapshotTargetGroup group;
    group.arn = "arn:aws:elasticloadbalancing:us-east-1:000000000000:targetgroup/bench/0000000000000000";
    group.name = "bench";
    std::size_t start = 0;
    while (start < targets.size()) {
        auto comma = targets.find(',', start);
        auto item = targets.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
        auto colon = item.rfind(':');
        core::alb::SnapshotTarget target;
        target.id = item.substr(0, colon);
        target.port = std::atoi(item.c_str() + colon + 1);
        target.dial_host = target.id;
        target.dial_port = static_cast<std::uint16_t>(target.port);
        group.targets.push_back(target);
        if (comma == std::string::npos) break;
        start = comma + 1;
    }
    group.registered = static_cast<int>(group.targets.size());
    snapshot->groups.push_back(group);
    core::alb::SnapshotListener listener;
    listener.load_balancer_arn =
        "arn:aws:elasticloadbalancing:us-east-1:000000000000:loadbalancer/app/bench/0000000000000000";
    listener.load_balancer_name = "bench";
    listener.listener_arn = listener.load_balancer_arn + "/listener";
    listener.bind_host = "127.0.0.1";
    listener.port = port;
    core::alb::SnapshotRule rule;
    rule.is_default = true;
    rule.action.forward.groups.push_back({0, 1});
    listener.rules.push_back(rule);
    snapshot->listeners.push_back(listener);

    sigset_t signals;
    sigemptyset(&signals);
    sigaddset(&signals, SIGINT);
    sigaddset(&signals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &signals, nullptr);  // before the proxy threads start, so they inherit it

    net::alb::AlbProxy proxy(threads);
    proxy.apply(snapshot);
    auto listeners = proxy.listeners();
    if (listeners.empty()) {
        std::fprintf(stderr, "could not bind the listener\n");
        return 1;
    }
    std::printf("%s\n", listeners.front().url.c_str());
    std::fflush(stdout);
    int signal = 0;
    sigwait(&signals, &signal);
    proxy.stop();
    return 0;
}
