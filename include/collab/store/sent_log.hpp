#pragma once

#include <filesystem>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace collab::store {

// What `collab notify` has sent: `.collab/notify-sent`, one line per (channel, notice
// key), "channel<TAB>key". A rerun of the same --since after a partial failure skips what
// a channel already got. Derived and local like the rest of .collab/ (keep it in the CI
// cache between jobs); only the last k_sent_log_lines lines are kept.
class SentLog {
public:
    static constexpr const char* k_path = ".collab/notify-sent";
    static constexpr std::size_t k_sent_log_lines = 20000;

    // Reads the log of a workspace; an absent file is an empty log. Throws FileError.
    static SentLog load(const std::filesystem::path& root);

    bool has(const std::string& channel, const std::string& key) const;
    // Records keys as sent on a channel and writes the file at once, so that what was
    // sent stays recorded when a later send fails. Throws FileError.
    void add(const std::string& channel, const std::vector<std::string>& keys);

private:
    std::filesystem::path m_root;
    std::vector<std::pair<std::string, std::string>> m_lines;
    std::set<std::pair<std::string, std::string>, std::less<>> m_index;
};

} // namespace collab::store
