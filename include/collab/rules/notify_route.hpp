#pragma once

#include <collab/model/notify_settings.hpp>
#include <collab/model/roster.hpp>
#include <collab/rules/notify.hpp>
#include <functional>
#include <string>
#include <vector>

namespace collab::rules {

// The notices of one person on one channel.
struct PersonNotices {
    std::string person;
    std::vector<Notice> notices;
};

// What one channel is sent in a run: every person it serves who has notices, grouped
// by person in the order they first appear, and the sent-log keys the message covers.
struct ChannelBatch {
    const model::NotifyChannel* channel = nullptr;
    std::vector<PersonNotices> people;
};

// Whether a channel serves a person: listed in `people`, or of one of its departments.
bool channel_serves(const model::NotifyChannel& channel, const model::Person& person);

// Routes notices to channels, leaving out a (channel, notice) pair the sent-log already
// holds (`already_sent(channel name, event key)`), so a rerun sends only what failed.
// People no channel serves are listed in `unreached`.
std::vector<ChannelBatch>
route_notices(const std::vector<Notice>& notices, const std::vector<model::NotifyChannel>& channels,
              const model::Roster& roster,
              const std::function<bool(const std::string&, const std::string&)>& already_sent,
              std::vector<std::string>& unreached);

// A channel's `departments` and `people` that people.yaml does not know, as errors at
// the channel's line.
void check_channel_audience(const std::vector<model::NotifyChannel>& channels,
                            const model::Roster& roster, Diagnostics& out);

} // namespace collab::rules
