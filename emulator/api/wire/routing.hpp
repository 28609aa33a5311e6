#pragma once
// Which emulated service and wire protocol a request is for. Pure table lookups over header values:
//   JSON:        X-Amz-Target "<Prefix>.<Operation>", the prefix names the service.
//   Query/EC2:   the form's Action names the operation, Version names the service.
//   SigV4 scope: "Credential=AKID/yyyymmdd/<region>/<signing name>/aws4_request" gives the region, and the
//                service of a form without Version. A JSON target prefix or form Version the tables do not
//                know is not guessed from the scope: AWS would refuse it too.
// A new service adds its row to the tables in routing.cpp.
#include <optional>
#include <string_view>

#include "emulator/api/service.hpp"

namespace ecsemu::api {

struct ServiceRoute {
    std::string_view signing_name;
    Protocol protocol = Protocol::Json11;
    std::string_view xml_namespace;  // Query/EC2 only
    // CloudWatch over JSON 1.0 (botocore >= 1.3x): errors also carry x-amzn-query-error so clients that
    // know the Query codes get them.
    bool query_compatible_errors = false;
};

std::optional<ServiceRoute> route_for_target_prefix(std::string_view prefix);
std::optional<ServiceRoute> route_for_query_version(std::string_view version);
// The form route of a signing name, for forms without a Version.
std::optional<ServiceRoute> form_route_for_signing_name(std::string_view signing_name);

struct CredentialScope {
    std::string_view access_key_id;
    std::string_view date;
    std::string_view region;
    std::string_view signing_name;
};

// Parses the Credential of an "AWS4-HMAC-SHA256 Credential=..., SignedHeaders=..., Signature=..." header.
// Signatures are not verified. Views point into `authorization`.
std::optional<CredentialScope> parse_credential_scope(std::string_view authorization);

enum class BodyFormat { AmzJson10, AmzJson11, OtherJson, Form, Other };

// Classifies a Content-Type value, ignoring parameters (charset) and case.
BodyFormat classify_content_type(std::string_view content_type);

struct TargetParts {
    std::string_view prefix;
    std::string_view operation;  // empty when the target has no '.'
};

TargetParts split_target(std::string_view target);

}  // namespace ecsemu::api
