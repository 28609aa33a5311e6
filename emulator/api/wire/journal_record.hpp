#pragma once
// One journaled mutation: everything needed to re-run the call deterministically on restart.
// A record is a single line of JSON:
//   {"v":1,"service":"ecs","operation":"CreateCluster","region":"ap-southeast-1","protocol":"json1.1",
//    "now_ms":1700000000000,"request_id":"…","params":{…}}
// account_id is not recorded: it comes from the configuration of the process that replays.
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "emulator/api/service.hpp"
#include "emulator/core/errors.hpp"

namespace ecsemu::api {

inline constexpr int kJournalRecordVersion = 1;

struct JournalRecord {
    std::string service;
    std::string operation;
    std::string region;
    Protocol protocol = Protocol::Json11;
    core::Instant now;
    std::string request_id;
    nlohmann::json params;
};

std::string_view protocol_name(Protocol protocol);
std::optional<Protocol> protocol_from_name(std::string_view name);

// Never contains a newline (JSON escapes them inside strings).
std::string encode_journal_record(const ApiCall& call);

// InvalidJournalRecord (500) when the line is not a record this version understands.
core::Result<JournalRecord> decode_journal_record(std::string_view line);

}  // namespace ecsemu::api
