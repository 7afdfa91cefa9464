// Marks the functions of the public C API as exported; everything else in
// the library is built with hidden visibility.
#pragma once

#define BRAID_EXPORT __attribute__((visibility("default")))
