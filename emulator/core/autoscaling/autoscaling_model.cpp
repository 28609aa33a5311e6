#include "emulator/core/autoscaling/autoscaling_model.hpp"

namespace ecsemu::core::autoscaling {

const char* to_wire(ActivityStatus status) {
    switch (status) {
        case ActivityStatus::Pending:
            return "Pending";
        case ActivityStatus::InProgress:
            return "InProgress";
        case ActivityStatus::Successful:
            return "Successful";
        case ActivityStatus::Overridden:
            return "Overridden";
        case ActivityStatus::Unfulfilled:
            return "Unfulfilled";
        case ActivityStatus::Failed:
            return "Failed";
    }
    return "Pending";
}

}  // namespace ecsemu::core::autoscaling
