#include <algorithm>
#include <collab/rules/form_rule.hpp>
#include <collab/rules/request_digest.hpp>
#include <collab/rules/request_status.hpp>

namespace collab::rules {

namespace {

// The request as it stood at `now`: entries recorded later are left out.
model::Request as_of(const model::Request& request, time::Timestamp now) {
    model::Request earlier = request;
    std::erase_if(earlier.events, [&](const model::Event& event) { return event.at > now; });
    return earlier;
}

} // namespace

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
    const auto& seen = digest.complete ? request : as_of(request, context.now);
    digest.verdicts = request_verdicts(seen, context);
    digest.steps = pending_steps(seen, derive_status(seen, context.roster), context);
    return digest;
}

std::vector<Finding> findings_at(const RequestDigest& digest, const Context& context) {
    std::vector<Finding> out;
    for (const auto& verdict : digest.verdicts) {
        if (auto finding = finding_at(verdict, context)) {
            out.push_back(std::move(*finding));
        }
    }
    apply_severities(out, context.config);
    return out;
}

} // namespace collab::rules
