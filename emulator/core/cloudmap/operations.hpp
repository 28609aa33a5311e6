#pragma once
// Cloud Map's asynchronous operations. Creating or deleting a namespace, updating a namespace or service
// and registering or deregistering an instance return an OperationId whose status moves on as AWS's do:
//   SUBMITTED  from the call until 0.5 s after it,
//   PENDING    from 0.5 s until 1.5 s after it,
//   SUCCESS    from 1.5 s on (UpdateDate = the moment the status last changed).
// The change itself is applied to the store when the call is accepted, so a namespace is listed and an
// instance discoverable at once; only the reported status trails. Times come from the calls, never a clock.
#include <map>
#include <string>
#include <vector>

#include "emulator/core/cloudmap/cloudmap_call.hpp"
#include "emulator/core/cloudmap/listing.hpp"

namespace ecsemu::core::cloudmap {

inline constexpr Duration kOperationSubmittedFor = Duration::milliseconds(500);
inline constexpr Duration kOperationSucceedsAfter = Duration::milliseconds(1500);

// Appends an operation created now and returns its id (<32 lowercase alnum>-<8 lowercase alnum>, as AWS's
// look). Drops the oldest operations beyond CloudMapState::kMaxOperations.
std::string record_operation(CloudMapCall& call, OperationType type,
                             std::map<std::string, std::string> targets, std::string creator_request_id = {});

OperationStatus operation_status(const Operation& operation, Instant now);
Instant operation_updated(const Operation& operation, Instant now);

// The operation a call with this CreatorRequestId made earlier, or nullptr.
const Operation* find_operation_by_request(const CloudMapState& state, OperationType type,
                                           const std::string& creator_request_id);

Result<const Operation*> get_operation(const CloudMapState& state, const std::string& id);

struct OperationPage {
    std::vector<const Operation*> operations;
    std::string next_token;
};

// Filters: NAMESPACE_ID, SERVICE_ID (EQ), STATUS, TYPE (EQ, IN), UPDATE_DATE (BETWEEN, epoch seconds).
Result<OperationPage> list_operations(const CloudMapState& state, const std::vector<Filter>& filters,
                                      const std::optional<std::string>& next_token,
                                      std::optional<int> max_results, Instant now);

}  // namespace ecsemu::core::cloudmap
