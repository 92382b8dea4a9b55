// The spacing of messages to one bot, across runs: the earliest instant the next may go
// given the times earlier messages went, on a fake clock (no sleeping).
#include <collab/notify/rate_spacing.hpp>
#include <doctest/doctest.h>

namespace test_notify_rate {

using namespace collab;
using notify::Limits;
using notify::next_send_at;

namespace {

const Limits k_feishu = notify::limits_of(model::ChannelKind::feishu);     // 100/min, 5/s
const Limits k_dingtalk = notify::limits_of(model::ChannelKind::dingtalk); // 20/min

} // namespace

TEST_CASE("nothing sent lately: now") {
    CHECK(next_send_at({}, k_feishu, 1'000'000) == 1'000'000);
    // Sends more than a minute old do not count.
    CHECK(next_send_at({1, 2, 3, 4, 5, 6}, k_feishu, 1'000'000) == 1'000'000);
}

TEST_CASE("Feishu: a sixth message within a second waits until the first is a second old") {
    const std::vector<long long> run1{10'000, 10'100, 10'200, 10'300, 10'400};
    CHECK(next_send_at(run1, k_feishu, 10'500) == 11'000);
    CHECK(next_send_at(run1, k_feishu, 11'000) == 11'000);
    CHECK(next_send_at({10'000, 10'100, 10'200, 10'300}, k_feishu, 10'500) == 10'500);
}

TEST_CASE("Feishu: the hundred-and-first message within a minute waits for the minute") {
    std::vector<long long> sent;
    for (int i = 0; i < 100; ++i) {
        sent.push_back(1'000'000 + i * 300); // 100 in 30 s, never 5 in a second
    }
    const long long now = 1'000'000 + 30'000;
    CHECK(next_send_at(sent, k_feishu, now) == 1'060'000);
    // Once the oldest has left the minute, there is room again.
    CHECK(next_send_at(sent, k_feishu, 1'060'000) == 1'060'000);
}

TEST_CASE("DingTalk: twenty a minute, the twenty-first waits for the oldest to age out") {
    std::vector<long long> sent;
    for (int i = 0; i < 20; ++i) {
        sent.push_back(5'000'000 + i * 1'000);
    }
    // A second run right after the first: the earlier run's sends are in the file.
    CHECK(next_send_at(sent, k_dingtalk, 5'020'000) == 5'060'000);
    sent.erase(sent.begin());
    CHECK(next_send_at(sent, k_dingtalk, 5'020'000) == 5'020'000);
    CHECK(next_send_at(sent, k_dingtalk, 5'019'500) == 5'020'000); // one a second
}

TEST_CASE("a time far ahead of the clock (set back) is not believed; order does not matter") {
    CHECK(next_send_at({9'000'000'000}, k_dingtalk, 1'000'000) == 1'000'000);
    CHECK(next_send_at({10'400, 10'000, 10'300, 10'100, 10'200}, k_feishu, 10'500) == 11'000);
    CHECK(notify::sends_in_window({30, 10, 70'000, 20}, 65'000) == std::vector<long long>{70'000});
    CHECK(notify::sends_in_window({64'000, 10, 63'000}, 65'000) ==
          std::vector<long long>{63'000, 64'000});
}

} // namespace test_notify_rate
