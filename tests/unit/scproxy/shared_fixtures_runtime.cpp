// The task runtimes' test fixtures (recording observer, io_context HTTP client, per-process 127.x
// addresses), built into this executable as well.
#include "unit/runtime/runtime_test_support.cpp"
