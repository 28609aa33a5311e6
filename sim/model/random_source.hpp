#pragma once
// The simulator's only source of randomness, seeded from the scenario: std::mt19937_64's output sequence is
// fixed by the standard, and the distributions below are written out (the standard library's are not
// specified bit for bit), so a seed gives the same run on every build.
#include <cmath>
#include <cstdint>
#include <random>

namespace ecsemu::sim {

class RandomSource {
public:
    explicit RandomSource(std::uint64_t seed) : engine_(seed) {}

    // Uniform in [0, 1).
    double uniform() { return static_cast<double>(engine_() >> 11) * 0x1.0p-53; }
    double uniform(double low, double high) { return low + (high - low) * uniform(); }

    // Standard normal (Box-Muller; the second value of each pair is discarded to keep the draw count
    // predictable).
    double normal() {
        const double u1 = 1.0 - uniform();  // (0, 1]
        const double u2 = uniform();
        return std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * 3.14159265358979323846 * u2);
    }

    // Lognormal with the given median and 95th percentile (p95 >= median > 0).
    double lognormal(double median, double p95) {
        const double sigma = p95 > median ? std::log(p95 / median) / 1.6448536269514722 : 0.0;
        return median * std::exp(sigma * normal());
    }

private:
    std::mt19937_64 engine_;
};

}  // namespace ecsemu::sim
