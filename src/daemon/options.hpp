// The braidd command line.
//
// braidd runs in the foreground (systemd supervises it; there is no
// daemonizing). The options only choose the configuration and what to do
// with it, so they are parsed into a plain value that the tests can check
// without starting anything.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace braid::daemon {

// What braidd was asked to do.
enum class Action {
    run,           // load the configuration and run until SIGTERM/SIGINT
    check_config,  // validate and print the effective configuration, then exit
    help,          // print usage and exit
    version,       // print the version and exit
};

struct Options {
    Action action = Action::run;
    std::optional<std::string> config_file;  // -c FILE: skips the search order
    std::optional<std::string> host;         // -n NAME: the [[host]] to run as
};

// The outcome of parsing: options, or an error message for the user.
struct OptionsResult {
    std::optional<Options> options;  // set when the command line is valid
    std::string error;               // "option -c needs a file name"; empty on success
};

// Parses the arguments after the program name.
OptionsResult parse_options(const std::vector<std::string_view>& args);

// The --help text.
std::string usage(std::string_view program);

}  // namespace braid::daemon
