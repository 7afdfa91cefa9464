#include "tools/braidctl/command.hpp"

namespace braid::braidctl {

const std::vector<Command>& commands() {
    static const std::vector<Command> table = {
        {"convert-config", "FILE [-o OUT]",
         "convert a classic Spread configuration file to braid.toml", convert_config},
    };
    return table;
}

namespace {

void usage(std::ostream& s) {
    s << "usage: braidctl COMMAND [ARGS]\n"
         "       braidctl --help | --version\n\ncommands:\n";
    for (const Command& c : commands())
        s << "  " << c.name << " " << c.synopsis << "\n      " << c.summary << "\n";
    s << "\n`braidctl COMMAND --help` describes a command; see braidctl(1).\n";
}

}  // namespace

int run_braidctl(const std::vector<std::string>& args, Io io) {
    if (args.empty()) {
        usage(io.err);
        return kExitUsage;
    }
    const std::string& first = args.front();
    if (first == "--help" || first == "-h") {
        usage(io.out);
        return kExitOk;
    }
    if (first == "--version") {
        io.out << "braidctl " << BRAID_VERSION << "\n";
        return kExitOk;
    }
    for (const Command& c : commands())
        if (c.name == first) return c.run({args.begin() + 1, args.end()}, io);
    io.err << "braidctl: unknown command '" << first << "'\n";
    usage(io.err);
    return kExitUsage;
}

}  // namespace braid::braidctl
