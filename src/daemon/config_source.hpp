// Where the daemon's configuration comes from.
//
// braidd reads `-c FILE` if given, else ./braid.toml, else
// /etc/braid/braid.toml, else runs on the embedded default (one host named
// after the machine, loopback only). Start-up, --check-config and reloads
// all go through here so that they agree on which file is meant and report
// it the same way.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "config/config.hpp"
#include "config/diagnostic.hpp"
#include "config/embedded_default.hpp"

namespace braid::daemon {

// The name printed for the embedded default configuration.
inline constexpr const char* kEmbeddedDefaultName = config::kEmbeddedDefaultSource;

struct LoadedConfiguration {
    std::optional<config::Config> config;    // set when errors is empty
    std::optional<std::string> path;         // the file read; empty: the embedded default
    std::vector<config::Diagnostic> errors;  // every mistake, with its position

    std::string source_name() const { return path ? *path : std::string(kEmbeddedDefaultName); }
};

// Follows the search order from `config_file` (the -c option) and loads what
// it finds, running as `host` (-n) if given.
LoadedConfiguration load_configuration(const std::optional<std::string>& config_file,
                                       const std::optional<std::string>& host);

// Loads exactly `path` (for a reload: the file the daemon started from), or
// the embedded default when `path` is empty.
LoadedConfiguration load_configuration_from(const std::optional<std::string>& path,
                                            const std::optional<std::string>& host);

// Loads `path` by its file name relative to `directory_fd`, an open
// descriptor of the file's directory: a daemon that chrooted itself can no
// longer reach the file by name, but a directory opened before the chroot
// still leads to it (and to the new version an editor saved in its place).
LoadedConfiguration load_configuration_in(int directory_fd, const std::string& path,
                                          const std::optional<std::string>& host);

}  // namespace braid::daemon
