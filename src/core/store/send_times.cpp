#include <algorithm>
#include <charconv>
#include <collab/store/atomic_file.hpp>
#include <collab/store/contained.hpp>
#include <collab/store/send_times.hpp>

namespace collab::store {

namespace {

// "ms ms ms" as numbers; a word that is not one ends the list.
std::vector<long long> parse_send_times(std::string_view text) {
    std::vector<long long> times;
    while (!text.empty()) {
        const auto space = text.find(' ');
        const auto word = text.substr(0, space);
        long long value = 0;
        const auto [end, error] = std::from_chars(word.data(), word.data() + word.size(), value);
        if (error != std::errc() || end != word.data() + word.size()) {
            break;
        }
        times.push_back(value);
        text = space == std::string_view::npos ? std::string_view() : text.substr(space + 1);
    }
    return times;
}

} // namespace

SendTimes SendTimes::load(const std::filesystem::path& root) {
    SendTimes times;
    times.m_root = root;
    const auto read = read_contained_if_any(root, k_path);
    if (!read) {
        return times;
    }
    const std::string& text = *read;
    std::string_view rest(text);
    while (!rest.empty()) {
        const auto end = rest.find('\n');
        const auto line = rest.substr(0, end);
        rest = end == std::string_view::npos ? std::string_view() : rest.substr(end + 1);
        const auto tab = line.find('\t');
        if (tab != std::string_view::npos && tab > 0) {
            times.m_times[std::string(line.substr(0, tab))] =
                parse_send_times(line.substr(tab + 1));
        }
    }
    return times;
}

std::vector<long long> SendTimes::of(const std::string& channel) const {
    const auto found = m_times.find(channel);
    return found == m_times.end() ? std::vector<long long>{} : found->second;
}

void SendTimes::add(const std::string& channel, long long sent_ms, long long now_ms) {
    m_times[channel].push_back(sent_ms);
    std::string text;
    for (auto& [name, list] : m_times) {
        // A minute is the longest window a platform's rate is counted over.
        list.erase(std::remove_if(list.begin(), list.end(),
                                  [now_ms](long long time) {
                                      return time <= now_ms - 60000 || time > now_ms + 60000;
                                  }),
                   list.end());
        std::sort(list.begin(), list.end());
        if (list.empty()) {
            continue;
        }
        text += name + "\t";
        for (std::size_t i = 0; i < list.size(); ++i) {
            text += (i == 0 ? "" : " ") + std::to_string(list[i]);
        }
        text += "\n";
    }
    write_file_atomically(m_root, k_path, text);
}

} // namespace collab::store
