#pragma once
// Numbers as text for files that must be byte-identical across runs and machines: std::to_chars ignores the
// C and C++ locales, which printf's "%f" and iostreams do not.
#include <string>

namespace ecsemu::sim {

// `value` with exactly `decimals` digits after the point ("12.500"); "-0.000" is written as "0.000" so a
// value that rounds to zero reads the same whichever side it came from. NaN and infinities as "nan", "inf".
std::string fixed_text(double value, int decimals);

}  // namespace ecsemu::sim
