#include "emulator/api/wire/routing.hpp"

#include <array>

#include "emulator/api/wire/text.hpp"

namespace ecsemu::api {

namespace {

constexpr std::string_view kElbNamespace = "http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/";
constexpr std::string_view kEc2Namespace = "http://ec2.amazonaws.com/doc/2016-11-15/";
constexpr std::string_view kMonitoringNamespace = "http://monitoring.amazonaws.com/doc/2010-08-01/";
constexpr std::string_view kStsNamespace = "https://sts.amazonaws.com/doc/2011-06-15/";

struct TargetPrefixEntry {
    std::string_view prefix;
    ServiceRoute route;
};

constexpr std::array kTargetPrefixes = {
    TargetPrefixEntry{"AmazonEC2ContainerServiceV20141113", {"ecs", Protocol::Json11, {}, false}},
    TargetPrefixEntry{"AnyScaleFrontendService", {"application-autoscaling", Protocol::Json11, {}, false}},
    TargetPrefixEntry{"Route53AutoNaming_v20170314", {"servicediscovery", Protocol::Json11, {}, false}},
    TargetPrefixEntry{"Logs_20140328", {"logs", Protocol::Json11, {}, false}},
    TargetPrefixEntry{"GraniteServiceVersion20100801", {"monitoring", Protocol::Json10, {}, true}},
};

struct QueryVersionEntry {
    std::string_view version;
    ServiceRoute route;
};

constexpr std::array kQueryVersions = {
    QueryVersionEntry{"2015-12-01", {"elasticloadbalancing", Protocol::Query, kElbNamespace, false}},
    QueryVersionEntry{"2016-11-15", {"ec2", Protocol::Ec2, kEc2Namespace, false}},
    QueryVersionEntry{"2010-08-01", {"monitoring", Protocol::Query, kMonitoringNamespace, false}},
    QueryVersionEntry{"2011-06-15", {"sts", Protocol::Query, kStsNamespace, false}},
};

std::string_view trim(std::string_view text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
    return text;
}

}  // namespace

std::optional<ServiceRoute> route_for_target_prefix(std::string_view prefix) {
    for (const auto& entry : kTargetPrefixes) {
        if (entry.prefix == prefix) return entry.route;
    }
    return std::nullopt;
}

std::optional<ServiceRoute> route_for_query_version(std::string_view version) {
    for (const auto& entry : kQueryVersions) {
        if (entry.version == version) return entry.route;
    }
    return std::nullopt;
}

std::optional<ServiceRoute> form_route_for_signing_name(std::string_view signing_name) {
    for (const auto& entry : kQueryVersions) {
        if (entry.route.signing_name == signing_name) return entry.route;
    }
    return std::nullopt;
}

std::optional<CredentialScope> parse_credential_scope(std::string_view authorization) {
    constexpr std::string_view kKey = "Credential=";
    const auto start = authorization.find(kKey);
    if (start == std::string_view::npos) return std::nullopt;
    auto credential = authorization.substr(start + kKey.size());
    credential = credential.substr(0, credential.find_first_of(", \t"));

    std::array<std::string_view, 5> fields{};
    std::size_t count = 0;
    while (count < fields.size()) {
        const auto slash = credential.find('/');
        fields[count++] = credential.substr(0, slash);
        if (slash == std::string_view::npos) break;
        credential.remove_prefix(slash + 1);
    }
    if (count < 4) return std::nullopt;
    return CredentialScope{fields[0], fields[1], fields[2], fields[3]};
}

BodyFormat classify_content_type(std::string_view content_type) {
    const auto media_type = trim(content_type.substr(0, content_type.find(';')));
    if (iequals_ascii(media_type, "application/x-amz-json-1.1")) return BodyFormat::AmzJson11;
    if (iequals_ascii(media_type, "application/x-amz-json-1.0")) return BodyFormat::AmzJson10;
    if (iequals_ascii(media_type, "application/json")) return BodyFormat::OtherJson;
    if (iequals_ascii(media_type, "application/x-www-form-urlencoded")) return BodyFormat::Form;
    return BodyFormat::Other;
}

TargetParts split_target(std::string_view target) {
    const auto dot = target.find('.');
    if (dot == std::string_view::npos) return TargetParts{target, {}};
    return TargetParts{target.substr(0, dot), target.substr(dot + 1)};
}

}  // namespace ecsemu::api
