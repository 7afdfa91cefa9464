#include "daemon/config_source.hpp"

#include <cerrno>
#include <cstring>
#include <filesystem>

#include <fcntl.h>
#include <unistd.h>

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

LoadedConfiguration load_configuration_in(int directory_fd, const std::string& path,
                                          const std::optional<std::string>& host) {
    LoadedConfiguration loaded;
    loaded.path = path;
    const std::string name = std::filesystem::path(path).filename().string();
    const int fd = openat(directory_fd, name.c_str(), O_RDONLY | O_CLOEXEC);
    std::string text;
    if (fd >= 0) {
        char buffer[8192];
        ssize_t n = 0;
        while ((n = read(fd, buffer, sizeof(buffer))) > 0) text.append(buffer, static_cast<std::size_t>(n));
        const int read_errno = errno;
        close(fd);
        if (n == 0) {
            config::LoadResult result = config::load_string(text, path, config::current_environment(host));
            loaded.errors = std::move(result.errors);
            if (loaded.errors.empty()) loaded.config = std::move(result.config);
            return loaded;
        }
        errno = read_errno;
    }
    config::Diagnostic error;
    error.file = path;
    error.message = std::string("cannot read: ") + std::strerror(errno);
    loaded.errors.push_back(std::move(error));
    return loaded;
}

}  // namespace braid::daemon
