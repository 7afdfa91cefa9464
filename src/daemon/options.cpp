#include "daemon/options.hpp"

namespace braid::daemon {

namespace {

// Long options that take a value, with their short forms.
struct ValueOption {
    std::string_view short_name;  // "-c"
    std::string_view long_name;   // "--config"
    std::string_view what;        // "a file name", for the error message
    std::optional<std::string> Options::*field;
};

constexpr ValueOption kValueOptions[] = {
    {"-c", "--config", "a file name", &Options::config_file},
    {"-n", "--name", "a host name", &Options::host},
};

}  // namespace

OptionsResult parse_options(const std::vector<std::string_view>& args) {
    Options options;
    for (std::size_t i = 0; i < args.size(); ++i) {
        std::string_view arg = args[i];
        if (arg == "--check-config") {
            options.action = Action::check_config;
            continue;
        }
        if (arg == "-h" || arg == "--help") {
            options.action = Action::help;
            continue;
        }
        if (arg == "-V" || arg == "--version") {
            options.action = Action::version;
            continue;
        }
        bool matched = false;
        for (const ValueOption& opt : kValueOptions) {
            std::optional<std::string_view> value;
            if (arg == opt.short_name || arg == opt.long_name) {
                if (i + 1 >= args.size())
                    return {std::nullopt, "option " + std::string(arg) + " needs " + std::string(opt.what)};
                value = args[++i];
            } else if (arg.size() > 2 && arg.substr(0, 2) == opt.short_name) {
                value = arg.substr(2);  // -cFILE
            } else if (arg.size() > opt.long_name.size() && arg.substr(0, opt.long_name.size()) == opt.long_name &&
                       arg[opt.long_name.size()] == '=') {
                value = arg.substr(opt.long_name.size() + 1);  // --config=FILE
            } else {
                continue;
            }
            if (value->empty())
                return {std::nullopt, "option " + std::string(opt.short_name) + " needs " + std::string(opt.what)};
            options.*opt.field = std::string(*value);
            matched = true;
            break;
        }
        if (matched) continue;
        if (!arg.empty() && arg[0] == '-')
            return {std::nullopt, "unknown option '" + std::string(arg) + "'"};
        return {std::nullopt, "unexpected argument '" + std::string(arg) + "'"};
    }
    return {options, ""};
}

std::string usage(std::string_view program) {
    std::string p(program);
    return "Usage: " + p + " [-c FILE] [-n NAME] [--check-config]\n"
           "       " + p + " --help | --version\n"
           "\n"
           "Runs the Braid group communication daemon in the foreground.\n"
           "\n"
           "  -c, --config FILE  configuration file (default: ./braid.toml, then\n"
           "                     /etc/braid/braid.toml, then the embedded default)\n"
           "  -n, --name NAME    run as host NAME of the configuration\n"
           "      --check-config validate the configuration, print the effective\n"
           "                     configuration and exit\n"
           "  -h, --help         print this help and exit\n"
           "  -V, --version      print the version and exit\n"
           "\n"
           "Signals: SIGTERM or SIGINT stop the daemon; SIGHUP re-reads the\n"
           "configuration (logging changes apply at once) and reopens the log file.\n";
}

}  // namespace braid::daemon
