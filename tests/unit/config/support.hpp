// Helpers shared by the configuration tests: a fake machine and short ways
// to load a text and look at its diagnostics.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "config/loader.hpp"

namespace braid::config::test {

// The source name every test text is loaded under.
inline constexpr const char* kSource = "t.toml";

// A machine called "h1" with no interface address of any test file.
Environment machine_named(std::string hostname);
Environment plain_machine();

// Loads `text` as t.toml on `environment` (default plain_machine()).
LoadResult load(std::string_view text);
LoadResult load(std::string_view text, const Environment& environment);

// The diagnostics of `text` as printed ("t.toml:3:13: ..."); empty when it loads.
std::vector<std::string> errors(std::string_view text);
std::vector<std::string> errors(std::string_view text, const Environment& environment);

// A valid single-host file (one network "a", host "h1" on 10.1.0.1) that
// tests extend by appending sections; it has 6 lines.
extern const std::string kMinimal;

}  // namespace braid::config::test
