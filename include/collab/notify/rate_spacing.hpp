#pragma once

#include <collab/notify/bot_message.hpp>
#include <vector>

// collab::notify: when the next message to a bot may go, so that the platform's
// documented rate holds across runs as well as within one. Pure: the times of the
// messages already sent and the clock in, a time out.
namespace collab::notify {

// The window the rates are counted over: a minute.
inline constexpr long long k_rate_window_ms = 60000;

// The earliest instant (milliseconds since the epoch, never before `now_ms`) the next
// message may be sent, so that no rolling second holds more than `limits.per_second`
// messages and no rolling minute more than `limits.per_minute`. `sent_ms` are the times
// of earlier messages to the same bot, in any order; times more than a minute in the
// future (a clock that was set back) are not believed.
long long next_send_at(const std::vector<long long>& sent_ms, const Limits& limits,
                       long long now_ms);

// The times that still count at `now_ms` (within the last minute), oldest first: what
// is worth keeping for the next run.
std::vector<long long> sends_in_window(std::vector<long long> sent_ms, long long now_ms);

} // namespace collab::notify
