#pragma once
// CreateListener, DescribeListeners, ModifyListener and DeleteListener. Each listener owns a default rule
// (its own ARN, IsDefault, Priority "default") whose actions are the listener's default actions.
#include <optional>
#include <string>
#include <vector>

#include "emulator/core/elbv2/elbv2_call.hpp"
#include "emulator/core/elbv2/tagging.hpp"

namespace ecsemu::core::elbv2 {

struct ListenerSettings {
    std::optional<std::string> protocol;
    std::optional<int> port;
    std::optional<std::vector<Action>> default_actions;
    bool certificates_given = false;
    bool ssl_policy_given = false;
};

// HTTP listeners only: ecsemu's proxy does not terminate TLS, so HTTPS is UnsupportedProtocol (after the
// ValidationError AWS gives an HTTPS listener without a certificate).
Result<const Listener*> create_listener(Elbv2Call& call, const std::string& lb_arn,
                                        const ListenerSettings& settings, const TagList& tags);

struct ListenerPage {
    std::vector<const Listener*> listeners;
    std::string next_marker;
};
// By load balancer (in port order) or by ARNs, exactly one of the two.
Result<ListenerPage> describe_listeners(const Elbv2State& state, const std::optional<std::string>& lb_arn,
                                        const std::vector<std::string>& arns,
                                        const std::optional<std::string>& marker,
                                        const std::optional<int>& page_size);

Result<const Listener*> modify_listener(Elbv2State& state, const std::string& arn,
                                        const ListenerSettings& settings);

// Removes the listener and its rules.
Status delete_listener(Elbv2State& state, const std::string& arn);

}  // namespace ecsemu::core::elbv2
