#pragma once
// A service's operations by name: the handler and whether a successful call changes state (such calls are
// journaled, see Service::mutates), plus the one way every service runs a handler.
#include <initializer_list>
#include <map>
#include <string_view>
#include <utility>

#include "emulator/api/service.hpp"
#include "emulator/core/ids.hpp"

namespace ecsemu::api {

template <class Context>
class OperationTable {
public:
    using Handler = ApiResult (*)(Context&);
    struct Entry {
        Handler handler;
        bool mutates;
    };

    OperationTable(std::initializer_list<std::pair<const std::string_view, Entry>> entries)
        : entries_(entries) {}

    // nullptr for an operation the service does not serve.
    const Entry* find(std::string_view operation) const {
        const auto it = entries_.find(operation);
        return it == entries_.end() ? nullptr : &it->second;
    }
    bool mutates(std::string_view operation) const {
        const Entry* entry = find(operation);
        return entry != nullptr && entry->mutates;
    }

private:
    std::map<std::string_view, Entry> entries_;
};

// A failed call is not journaled, so it must leave no trace: core operations check before they change state,
// and the ids a failed call drew from the region's IdSource are given back here.
template <class Context>
ApiResult run_operation(typename OperationTable<Context>::Handler handler, Context& context,
                        core::IdSource& ids) {
    const core::IdSource ids_before = ids;
    ApiResult result = handler(context);
    if (!result.ok()) ids = ids_before;
    return result;
}

}  // namespace ecsemu::api
