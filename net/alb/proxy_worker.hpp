#pragma once
// One proxy thread's world: its io_context, the routing state it last picked up, its target connection
// pool, round-robin positions and random generator. Everything here is touched by that thread only,
// except the publisher, through which the control thread hands over new routing.
#include <cstddef>
#include <cstdint>
#include <list>
#include <memory>
#include <vector>

#include <boost/asio/io_context.hpp>

#include "net/alb/http_date_cache.hpp"
#include "net/alb/routing_state.hpp"
#include "net/alb/state_publisher.hpp"
#include "net/alb/target_choice.hpp"
#include "net/alb/target_pool.hpp"

namespace ecsemu::net::alb {

using RoutingPublisher = StatePublisher<RoutingState>;

class ProxyConnection;

struct ProxyWorker {
    ProxyWorker(std::size_t thread_index, RoutingPublisher& routing_publisher)
        : index(thread_index), publisher(routing_publisher) {
        random.state ^= (thread_index + 1) * 0xbf58476d1ce4e5b9ULL;
    }

    // The current routing state; nullptr before the first snapshot.
    RoutingState* routing() {
        if (publisher.refresh(state, generation))
            round_robin.assign(state ? state->snapshot().groups.size() : 0, 0);
        return state.get();
    }

    std::size_t index;
    RoutingPublisher& publisher;
    std::shared_ptr<RoutingState> state;
    std::uint64_t generation = 0;
    std::vector<std::uint32_t> round_robin;  // per target group of `state`
    FastRandom random;
    HttpDateCache date;
    TargetPool pool;
    std::list<ProxyConnection*> connections;  // what stop() closes
    bool stopping = false;
    // Declared last, so destroyed first: coroutine frames it still holds unregister from the members above.
    boost::asio::io_context io{1};
};

}  // namespace ecsemu::net::alb
