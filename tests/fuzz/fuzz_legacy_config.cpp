// Fuzz target: the spread.conf converter (config/legacy/converter.hpp).
//
// Any text must give either TOML or errors. Converted TOML must be valid
// TOML that Braid's loader accepts when running as the first host: the
// converter refuses, at its line in spread.conf, whatever the loader would.
// Host names resolve through a made-up name service (a hash of the name
// picks zero to three addresses), so the nested multipath form is reached.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>

#include <toml++/toml.h>

#include "config/legacy/converter.hpp"
#include "config/loader.hpp"
#include "fuzz_check.hpp"

using namespace braid::config;
using namespace braid::config::legacy;

namespace {

Resolution fuzz_resolve(const std::string& name) {
    std::uint32_t h = 2166136261U;
    for (const char c : name) h = (h ^ static_cast<std::uint8_t>(c)) * 16777619U;
    Resolution r;
    if (h % 5 == 0) {
        r.error = "Name or service not known";
        return r;
    }
    const std::uint32_t count = 1 + h % 3;
    for (std::uint32_t i = 0; i < count; ++i)
        r.addresses.push_back(braid::Ipv4Address{0x0A000000U | ((h >> 8) & 0xFFFF00U) | (i + 1)});
    return r;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    const ConversionResult result = convert_spread_conf(text, "fuzz.conf", fuzz_resolve);
    if (!result.ok()) {
        FUZZ_CHECK(result.toml.empty());
        return 0;
    }
    FUZZ_CHECK(!result.toml.empty());

    std::string first;
    try {
        const toml::table table = toml::parse(result.toml);
        first = table["host"][0]["name"].value_or(std::string());
    } catch (const toml::parse_error& err) {
        std::fprintf(stderr, "converted output is not TOML: %s\n--- output\n%s\n",
                     std::string(err.description()).c_str(), result.toml.c_str());
        FUZZ_CHECK(false);
    }
    const Environment env{"unrelated-machine", {}, first};
    const LoadResult loaded = load_string(result.toml, "converted.toml", env);
    for (const Diagnostic& d : loaded.errors)
        std::fprintf(stderr, "loader refuses converted output: %s\n", d.to_string().c_str());
    if (!loaded.errors.empty()) std::fprintf(stderr, "--- output\n%s\n", result.toml.c_str());
    FUZZ_CHECK(loaded.errors.empty());
    return 0;
}
