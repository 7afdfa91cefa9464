// braidctl's subcommands.
//
// braidctl is one program with one subcommand per task (convert-config now;
// status, keygen, reload and the monitor commands later). Each subcommand is
// a function in its own file, listed in the table of commands.cpp; the
// dispatcher in run_braidctl() handles --help, --version and unknown names.
// Output goes to the given streams so tests can run a command in-process.
#pragma once

#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace braid::braidctl {

// Exit codes: 0 success, 1 the task failed (a file could not be converted),
// 2 the command line was wrong.
inline constexpr int kExitOk = 0;
inline constexpr int kExitFailure = 1;
inline constexpr int kExitUsage = 2;

// Where a command writes; std::cout / std::cerr in the real program.
struct Io {
    std::ostream& out;  // results (converted configuration, status)
    std::ostream& err;  // errors and usage messages
};

struct Command {
    std::string_view name;     // as typed: "convert-config"
    std::string_view synopsis;  // arguments after the name: "FILE [-o OUT]"
    std::string_view summary;  // one line for `braidctl --help`
    int (*run)(const std::vector<std::string>& args, Io io);  // args exclude the command name
};

// Every subcommand, in the order --help lists them.
const std::vector<Command>& commands();

// braidctl's main: argv without the program name.
int run_braidctl(const std::vector<std::string>& args, Io io);

// convert-config FILE [-o OUT]  (convert_config.cpp)
int convert_config(const std::vector<std::string>& args, Io io);

}  // namespace braid::braidctl
