#include "net/stub/stub_dns_resolver.hpp"

#include <memory>
#include <system_error>
#include <utility>

#include "net/dns/ares_resolver.hpp"

namespace ecsemu::net {

StubNameResolver make_stub_dns_resolver(boost::asio::io_context& io, std::vector<std::string> nameservers) {
    auto resolver = std::make_shared<dns::AresResolver>(io, std::move(nameservers));
    return [resolver](const std::string& name, StubResolveDone done) {
        // Taken as absolute: no search domain is appended.
        resolver->resolve_a(
            name, [name, done = std::move(done)](std::error_code ec, std::vector<std::string> addresses) {
                if (!ec && !addresses.empty()) return done(addresses.front(), "");
                done("", "cannot resolve " + name + ": " + (ec ? ec.message() : std::string("no address")));
            });
    };
}

}  // namespace ecsemu::net
