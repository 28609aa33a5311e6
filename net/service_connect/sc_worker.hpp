#pragma once
// One Service Connect proxy thread's world: its io_context, the routing state it last picked up, its
// keep-alive pool to endpoints, round-robin positions and random generator. Touched by that thread only,
// except the publisher, through which the control thread hands over new routing.
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <list>
#include <memory>
#include <vector>

#include <boost/asio/io_context.hpp>

#include "net/alb/http_date_cache.hpp"
#include "net/alb/state_publisher.hpp"
#include "net/alb/target_choice.hpp"
#include "net/alb/target_pool.hpp"
#include "net/service_connect/sc_routing_state.hpp"

namespace ecsemu::net::service_connect {

using ScPublisher = alb::StatePublisher<ScRoutingState>;

// Per listener, shared by its accept slots and connections on every thread.
struct ListenerGauges {
    std::atomic<std::uint64_t> new_connections{0};
    std::atomic<std::int64_t> active_connections{0};
};

class ScConnection;

struct ScWorker {
    ScWorker(std::size_t thread_index, ScPublisher& state_publisher)
        : index(thread_index), publisher(state_publisher) {
        random.state ^= (thread_index + 1) * 0x94d049bb133111ebULL;
    }

    // The current routing state; nullptr before the first snapshot.
    ScRoutingState* routing() {
        if (publisher.refresh(state, generation)) {
            // Threads start at different endpoints, so two busy threads do not move in lockstep.
            round_robin.assign(state ? state->snapshot().aliases.size() : 0,
                               static_cast<std::uint32_t>(index));
        }
        return state.get();
    }

    std::size_t index;
    ScPublisher& publisher;
    std::shared_ptr<ScRoutingState> state;
    std::uint64_t generation = 0;
    std::vector<std::uint32_t> round_robin;  // per alias of `state`
    alb::FastRandom random;
    alb::HttpDateCache date;
    alb::TargetPool pool;
    std::list<ScConnection*> connections;  // what stop() closes
    bool stopping = false;
    // Declared last, so destroyed first: coroutine frames it still holds unregister from the members above.
    boost::asio::io_context io{1};
};

}  // namespace ecsemu::net::service_connect
