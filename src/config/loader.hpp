// Loading braid.toml: the entry point the daemon and the tools call.
//
// load_file / load_string parse a configuration with toml++, read every
// section into a Config, derive the defaults that depend on other options,
// check the sections against each other and choose which [[host]] this
// daemon is. They return either a Config or every mistake found, each with
// its position; nothing here throws or exits. find_config_file implements
// the search order, and embedded_default (embedded_default.hpp) is what
// runs when no file is found.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "config/config.hpp"
#include "config/diagnostic.hpp"
#include "config/environment.hpp"

namespace braid::config {

struct LoadResult {
    std::optional<Config> config;   // set exactly when errors is empty
    std::vector<Diagnostic> errors;  // every mistake, ordered by position
};

// Reads and validates the file at `path`; an unreadable file is one error
// without a position.
LoadResult load_file(const std::string& path, const Environment& environment);

// Validates `text`; `source_name` names it in diagnostics and in Config::source.
LoadResult load_string(std::string_view text, const std::string& source_name,
                       const Environment& environment);

// The files tried, in order, when no -c FILE is given.
const std::vector<std::string>& default_config_search_path();  // ./braid.toml, /etc/braid/braid.toml

// -c FILE if given (returned even when it does not exist: the caller reports
// that it cannot be read), else the first existing file of `search_path`,
// else nullopt (the caller then runs the embedded default).
std::optional<std::string> find_config_file(const std::optional<std::string>& explicit_path,
                                            const std::vector<std::string>& search_path);
std::optional<std::string> find_config_file(const std::optional<std::string>& explicit_path);

}  // namespace braid::config
