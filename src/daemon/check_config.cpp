#include "daemon/check_config.hpp"

#include <ostream>

#include "config/printer.hpp"
#include "daemon/config_source.hpp"

namespace braid::daemon {

int check_config(const Options& options, std::ostream& out, std::ostream& err) {
    LoadedConfiguration loaded = load_configuration(options.config_file, options.host);
    if (!loaded.errors.empty()) {
        for (const config::Diagnostic& d : loaded.errors) err << d.to_string() << '\n';
        err << "braidd: " << loaded.source_name() << ": " << loaded.errors.size()
            << (loaded.errors.size() == 1 ? " error" : " errors") << '\n';
        return 1;
    }
    out << "configuration OK: " << loaded.source_name() << ", host " << loaded.config->daemon.host << '\n'
        << '\n'
        << config::to_toml(*loaded.config);
    return 0;
}

}  // namespace braid::daemon
