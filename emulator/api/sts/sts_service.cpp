#include "sts_service.hpp"

namespace ecsemu::api::sts {

ApiResult StsService::call(const ApiCall& call) {
    if (call.operation == "GetCallerIdentity") {
        // Callers act as the account's root user; for root credentials AWS reports the account id as UserId.
        return nlohmann::json{{"UserId", call.account_id},
                              {"Account", call.account_id},
                              {"Arn", "arn:aws:iam::" + call.account_id + ":root"}};
    }
    return core::AwsError::client("InvalidAction",
                                  "The action " + call.operation + " is not valid for this web service.");
}

}  // namespace ecsemu::api::sts
