#include "log/logger.hpp"

#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <sys/stat.h>
#include <unistd.h>

#include <gtest/gtest.h>

namespace braid::log {
namespace {

namespace fs = std::filesystem;

// A fresh directory for one test's log files.
struct TempDir {
    fs::path path;
    TempDir() {
        std::string pattern = (fs::temp_directory_path() / "braid-log-XXXXXX").string();
        EXPECT_NE(mkdtemp(pattern.data()), nullptr);
        path = pattern;
    }
    ~TempDir() {
        std::error_code ec;
        fs::remove_all(path, ec);
    }
};

std::vector<std::string> read_lines(const fs::path& file) {
    std::ifstream in(file);
    std::vector<std::string> lines;
    for (std::string line; std::getline(in, line);) lines.push_back(line);
    return lines;
}

Settings file_settings(const TempDir& dir, const std::string& name) {
    Settings s;
    s.file = (dir.path / name).string();
    s.timestamp = "";
    s.host = "h1";
    return s;
}

TEST(LogPath, ExpandsHostName) {
    EXPECT_EQ(expand_log_path("/var/log/braid/%h.log", "h1"), "/var/log/braid/h1.log");
    EXPECT_EQ(expand_log_path("%h-%h", "a"), "a-a");
    EXPECT_EQ(expand_log_path("100%%-%x-%", "a"), "100%-%x-%");
}

TEST(Logger, FiltersByCategory) {
    TempDir dir;
    Logger logger;
    Settings s = file_settings(dir, "out.log");
    s.categories = mask(Category::print) | mask(Category::protocol);
    ASSERT_FALSE(logger.configure(s));
    logger.info(Category::print, "shown ", 1);
    logger.info(Category::session, "hidden");
    logger.debug(Category::protocol, "token ", 7, " seen");
    logger.notice(Category::membership, "hidden too");
    logger.warning(Category::session, "warnings always pass");
    logger.error(Category::memory, "errors always pass");
    EXPECT_TRUE(logger.enabled(Severity::info, Category::print));
    EXPECT_FALSE(logger.enabled(Severity::info, Category::session));
    EXPECT_EQ(read_lines(dir.path / "out.log"),
              (std::vector<std::string>{"[PRINT] shown 1", "[PROTOCOL] token 7 seen",
                                        "[SESSION] warnings always pass",
                                        "[MEMORY] errors always pass"}));
}

TEST(Logger, FilePathHasHostNameSubstituted) {
    TempDir dir;
    Logger logger;
    Settings s = file_settings(dir, "braid-%h.log");
    s.host = "node7";
    ASSERT_FALSE(logger.configure(s));
    EXPECT_EQ(logger.path(), (dir.path / "braid-node7.log").string());
    logger.info(Category::print, "hello");
    EXPECT_EQ(read_lines(dir.path / "braid-node7.log"), std::vector<std::string>{"[PRINT] hello"});
}

TEST(Logger, TimestampUsesTheConfiguredFormat) {
    TempDir dir;
    Logger logger;
    Settings s = file_settings(dir, "ts.log");
    s.timestamp = "<%Y>";
    ASSERT_FALSE(logger.configure(s));
    std::time_t now = std::time(nullptr);
    std::tm local{};
    localtime_r(&now, &local);
    logger.info(Category::print, "stamped");
    auto lines = read_lines(dir.path / "ts.log");
    ASSERT_EQ(lines.size(), 1u);
    // The year can only change between the two reads on New Year's Eve;
    // accept the next one too rather than fail once a year.
    std::string this_year = "<" + std::to_string(local.tm_year + 1900) + "> [PRINT] stamped";
    std::string next_year = "<" + std::to_string(local.tm_year + 1901) + "> [PRINT] stamped";
    EXPECT_TRUE(lines[0] == this_year || lines[0] == next_year) << lines[0];
}

TEST(Logger, MessagesCannotForgeLines) {
    TempDir dir;
    Logger logger;
    ASSERT_FALSE(logger.configure(file_settings(dir, "n.log")));
    logger.info(Category::print, "a\nfake line\r");
    EXPECT_EQ(read_lines(dir.path / "n.log"), std::vector<std::string>{"[PRINT] a fake line "});
}

TEST(Logger, ReopenFollowsRotation) {
    TempDir dir;
    Logger logger;
    ASSERT_FALSE(logger.configure(file_settings(dir, "r.log")));
    logger.info(Category::print, "before");
    fs::rename(dir.path / "r.log", dir.path / "r.log.1");
    logger.info(Category::print, "still old");
    ASSERT_FALSE(logger.reopen());
    logger.info(Category::print, "after");
    EXPECT_EQ(read_lines(dir.path / "r.log.1"),
              (std::vector<std::string>{"[PRINT] before", "[PRINT] still old"}));
    EXPECT_EQ(read_lines(dir.path / "r.log"), std::vector<std::string>{"[PRINT] after"});
}

TEST(Logger, UnopenableFileKeepsThePreviousOutput) {
    TempDir dir;
    Logger logger;
    ASSERT_FALSE(logger.configure(file_settings(dir, "ok.log")));
    Settings bad = file_settings(dir, "missing/dir/x.log");
    EXPECT_EQ(logger.configure(bad), std::errc::no_such_file_or_directory);
    logger.info(Category::print, "kept");
    EXPECT_EQ(logger.path(), (dir.path / "ok.log").string());
    EXPECT_EQ(read_lines(dir.path / "ok.log"), std::vector<std::string>{"[PRINT] kept"});
}

// Points standard error at a file for the duration of a test.
struct StderrToFile {
    int saved = -1;
    fs::path file;
    explicit StderrToFile(const fs::path& f) : file(f) {
        std::fflush(stderr);
        saved = dup(2);
        std::FILE* out = std::fopen(f.c_str(), "w");
        EXPECT_NE(out, nullptr);
        dup2(fileno(out), 2);
        std::fclose(out);
    }
    ~StderrToFile() {
        dup2(saved, 2);
        close(saved);
    }
    std::string stream_id() const {
        struct stat st {};
        fstat(2, &st);
        return std::to_string(st.st_dev) + ":" + std::to_string(st.st_ino);
    }
};

// Sets or clears JOURNAL_STREAM for one test.
struct JournalEnv {
    std::string old;
    bool had = false;
    explicit JournalEnv(const char* value) {
        if (const char* v = std::getenv("JOURNAL_STREAM")) had = true, old = v;
        if (value) setenv("JOURNAL_STREAM", value, 1);
        else unsetenv("JOURNAL_STREAM");
    }
    ~JournalEnv() {
        if (had) setenv("JOURNAL_STREAM", old.c_str(), 1);
        else unsetenv("JOURNAL_STREAM");
    }
};

TEST(Logger, SyslogPrefixesWhenStderrIsTheJournal) {
    TempDir dir;
    {
        StderrToFile redirect(dir.path / "stderr");
        JournalEnv env(redirect.stream_id().c_str());
        Logger logger;
        Settings s;
        s.categories = kAllCategories;
        s.timestamp = "STAMP";
        ASSERT_FALSE(logger.configure(s));
        EXPECT_TRUE(logger.journal());
        logger.error(Category::exit, "e");
        logger.warning(Category::network, "w");
        logger.notice(Category::print, "n");
        logger.info(Category::session, "i");
        logger.debug(Category::debug, "d");
    }
    EXPECT_EQ(read_lines(dir.path / "stderr"),
              (std::vector<std::string>{"<3>[EXIT] e", "<4>[NETWORK] w", "<5>[PRINT] n",
                                        "<6>[SESSION] i", "<7>[DEBUG] d"}));
}

TEST(Logger, PlainLinesWhenJournalStreamNamesAnotherStream) {
    TempDir dir;
    {
        StderrToFile redirect(dir.path / "stderr");
        JournalEnv env("1:1");
        Logger logger;
        Settings s;
        s.timestamp = "STAMP";
        ASSERT_FALSE(logger.configure(s));
        EXPECT_FALSE(logger.journal());
        logger.notice(Category::print, "n");
    }
    EXPECT_EQ(read_lines(dir.path / "stderr"), std::vector<std::string>{"STAMP [PRINT] n"});
}

TEST(Logger, LogFileNeverGetsSyslogPrefixes) {
    TempDir dir;
    StderrToFile redirect(dir.path / "stderr");
    JournalEnv env(redirect.stream_id().c_str());
    Logger logger;
    ASSERT_FALSE(logger.configure(file_settings(dir, "f.log")));
    EXPECT_FALSE(logger.journal());
    logger.notice(Category::print, "n");
    EXPECT_EQ(read_lines(dir.path / "f.log"), std::vector<std::string>{"[PRINT] n"});
}

}  // namespace
}  // namespace braid::log
