#include "net/stub/stub_health.hpp"

#include <algorithm>

namespace ecsemu::net {

bool stub_is_failing(const StubBehaviour& behaviour, core::Duration running_for) {
    switch (behaviour.health) {
        case StubHealthMode::Ok:
            return false;
        case StubHealthMode::Fail:
            return true;
        case StubHealthMode::FailAfter:
            return running_for >= behaviour.fail_after;
    }
    return false;
}

bool stub_health_check_passes(const StubBehaviour& behaviour, core::Duration running_for,
                              core::Duration check_timeout) {
    return !stub_is_failing(behaviour, running_for) && behaviour.latency < check_timeout;
}

std::optional<std::string> health_check_url_path(const core::ContainerHealthCheckSpec& spec) {
    std::string command;
    for (const auto& part : spec.command) command += part + " ";
    for (std::string_view scheme : {"http://", "https://"}) {
        auto start = command.find(scheme);
        if (start == std::string::npos) continue;
        auto url_end = command.find_first_of(" \t\"'|;&><)", start);
        std::string_view url =
            std::string_view(command).substr(start + scheme.size(), url_end - start - scheme.size());
        auto slash = url.find('/');
        if (slash == std::string_view::npos) return std::string("/");
        auto path = url.substr(slash);
        return std::string(path.substr(0, path.find_first_of("?#")));
    }
    return std::nullopt;
}

bool is_health_path(std::string_view request_target, const std::optional<std::string>& health_check_path) {
    auto path = request_target.substr(0, request_target.find('?'));
    if (health_check_path) return path == *health_check_path;
    if (path.size() > 1 && path.back() == '/') path.remove_suffix(1);
    auto last_slash = path.rfind('/');
    return path.substr(last_slash == std::string_view::npos ? 0 : last_slash + 1) == "health";
}

}  // namespace ecsemu::net
