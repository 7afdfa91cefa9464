// The shipped systemd units, checked by systemd-analyze: both verify, and
// braid.service's offline security exposure stays at 2.0 or lower.
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

#include <gtest/gtest.h>

namespace braid::system {
namespace {

namespace fs = std::filesystem;

const fs::path kUnits = fs::path(BRAID_SOURCE_DIR) / "systemd";
const char* kAnalyze = "/usr/bin/systemd-analyze";

struct CommandResult {
    int status = -1;     // exit status, -1 if it did not exit normally
    std::string output;  // standard output and error together
};

// Runs a command in `dir` with a time bound (timeout(1) kills it after 60 s).
CommandResult run(const std::string& command, const std::string& dir = "/") {
    CommandResult result;
    FILE* pipe = popen(("cd '" + dir + "' && timeout -k 5 60 " + command + " 2>&1").c_str(), "r");
    if (!pipe) return result;
    char buffer[4096];
    std::size_t n = 0;
    while ((n = fread(buffer, 1, sizeof(buffer), pipe)) > 0) result.output.append(buffer, n);
    const int status = pclose(pipe);
    if (WIFEXITED(status)) result.status = WEXITSTATUS(status);
    return result;
}

class Units : public ::testing::Test {
protected:
    void SetUp() override {
        if (access(kAnalyze, X_OK) != 0) GTEST_SKIP() << kAnalyze << " not found: install the systemd package";
        // Some containers cannot run verify at all, whatever the units say:
        // a trivial unit that must pass tells that apart from a real failure.
        std::string pattern = (fs::temp_directory_path() / "braid-probe-XXXXXX").string();
        ASSERT_NE(mkdtemp(pattern.data()), nullptr);
        std::ofstream(fs::path(pattern) / "probe.service") << "[Service]\nType=oneshot\nExecStart=/bin/true\n";
        const CommandResult probe = run(std::string(kAnalyze) + " verify --man=no ./probe.service", pattern);
        fs::remove_all(pattern);
        if (probe.status != 0) GTEST_SKIP() << "systemd-analyze verify cannot run here: " << probe.output;
    }
};

TEST_F(Units, BothUnitsVerify) {
    // A copy whose ExecStart names the built braidd (verify checks that the
    // binary exists) and no man page lookup (not installed in a build tree).
    std::string pattern = (fs::temp_directory_path() / "braid-units-XXXXXX").string();
    ASSERT_NE(mkdtemp(pattern.data()), nullptr);
    const fs::path dir = pattern;
    std::ifstream in(kUnits / "braid.service");
    std::string service((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    const std::size_t at = service.find("ExecStart=/usr/sbin/braidd ");
    ASSERT_NE(at, std::string::npos);
    service.replace(at, std::string("ExecStart=/usr/sbin/braidd").size(), std::string("ExecStart=") + BRAIDD_PATH);
    std::ofstream(dir / "braid.service") << service;
    fs::copy_file(kUnits / "braid.socket", dir / "braid.socket");
    const CommandResult verify =
        run(std::string(kAnalyze) + " verify --man=no ./braid.socket ./braid.service", dir.string());
    fs::remove_all(dir);
    EXPECT_EQ(verify.status, 0) << verify.output;
    EXPECT_EQ(verify.output, "");
}

TEST_F(Units, ServiceExposureIsAtMostTwo) {
    const CommandResult security = run(std::string(kAnalyze) + " security --offline=yes --no-pager " +
                             (kUnits / "braid.service").string());
    ASSERT_EQ(security.status, 0) << security.output;
    // "→ Overall exposure level for braid.service: 1.1 OK 🙂"
    const std::string marker = "Overall exposure level for braid.service: ";
    const std::size_t at = security.output.find(marker);
    ASSERT_NE(at, std::string::npos) << security.output;
    const std::string value = security.output.substr(at + marker.size(), security.output.find(' ', at + marker.size()) -
                                                                             (at + marker.size()));
    ASSERT_FALSE(value.empty()) << security.output;
    ASSERT_TRUE(value.find_first_not_of("0123456789.") == std::string::npos) << value;
    EXPECT_LE(std::stod(value), 2.0) << security.output;
}

}  // namespace
}  // namespace braid::system
