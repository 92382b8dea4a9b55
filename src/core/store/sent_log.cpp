#include <collab/store/atomic_file.hpp>
#include <collab/store/contained.hpp>
#include <collab/store/sent_log.hpp>

namespace collab::store {

SentLog SentLog::load(const std::filesystem::path& root) {
    SentLog log;
    log.m_root = root;
    const auto read = read_contained_if_any(root, k_path);
    if (!read) {
        return log;
    }
    const std::string& text = *read;
    std::size_t start = 0;
    while (start < text.size()) {
        auto end = text.find('\n', start);
        if (end == std::string::npos) {
            end = text.size();
        }
        const auto line = text.substr(start, end - start);
        start = end + 1;
        const auto tab = line.find('\t');
        if (tab == std::string::npos) {
            continue;
        }
        std::pair<std::string, std::string> entry{line.substr(0, tab), line.substr(tab + 1)};
        if (log.m_index.insert(entry).second) {
            log.m_lines.push_back(std::move(entry));
        }
    }
    return log;
}

bool SentLog::has(const std::string& channel, const std::string& key) const {
    return m_index.count(std::make_pair(channel, key)) > 0;
}

void SentLog::add(const std::string& channel, const std::vector<std::string>& keys) {
    for (const auto& key : keys) {
        std::pair<std::string, std::string> entry{channel, key};
        if (m_index.insert(entry).second) {
            m_lines.push_back(std::move(entry));
        }
    }
    const auto first = m_lines.size() > k_sent_log_lines ? m_lines.size() - k_sent_log_lines : 0;
    std::string text;
    for (auto i = first; i < m_lines.size(); ++i) {
        text += m_lines[i].first + "\t" + m_lines[i].second + "\n";
    }
    write_file_atomically(m_root, k_path, text);
}

} // namespace collab::store
