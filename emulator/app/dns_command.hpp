#pragma once
// `ecsemu dns NAME [--type A|SRV] [--server HOST:PORT | --endpoint URL]`: resolves NAME through ecsemu's
// DNS server with c-ares, the way tasks and proxies do, and prints one answer per line. Without --server
// the DNS address comes from GET <endpoint>/_ecsemu/endpoints (fields dns.host and dns.port).
#include <cstdint>
#include <cstdio>
#include <string>

#include "net/dns/ares_resolver.hpp"

namespace ecsemu::app {

struct DnsCommandOptions {
    std::string name;
    net::dns::LookupType type = net::dns::LookupType::A;
    std::string server;                              // "HOST[:PORT]" or "[V6]:PORT"; empty: ask the endpoint
    std::string endpoint = "http://127.0.0.1:4566";  // ecsemu's API address
};

struct DnsCommandLine {
    DnsCommandOptions options;
    bool help = false;
    std::string usage_error;  // non-empty: print it and the usage on stderr, exit 2
};

// argv[0] is "dns".
DnsCommandLine parse_dns_command(int argc, const char* const* argv);

void print_dns_usage(std::FILE* out);

// Exit status: 0 with answers, 1 on NXDOMAIN, no records, REFUSED or any failure, 2 on a usage error.
int run_dns_command(int argc, const char* const* argv);

}  // namespace ecsemu::app
