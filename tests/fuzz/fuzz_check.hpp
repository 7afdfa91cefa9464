// What every fuzz target uses to fail loudly: a broken invariant prints what
// broke and aborts, which libFuzzer records as a crash with its input.
//
// Plain assert() would vanish under NDEBUG (the fuzz build is RelWithDebInfo),
// so the targets check with FUZZ_CHECK instead.
#pragma once

#include <cstdio>
#include <cstdlib>

#define FUZZ_CHECK(condition)                                                        \
    do {                                                                             \
        if (!(condition)) {                                                          \
            std::fprintf(stderr, "%s:%d: fuzz check failed: %s\n", __FILE__, __LINE__, \
                         #condition);                                                \
            std::abort();                                                            \
        }                                                                            \
    } while (false)
