#include <collab/rules/as_of.hpp>
#include <collab/rules/form_rule.hpp>
#include <collab/rules/request_digest.hpp>
#include <collab/rules/request_status.hpp>

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
        digest.verdicts = request_verdicts(request, context);
        digest.steps = pending_steps(request, derive_status(request, context.roster), context);
        return digest;
    }
    // Worked out again for this `now` (never cached): what the request was then, and
    // nothing at all for a request that did not exist yet.
    const auto past = as_of(request, context.now);
    if (past.existed) {
        const auto& seen = past.request;
        digest.title = seen.form.title;
        digest.departments = involved_departments(seen.form, context.roster);
        digest.verdicts = request_verdicts(seen, context);
        digest.steps = pending_steps(seen, derive_status(seen, context.roster), context);
    }
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
