#include "daemon/config_source.hpp"

#include "config/embedded_default.hpp"
#include "config/environment.hpp"
#include "config/loader.hpp"

namespace braid::daemon {

LoadedConfiguration load_configuration(const std::optional<std::string>& config_file,
                                       const std::optional<std::string>& host) {
    return load_configuration_from(config::find_config_file(config_file), host);
}

LoadedConfiguration load_configuration_from(const std::optional<std::string>& path,
                                            const std::optional<std::string>& host) {
    LoadedConfiguration loaded;
    loaded.path = path;
    config::Environment env = config::current_environment(host);
    if (!path) {
        loaded.config = config::embedded_default(env);
        return loaded;
    }
    config::LoadResult result = config::load_file(*path, env);
    loaded.errors = std::move(result.errors);
    if (loaded.errors.empty()) loaded.config = std::move(result.config);
    return loaded;
}

}  // namespace braid::daemon
