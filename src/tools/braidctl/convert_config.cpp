// braidctl convert-config FILE [-o OUT]: a classic spread.conf to braid.toml.
// Nothing is written when the file has errors: every error goes to standard
// error as FILE:LINE:COLUMN: message, and the exit code is 1.
#include <fstream>
#include <sstream>

#include "config/legacy/converter.hpp"
#include "tools/braidctl/command.hpp"

namespace braid::braidctl {

namespace {

void usage(std::ostream& s) {
    s << "usage: braidctl convert-config FILE [-o OUT]\n"
         "Converts the classic Spread configuration FILE to Braid's TOML form,\n"
         "written to OUT or to standard output.\n";
}

}  // namespace

int convert_config(const std::vector<std::string>& args, Io io) {
    std::string input;
    std::string output;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        if (a == "--help" || a == "-h") {
            usage(io.out);
            return kExitOk;
        }
        if (a == "-o" || a == "--output") {
            if (i + 1 >= args.size() || !output.empty()) {
                io.err << "braidctl convert-config: " << a << " needs one file name\n";
                return kExitUsage;
            }
            output = args[++i];
        } else if (a.size() > 1 && a.front() == '-') {
            io.err << "braidctl convert-config: unknown option '" << a << "'\n";
            usage(io.err);
            return kExitUsage;
        } else if (input.empty()) {
            input = a;
        } else {
            io.err << "braidctl convert-config: only one FILE may be given\n";
            return kExitUsage;
        }
    }
    if (input.empty()) {
        usage(io.err);
        return kExitUsage;
    }

    std::ifstream in(input, std::ios::binary);
    std::ostringstream text;
    if (!in || !(text << in.rdbuf())) {
        io.err << input << ": cannot read the file\n";
        return kExitFailure;
    }
    auto result = config::legacy::convert_spread_conf(text.str(), input,
                                                      config::legacy::system_resolver());
    if (!result.ok()) {
        for (const auto& e : result.errors) io.err << e.format(input) << "\n";
        io.err << input << ": " << result.errors.size() << " error"
               << (result.errors.size() == 1 ? "" : "s") << ", nothing written\n";
        return kExitFailure;
    }
    if (output.empty()) {
        io.out << result.toml;
        return kExitOk;
    }
    std::ofstream out(output, std::ios::binary | std::ios::trunc);
    if (!out || !(out << result.toml) || !out.flush()) {
        io.err << output << ": cannot write the file\n";
        return kExitFailure;
    }
    return kExitOk;
}

}  // namespace braid::braidctl
