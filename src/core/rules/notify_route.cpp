#include <algorithm>
#include <collab/rules/notify_route.hpp>

namespace collab::rules {

using i18n::msg;

bool channel_serves(const model::NotifyChannel& channel, const model::Person& person) {
    const auto in = [](const std::vector<std::string>& list, const std::string& item) {
        return std::find(list.begin(), list.end(), item) != list.end();
    };
    return in(channel.people, person.id) || in(channel.departments, person.department);
}

std::vector<ChannelBatch>
route_notices(const std::vector<Notice>& notices, const std::vector<model::NotifyChannel>& channels,
              const model::Roster& roster,
              const std::function<bool(const std::string&, const std::string&)>& already_sent,
              std::vector<std::string>& unreached) {
    std::vector<ChannelBatch> batches;
    for (const auto& channel : channels) {
        ChannelBatch batch;
        batch.channel = &channel;
        for (const auto& notice : notices) {
            const auto* person = roster.find(notice.person);
            if (person == nullptr || !channel_serves(channel, *person) ||
                already_sent(channel.name, notice.event)) {
                continue;
            }
            auto group = std::find_if(batch.people.begin(), batch.people.end(),
                                      [&](const auto& p) { return p.person == notice.person; });
            if (group == batch.people.end()) {
                batch.people.push_back({notice.person, {}});
                group = std::prev(batch.people.end());
            }
            group->notices.push_back(notice);
        }
        if (!batch.people.empty()) {
            batches.push_back(std::move(batch));
        }
    }
    for (const auto& notice : notices) {
        const auto* person = roster.find(notice.person);
        const bool served = person != nullptr &&
                            std::any_of(channels.begin(), channels.end(),
                                        [&](const auto& c) { return channel_serves(c, *person); });
        if (!served &&
            std::find(unreached.begin(), unreached.end(), notice.person) == unreached.end()) {
            unreached.push_back(notice.person);
        }
    }
    return batches;
}

void check_channel_audience(const std::vector<model::NotifyChannel>& channels,
                            const model::Roster& roster, Diagnostics& out) {
    for (const auto& channel : channels) {
        for (const auto& department : channel.departments) {
            if (roster.find_department(department) == nullptr) {
                out.error(channel.departments_at,
                          msg("notify.unknown_department", channel.name, department));
            }
        }
        for (const auto& person : channel.people) {
            if (roster.find(person) == nullptr) {
                out.error(channel.people_at, msg("notify.unknown_person", channel.name, person));
            }
        }
    }
}

} // namespace collab::rules
