// braidd: parse the command line, load the configuration, run the Daemon.
#include <iostream>
#include <string_view>
#include <vector>

#include "daemon/check_config.hpp"
#include "daemon/config_source.hpp"
#include "daemon/daemon.hpp"
#include "daemon/options.hpp"

int main(int argc, char** argv) {
    using namespace braid::daemon;
    const std::vector<std::string_view> args(argv + 1, argv + argc);
    const OptionsResult parsed = parse_options(args);
    if (!parsed.options) {
        std::cerr << "braidd: " << parsed.error << "\nTry 'braidd --help'.\n";
        return 2;
    }
    const Options& options = *parsed.options;
    switch (options.action) {
        case Action::help:
            std::cout << usage("braidd");
            return 0;
        case Action::version:
            std::cout << "braidd " << version() << '\n';
            return 0;
        case Action::check_config:
            return check_config(options, std::cout, std::cerr);
        case Action::run:
            break;
    }

    LoadedConfiguration loaded = load_configuration(options.config_file, options.host);
    if (!loaded.errors.empty()) {
        for (const auto& d : loaded.errors) std::cerr << d.to_string() << '\n';
        std::cerr << "braidd: " << loaded.source_name() << ": " << loaded.errors.size()
                  << (loaded.errors.size() == 1 ? " error" : " errors") << "; not starting\n";
        return 1;
    }
    std::string error;
    auto daemon = Daemon::create(options, std::move(loaded), error);
    if (!daemon) {
        std::cerr << "braidd: " << error << '\n';
        return 1;
    }
    return daemon->run();
}
