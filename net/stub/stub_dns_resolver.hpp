#pragma once
// ECSEMU_STUB_UPSTREAM names resolved by ecsemu's own DNS server (A records, through c-ares), for
// StubTaskRuntime::set_upstream_resolver().
#include <string>
#include <vector>

#include "net/stub/stub_upstream_client.hpp"

namespace ecsemu::net {

// nameservers as dns::AresResolver takes them ("127.255.255.253", "127.0.0.1:5353"). The resolver runs on
// io, which must be the stub runtime's io_context (its callbacks then run on the runtime's thread) and
// must outlive the returned function.
StubNameResolver make_stub_dns_resolver(boost::asio::io_context& io, std::vector<std::string> nameservers);

}  // namespace ecsemu::net
