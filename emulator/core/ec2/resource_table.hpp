#pragma once
// Resources of one kind in creation order with O(1) lookup by id. Describe calls list in creation order
// (stable and readable); other services look single ids up on every CreateService/RunTask.
#include <cstddef>
#include <list>
#include <string>
#include <unordered_map>
#include <utility>

namespace ecsemu::core::ec2 {

// T has a std::string member `id`. Element addresses stay valid until that element is erased.
template <class T>
class ResourceTable {
public:
    using const_iterator = typename std::list<T>::const_iterator;

    ResourceTable() = default;
    // The index holds iterators into items_: a copy would point into the original. Moves keep them valid.
    ResourceTable(const ResourceTable&) = delete;
    ResourceTable& operator=(const ResourceTable&) = delete;
    ResourceTable(ResourceTable&&) noexcept = default;
    ResourceTable& operator=(ResourceTable&&) noexcept = default;

    T* find(const std::string& id) {
        const auto it = index_.find(id);
        return it == index_.end() ? nullptr : &*it->second;
    }
    const T* find(const std::string& id) const {
        const auto it = index_.find(id);
        return it == index_.end() ? nullptr : &*it->second;
    }

    // REQUIRES: no element with value.id exists.
    T& insert(T value) {
        items_.push_back(std::move(value));
        auto last = std::prev(items_.end());
        index_.emplace(last->id, last);
        return *last;
    }

    bool erase(const std::string& id) {
        const auto it = index_.find(id);
        if (it == index_.end()) return false;
        items_.erase(it->second);
        index_.erase(it);
        return true;
    }

    // Iteration follows creation order, never the hash order, so output is deterministic.
    const_iterator begin() const { return items_.begin(); }
    const_iterator end() const { return items_.end(); }
    std::size_t size() const { return items_.size(); }

private:
    std::list<T> items_;
    std::unordered_map<std::string, typename std::list<T>::iterator> index_;
};

}  // namespace ecsemu::core::ec2
