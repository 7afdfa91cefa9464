// The ring's packet codecs use the project's bounds-checked byte reader and
// writer (util/byte_codec.hpp) under the names they were written with.
#pragma once

#include "util/byte_codec.hpp"

namespace braid::wire {

using Writer = braid::ByteWriter;
using Reader = braid::ByteReader;

}  // namespace braid::wire
