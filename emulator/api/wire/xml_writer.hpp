#pragma once
// XML bodies of the Query and EC2 protocols, written from the JSON tree a service returns.
//
// What a service returns for an XML protocol (the result of ApiResult):
//   - an object: its members become child elements named by their keys. nlohmann::json keeps keys sorted, so
//     elements come out in key order; AWS SDK XML parsers match elements by name, so order does not matter.
//     Use the element names of the wire: PascalCase for Query (LoadBalancerArn), the model's locationName for
//     EC2 (subnetSet, vpcId, tagSet).
//   - null, as a whole result: no <OpResult> element (operations without output). As a member or list
//   element:
//     left out (AWS omits absent members).
//   - arrays: one <member> (Query) or <item> (EC2) child per element; an empty array is an empty element,
//   which
//     SDKs read as an empty list.
//   - strings: escaped text. Timestamps must be strings in ISO 8601 ("2024-01-01T00:00:00.000Z"), as XML
//     protocols carry them; epoch numbers would reach the SDK as numbers it cannot parse as dates.
//   - booleans: true/false. Integers: decimal. Floating point: shortest round-trip form ("0.5", "1e+20").
//   - binary values are left out.
// Query maps (<entry><key/><value/></entry>) have no automatic form: return them as an array of
// {"key":..,"value":..} objects under an "entry"-named parent if ever needed.
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "emulator/core/errors.hpp"

namespace ecsemu::api {

enum class XmlListStyle { Member, Item };

// Appends text with &, <, >, ", ' escaped; characters XML 1.0 cannot carry (C0 controls other than tab, LF,
// CR) become U+FFFD, and CR is written as a character reference so parsers keep it.
void append_xml_escaped(std::string& out, std::string_view text);

// Appends the content of `value`: child elements for an object, list elements for an array, text otherwise.
void append_xml_value(std::string& out, const nlohmann::json& value, XmlListStyle lists);

// <OpResponse xmlns="ns"><OpResult>..</OpResult><ResponseMetadata><RequestId>id</RequestId>
// </ResponseMetadata></OpResponse>
std::string query_success_xml(std::string_view operation, std::string_view xml_namespace,
                              const nlohmann::json& result, std::string_view request_id);

// <OpResponse xmlns="ns"><requestId>id</requestId>..</OpResponse>
std::string ec2_success_xml(std::string_view operation, std::string_view xml_namespace,
                            const nlohmann::json& result, std::string_view request_id);

// <ErrorResponse xmlns="ns"><Error><Type>Sender|Receiver</Type><Code/><Message/></Error><RequestId/>
// </ErrorResponse>; the xmlns attribute is left out when the namespace is unknown.
std::string query_error_xml(std::string_view xml_namespace, const core::AwsError& error,
                            std::string_view request_id);

// <Response><Errors><Error><Code/><Message/></Error></Errors><RequestID/></Response>
std::string ec2_error_xml(const core::AwsError& error, std::string_view request_id);

}  // namespace ecsemu::api
