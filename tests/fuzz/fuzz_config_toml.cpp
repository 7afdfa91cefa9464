// Fuzz target: braid.toml through the loader (config/loader.hpp load_string).
//
// Any text must give either a Config or errors, never both and never
// neither. An accepted configuration is printed back (config/printer.hpp)
// and must load again, on the same machine, into the same Config: this is
// the promise `braidd --check-config` makes to the operator.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "config/loader.hpp"
#include "config/printer.hpp"
#include "fuzz_check.hpp"

using namespace braid::config;

namespace {

// A machine that is host "h1" of etc/braid.toml by its address, so the
// sample and its mutations get past the choice of the daemon host.
Environment fuzz_machine() {
    Environment env;
    env.hostname = "fuzz-machine";
    env.local_addresses = {*braid::Ipv4Address::parse("10.1.0.1"),
                           *braid::Ipv4Address::parse("127.0.0.1")};
    return env;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const Environment env = fuzz_machine();
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    const LoadResult loaded = load_string(text, "fuzz.toml", env);
    FUZZ_CHECK(loaded.config.has_value() == loaded.errors.empty());
    for (const Diagnostic& d : loaded.errors) FUZZ_CHECK(!d.to_string().empty());
    if (!loaded.config) return 0;

    const std::string printed = to_toml(*loaded.config);
    const LoadResult again = load_string(printed, "fuzz.toml", env);
    if (!again.config) {
        for (const Diagnostic& d : again.errors)
            std::fprintf(stderr, "reloading the printed config: %s\n", d.to_string().c_str());
        std::fprintf(stderr, "--- printed\n%s\n", printed.c_str());
    }
    FUZZ_CHECK(again.config.has_value());
    FUZZ_CHECK(*again.config == *loaded.config);
    return 0;
}
