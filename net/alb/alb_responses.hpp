#pragma once
// Responses the load balancer writes itself, byte for byte as ALB sends them (reference §4.3): its error
// pages, fixed-response actions and redirects. Pure functions over reused strings: no sockets, no clock.
#include <cstdint>
#include <string>
#include <string_view>

#include "emulator/core/model/elbv2.hpp"

namespace ecsemu::net::alb {

// The HTML body ALB uses for its own status pages, e.g. "503 Service Temporarily Unavailable".
std::string_view alb_status_page(int status);
std::string_view alb_reason_phrase(int status);

struct AlbResponseContext {
    std::string_view date;  // IMF-fixdate
    bool keep_alive = true;
};

// Appends a whole error page response (400, 408, 413, 502, 503, 504).
void append_error_page(std::string& out, int status, const AlbResponseContext& context);

// Appends the response of a fixed-response action.
void append_fixed_response(std::string& out, const core::elbv2::FixedResponse& fixed,
                           const AlbResponseContext& context);

// What a redirect's #{...} keywords expand to for one request.
struct RedirectInputs {
    std::string_view protocol = "http";
    std::string_view host;    // Host header without its port
    std::uint16_t port = 80;  // the listener's port as the API shows it
    std::string_view target;  // request-target: path plus optional "?query"
};

// Location of a redirect action: protocol://host:port/path?query, keywords expanded. #{path} is the path
// without its leading '/', #{query} the query without '?'; an empty query leaves no '?'.
void append_redirect_location(std::string& out, const core::elbv2::Redirect& redirect,
                              const RedirectInputs& inputs);

// Appends a 301/302 response carrying Location.
void append_redirect_response(std::string& out, const core::elbv2::Redirect& redirect,
                              const RedirectInputs& inputs, const AlbResponseContext& context);

}  // namespace ecsemu::net::alb
