#include <algorithm>
#include <cerrno>
#include <collab/store/digest_cache_update.hpp>
#include <collab/store/recovery.hpp>
#include <csignal>
#include <cstdlib>
#include <exception>
#include <fmt/format.h>
#include <numeric>
#include <set>
#include <unistd.h>

namespace collab::store {

namespace {

// A run killed while it wrote the cache (Ctrl-C on a cold run) leaves its temporary
// file, which the leftover scan passes by (.collab/cache holds no records): a run that
// writes the cache removes those of processes that are gone. Another run's file in
// flight stays, and one that cannot be removed is left for a later run.
void remove_dead_runs_files(const Disk& disk, const std::string& cache_file) {
    const auto slash = cache_file.rfind('/');
    const auto folder = slash == std::string::npos ? std::string() : cache_file.substr(0, slash);
    const auto prefix = fmt::format(".{}{}", cache_file.substr(slash + 1), k_temp_marker);
    for (const auto& name : disk.list(folder, false)) {
        if (!is_temp_name(name) || name.rfind(prefix, 0) != 0) {
            continue;
        }
        const auto pid = std::strtol(name.c_str() + prefix.size(), nullptr, 10);
        if (pid > 0 && pid != ::getpid() && ::kill(static_cast<pid_t>(pid), 0) != 0 &&
            errno == ESRCH) {
            try {
                disk.remove(folder.empty() ? name : fmt::format("{}/{}", folder, name));
            } catch (const std::exception&) {
                continue;
            }
        }
    }
}

} // namespace

DigestCacheUpdate::DigestCacheUpdate(const Disk& disk, const char* cache_file, std::string secret,
                                     const std::vector<std::string>& ids, bool every_request,
                                     const DigestCache& previous)
    : m_disk(disk), m_cache_file(cache_file), m_secret(std::move(secret)), m_ids(ids),
      m_every_request(every_request), m_previous(previous), m_slots(ids.size()) {
    // By id, the last of an id given twice: a stable sort keeps their order.
    m_order.resize(ids.size());
    std::iota(m_order.begin(), m_order.end(), std::size_t{0});
    if (!std::is_sorted(ids.begin(), ids.end())) {
        std::stable_sort(m_order.begin(), m_order.end(),
                         [&](std::size_t a, std::size_t b) { return ids[a] < ids[b]; });
    }
    std::vector<std::size_t> unique;
    unique.reserve(m_order.size());
    for (const auto i : m_order) {
        if (!unique.empty() && ids[unique.back()] == ids[i]) {
            unique.back() = i;
        } else {
            unique.push_back(i);
        }
    }
    m_order = std::move(unique);
    for (const auto i : m_order) {
        m_slots[i].wanted = true;
    }
    if (!every_request) {
        const std::set<std::string> visited(ids.begin(), ids.end());
        for (auto& id : previous.ids()) {
            if (visited.count(id) == 0) {
                m_others.push_back(std::move(id));
            }
        }
    }
}

DigestCacheUpdate::~DigestCacheUpdate() = default;

void DigestCacheUpdate::add(std::size_t i, DigestOutcome& outcome) {
    const std::lock_guard<std::mutex> lock(m_mutex);
    auto& slot = m_slots[i];
    if (!slot.wanted) {
        outcome.new_entry.reset(); // the id comes again later: that outcome counts
        return;
    }
    slot.done = true;
    slot.keep = outcome.keep_entry;
    slot.entry = std::move(outcome.new_entry);
    outcome.new_entry.reset();
    advance();
}

// Writes (or, before the first change, passes) every outcome that is in and has all
// before it in.
void DigestCacheUpdate::advance() {
    while (m_next < m_order.size() && m_slots[m_order[m_next]].done) {
        auto& slot = m_slots[m_order[m_next]];
        m_kept += slot.keep ? 1 : 0;
        if (!slot.keep && !m_changed) {
            m_changed = true;
            begin();
        }
        ++m_next;
        if (m_stream) {
            guarded([&] { write(m_next - 1); });
            m_written = m_next;
        }
        slot.entry.reset();
    }
}

// Starts the file, with the entries passed so far: all unchanged, from `previous`.
void DigestCacheUpdate::begin() {
    guarded([&] {
        remove_dead_runs_files(m_disk, m_cache_file);
        m_stream = std::make_unique<DigestCacheStream>(m_disk.create(m_cache_file, false), m_secret,
                                                       m_order.size() + m_others.size());
        for (; m_written < m_next; ++m_written) {
            write(m_written);
        }
    });
}

void DigestCacheUpdate::write(std::size_t position) {
    const auto& id = m_ids[m_order[position]];
    write_others_before(&id);
    const auto& slot = m_slots[m_order[position]];
    if (slot.keep) {
        m_stream->keep(m_previous, id);
    } else if (slot.entry) {
        m_stream->put(id, *slot.entry);
    }
}

// The kept entries of requests not in the run that come before `id` (all: nullptr).
void DigestCacheUpdate::write_others_before(const std::string* id) {
    for (; m_other < m_others.size() && (id == nullptr || m_others[m_other] < *id); ++m_other) {
        m_stream->keep(m_previous, m_others[m_other]);
    }
}

// Runs a step of writing the file; when it fails, the file is dropped, and so is the
// rest of the writing.
template <typename Step>
void DigestCacheUpdate::guarded(Step step) {
    if (m_failed) {
        m_stream.reset();
        return;
    }
    try {
        step();
    } catch (const std::exception&) {
        m_stream.reset();
        m_failed = true;
    }
}

bool DigestCacheUpdate::finish() {
    const std::lock_guard<std::mutex> lock(m_mutex);
    if (m_next != m_order.size()) {
        return false; // not every outcome is in: the cache would lose entries
    }
    // Entries of requests that are gone are dropped by a run over every request.
    if (!m_changed && m_every_request && m_kept != m_previous.size()) {
        m_changed = true;
        begin();
    }
    if (!m_changed) {
        return false;
    }
    guarded([&] {
        write_others_before(nullptr);
        m_stream->commit();
    });
    const bool written = m_stream != nullptr;
    m_stream.reset();
    return written;
}

std::size_t DigestCacheUpdate::waiting() const {
    const std::lock_guard<std::mutex> lock(m_mutex);
    return static_cast<std::size_t>(
        std::count_if(m_slots.begin(), m_slots.end(), [](const Slot& s) { return s.entry; }));
}

} // namespace collab::store
