#include <algorithm>
#include <collab/notify/rate_spacing.hpp>

namespace collab::notify {

namespace {

// The instant from which a window of `span` ms ending at `at` holds fewer than `most`
// of the sorted `sent` times: `at` itself, or just after the oldest one that must leave.
long long clear_of(const std::vector<long long>& sent, int most, long long span, long long at) {
    if (most <= 0) {
        return at;
    }
    std::vector<long long> inside;
    for (const auto time : sent) {
        if (time > at - span) {
            inside.push_back(time);
        }
    }
    if (inside.size() < static_cast<std::size_t>(most)) {
        return at;
    }
    return std::max(at, inside[inside.size() - static_cast<std::size_t>(most)] + span);
}

} // namespace

std::vector<long long> sends_in_window(std::vector<long long> sent_ms, long long now_ms) {
    sent_ms.erase(std::remove_if(sent_ms.begin(), sent_ms.end(),
                                 [now_ms](long long time) {
                                     return time <= now_ms - k_rate_window_ms ||
                                            time > now_ms + k_rate_window_ms;
                                 }),
                  sent_ms.end());
    std::sort(sent_ms.begin(), sent_ms.end());
    return sent_ms;
}

long long next_send_at(const std::vector<long long>& sent_ms, const Limits& limits,
                       long long now_ms) {
    const auto sent = sends_in_window(sent_ms, now_ms);
    auto at = now_ms;
    // Moving later for one window may meet a time sent ahead of this clock: repeat until both hold.
    for (int round = 0; round < 8; ++round) {
        const auto before = at;
        at = clear_of(sent, limits.per_second, 1000, at);
        at = clear_of(sent, limits.per_minute, k_rate_window_ms, at);
        if (at == before) {
            break;
        }
    }
    return at;
}

} // namespace collab::notify
