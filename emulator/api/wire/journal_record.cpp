#include "emulator/api/wire/journal_record.hpp"

#include "emulator/api/wire/json_body.hpp"

namespace ecsemu::api {

namespace {

core::AwsError invalid(std::string message) {
    return core::AwsError::server("InvalidJournalRecord", std::move(message));
}

void append_json_string(std::string& out, std::string_view text) {
    out.append(dump_json(nlohmann::json(std::string(text))));
}

const std::string* string_member(const nlohmann::json& object, const char* name) {
    const auto it = object.find(name);
    return it != object.end() && it->is_string() ? &it->get_ref<const std::string&>() : nullptr;
}

}  // namespace

std::string_view protocol_name(Protocol protocol) {
    switch (protocol) {
        case Protocol::Json10:
            return "json1.0";
        case Protocol::Json11:
            return "json1.1";
        case Protocol::Query:
            return "query";
        case Protocol::Ec2:
            return "ec2";
    }
    return "json1.1";
}

std::optional<Protocol> protocol_from_name(std::string_view name) {
    for (const auto protocol : {Protocol::Json10, Protocol::Json11, Protocol::Query, Protocol::Ec2}) {
        if (protocol_name(protocol) == name) return protocol;
    }
    return std::nullopt;
}

std::string encode_journal_record(const ApiCall& call) {
    std::string out;
    out.reserve(160);
    out.append("{\"v\":").append(std::to_string(kJournalRecordVersion));
    out.append(",\"service\":");
    append_json_string(out, call.service);
    out.append(",\"operation\":");
    append_json_string(out, call.operation);
    out.append(",\"region\":");
    append_json_string(out, call.region);
    out.append(",\"protocol\":\"").append(protocol_name(call.protocol)).append("\"");
    out.append(",\"now_ms\":").append(std::to_string(call.now.epoch_ms));
    out.append(",\"request_id\":");
    append_json_string(out, call.request_id);
    out.append(",\"params\":");
    out.append(call.params.is_null() ? std::string("{}") : dump_json(call.params));
    out.push_back('}');
    return out;
}

core::Result<JournalRecord> decode_journal_record(std::string_view line) {
    auto parsed = nlohmann::json::parse(line.begin(), line.end(), nullptr, /*allow_exceptions=*/false);
    if (parsed.is_discarded() || !parsed.is_object()) return invalid("Journal record is not a JSON object");
    const auto version = parsed.find("v");
    if (version == parsed.end() || !version->is_number_integer() ||
        version->get<int>() != kJournalRecordVersion) {
        return invalid("Unsupported journal record version");
    }
    const auto* service = string_member(parsed, "service");
    const auto* operation = string_member(parsed, "operation");
    const auto* region = string_member(parsed, "region");
    const auto* protocol_text = string_member(parsed, "protocol");
    const auto now_ms = parsed.find("now_ms");
    if (service == nullptr || operation == nullptr || region == nullptr || protocol_text == nullptr ||
        now_ms == parsed.end() || !now_ms->is_number_integer()) {
        return invalid("Journal record lacks a required field");
    }
    const auto protocol = protocol_from_name(*protocol_text);
    if (!protocol) return invalid("Journal record has an unknown protocol");

    JournalRecord record;
    record.service = *service;
    record.operation = *operation;
    record.region = *region;
    record.protocol = *protocol;
    record.now = core::Instant{now_ms->get<std::int64_t>()};
    if (const auto* request_id = string_member(parsed, "request_id")) record.request_id = *request_id;
    const auto params = parsed.find("params");
    record.params =
        params != parsed.end() && params->is_object() ? std::move(*params) : nlohmann::json::object();
    return record;
}

}  // namespace ecsemu::api
