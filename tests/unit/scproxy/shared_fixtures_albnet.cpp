// The ALB data plane's test fixtures (loopback clients, a resetting target, closed ports), built into this
// executable as well.
#include "unit/albnet/albnet_fixtures.cpp"
