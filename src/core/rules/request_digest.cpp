#include <collab/rules/as_of.hpp>
#include <collab/rules/form_rule.hpp>
#include <collab/rules/replay.hpp>
#include <collab/rules/request_digest.hpp>
#include <collab/rules/request_status.hpp>
#include <collab/rules/verdict.hpp>
#include <iterator>

namespace collab::rules {

RequestDigest digest_request(const model::Request& request, const Context& context) {
    RequestDigest digest;
    digest.id = request.id;
    digest.title = request.form.title;
    digest.initiator = request.form.initiator;
    digest.departments = involved_departments(request.form, context.roster);
    for (const auto& event : request.events) {
        if (!digest.last_event || event.at > *digest.last_event) {
            digest.last_event = event.at;
        }
    }
    digest.complete = !digest.last_event || *digest.last_event <= context.now;
    if (digest.complete) {
        // One replay of the logs for every part of the digest.
        const auto replayed = replay(request, context.roster);
        digest.verdicts = request_verdicts(request, replayed, context);
        digest.steps = pending_steps(request, replayed, context);
        digest.index = index_request(request, replayed, context);
        return digest;
    }
    // Worked out again for this `now` (never cached): what the request was then, and
    // nothing at all for a request that did not exist yet.
    const auto past = as_of(request, context.now);
    digest.index.existed = past.existed;
    if (past.existed) {
        const auto& seen = past.request;
        digest.title = seen.form.title;
        digest.departments = involved_departments(seen.form, context.roster);
        const auto replayed = replay(seen, context.roster);
        digest.verdicts = request_verdicts(seen, replayed, context);
        digest.steps = pending_steps(seen, replayed, context);
        digest.index = index_request(seen, replayed, context);
        digest.index.form_unknown = past.form == PastForm::unknown;
    }
    return digest;
}

std::vector<Finding> findings_at(const RequestDigest& digest, const Context& context) {
    std::vector<Finding> out;
    // Counts that needed a year no calendar covers: one calendar finding per year
    // and kind for the request, after the findings it explains.
    std::vector<std::pair<CalendarGap, std::size_t>> gaps; // gap, index of its first finding
    std::vector<int> counts;
    for (const auto& verdict : digest.verdicts) {
        CalendarGap gap;
        auto finding = finding_at(verdict, context, &gap);
        if (!finding) {
            continue;
        }
        std::vector<Finding> one{std::move(*finding)};
        apply_severities(one, context.config);
        if (one.empty()) {
            continue;
        }
        const bool explained = one.front().rule == "calendar.uncovered";
        out.push_back(std::move(one.front()));
        if (gap.year == 0 || explained) {
            continue;
        }
        const auto seen =
            std::find_if(gaps.begin(), gaps.end(), [&](const auto& g) { return g.first == gap; });
        if (seen == gaps.end()) {
            gaps.emplace_back(gap, out.size() - 1);
            counts.push_back(1);
        } else {
            ++counts[static_cast<std::size_t>(seen - gaps.begin())];
        }
    }
    for (std::size_t i = 0; i < gaps.size(); ++i) {
        std::vector<Finding> one{
            calendar_gap_finding(out[gaps[i].second], gaps[i].first, counts[i])};
        apply_severities(one, context.config);
        std::move(one.begin(), one.end(), std::back_inserter(out));
    }
    return out;
}

} // namespace collab::rules
