#pragma once
// AWS-visible errors are values. Core code never throws; it returns Result<T>.
#include <string>
#include <utility>
#include <variant>

namespace ecsemu::core {

struct AwsError {
    std::string code;     // wire code as botocore reads it, e.g. "ClusterNotFoundException"
    std::string message;  // human text, worded as the real service words it
    int http_status = 400;

    static AwsError client(std::string code, std::string message) {
        return AwsError{std::move(code), std::move(message), 400};
    }
    static AwsError server(std::string code, std::string message) {
        return AwsError{std::move(code), std::move(message), 500};
    }
    bool is_client_error() const { return http_status < 500; }
};

template <class T>
class Result {
public:
    Result(T value) : state_(std::move(value)) {}         // NOLINT(google-explicit-constructor)
    Result(AwsError error) : state_(std::move(error)) {}  // NOLINT(google-explicit-constructor)

    bool ok() const { return std::holds_alternative<T>(state_); }
    explicit operator bool() const { return ok(); }
    T& value() & { return std::get<T>(state_); }
    const T& value() const& { return std::get<T>(state_); }
    T&& value() && { return std::get<T>(std::move(state_)); }
    const AwsError& error() const { return std::get<AwsError>(state_); }
    T* operator->() { return &value(); }
    const T* operator->() const { return &value(); }

private:
    std::variant<T, AwsError> state_;
};

struct Ok {};
using Status = Result<Ok>;

}  // namespace ecsemu::core
