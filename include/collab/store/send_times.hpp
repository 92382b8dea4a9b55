#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace collab::store {

// When `collab notify` last sent to each channel: `.collab/notify-times`, one line per
// channel, "channel<TAB>ms ms ...", the sends of the last minute in milliseconds since
// the epoch. A run reads it before its first message, so that two runs in quick
// succession still keep the platform's rate (notify/rate_spacing); derived and local like
// the rest of .collab/ (keep it in the CI cache with the sent-log).
class SendTimes {
public:
    static constexpr const char* k_path = ".collab/notify-times";

    // Reads the file of a workspace; an absent or unreadable line is no history.
    // Throws FileError.
    static SendTimes load(const std::filesystem::path& root);

    // The times recorded for a channel, oldest first.
    std::vector<long long> of(const std::string& channel) const;
    // Records a send and writes the file at once, atomically, keeping only the times
    // within a minute of `now_ms`. Throws FileError.
    void add(const std::string& channel, long long sent_ms, long long now_ms);

private:
    std::filesystem::path m_root;
    std::map<std::string, std::vector<long long>> m_times;
};

} // namespace collab::store
