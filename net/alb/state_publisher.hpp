#pragma once
// How the control thread hands a new immutable routing state to proxy threads: threads compare a
// generation number per request (one atomic load) and take the mutex only when it moved. Used by the ALB
// and the Service Connect proxy.
#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>

namespace ecsemu::net::alb {

template <class State>
struct StatePublisher {
    std::atomic<std::uint64_t> generation{0};
    std::mutex mutex;
    std::shared_ptr<State> state;

    void publish(std::shared_ptr<State> next) {
        std::lock_guard lock(mutex);
        state = std::move(next);
        generation.fetch_add(1, std::memory_order_release);
    }

    // Brings a thread's copy up to date; true when it changed.
    bool refresh(std::shared_ptr<State>& held, std::uint64_t& held_generation) {
        if (generation.load(std::memory_order_acquire) == held_generation) return false;
        std::lock_guard lock(mutex);
        held = state;
        held_generation = generation.load(std::memory_order_relaxed);
        return true;
    }
};

}  // namespace ecsemu::net::alb
