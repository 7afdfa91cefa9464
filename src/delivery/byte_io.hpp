// The delivery layer's payload and message encodings use the project's
// bounds-checked byte reader and writer (util/byte_codec.hpp).
#pragma once

#include "util/byte_codec.hpp"

namespace braid::delivery {

using ByteWriter = braid::ByteWriter;
using ByteReader = braid::ByteReader;

}  // namespace braid::delivery
