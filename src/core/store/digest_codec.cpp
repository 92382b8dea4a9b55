#include <bit>
#include <collab/store/digest_codec.hpp>

namespace collab::store {

namespace {

using util::ByteReader;
using util::ByteWriter;

void put_time(ByteWriter& out, const std::optional<time::Timestamp>& at) {
    out.boolean(at.has_value());
    if (at) {
        out.i64(at->time_since_epoch().count());
    }
}

std::optional<time::Timestamp> get_time(ByteReader& in) {
    if (!in.boolean()) {
        return std::nullopt;
    }
    return time::Timestamp(std::chrono::seconds(in.i64()));
}

void put_strings(ByteWriter& out, const std::vector<std::string>& items) {
    out.u64(items.size());
    for (const auto& item : items) {
        out.str(item);
    }
}

std::vector<std::string> get_strings(ByteReader& in) {
    std::vector<std::string> items(in.count());
    for (auto& item : items) {
        item = in.str();
    }
    return items;
}

void put_message(ByteWriter& out, const i18n::Message& message) {
    out.str(message.id);
    put_strings(out, message.args);
}

i18n::Message get_message(ByteReader& in) {
    i18n::Message message;
    message.id = in.str();
    message.args = get_strings(in);
    return message;
}

void put_location(ByteWriter& out, const SourceLocation& where) {
    out.str(where.path);
    out.i64(where.line);
    out.i64(where.column);
}

SourceLocation get_location(ByteReader& in) {
    SourceLocation where;
    where.path = in.str();
    where.line = static_cast<int>(in.i64());
    where.column = static_cast<int>(in.i64());
    return where;
}

Severity get_severity(ByteReader& in) {
    return in.u64() == 0 ? Severity::error : Severity::warning;
}

void put_severity(ByteWriter& out, Severity severity) {
    out.u64(severity == Severity::error ? 0 : 1);
}

void put_verdict(ByteWriter& out, const rules::Verdict& verdict) {
    const auto& f = verdict.finding;
    out.str(f.rule);
    put_severity(out, f.severity);
    put_location(out, f.where);
    out.str(f.request);
    out.str(f.person);
    out.i64(f.late_days);
    put_message(out, f.message);
    put_time(out, verdict.timing.after);
    put_time(out, verdict.timing.until);
    out.i64(verdict.timing.count_arg);
    put_time(out, verdict.timing.count_from);
    out.i64(verdict.timing.guessed_year);
}

rules::Verdict get_verdict(ByteReader& in) {
    rules::Verdict verdict;
    auto& f = verdict.finding;
    f.rule = in.str();
    f.severity = get_severity(in);
    f.where = get_location(in);
    f.request = in.str();
    f.person = in.str();
    f.late_days = static_cast<int>(in.i64());
    f.message = get_message(in);
    verdict.timing.after = get_time(in);
    verdict.timing.until = get_time(in);
    verdict.timing.count_arg = static_cast<int>(in.i64());
    verdict.timing.count_from = get_time(in);
    verdict.timing.guessed_year = static_cast<int>(in.i64());
    return verdict;
}

void put_step(ByteWriter& out, const rules::PendingStep& pending) {
    const auto& s = pending.step;
    out.u64(static_cast<std::uint64_t>(s.kind));
    out.str(s.request);
    put_strings(out, s.who);
    out.str(s.on_behalf_of);
    put_message(out, s.what);
    put_strings(out, s.commands);
    put_time(out, s.due);
    put_time(out, pending.until);
    out.boolean(pending.daily);
    put_time(out, pending.quiet_since);
}

std::optional<rules::PendingStep> get_step(ByteReader& in) {
    rules::PendingStep pending;
    auto& s = pending.step;
    const auto kind = in.u64();
    if (kind > static_cast<std::uint64_t>(rules::StepKind::deliver)) {
        return std::nullopt;
    }
    s.kind = static_cast<rules::StepKind>(kind);
    s.request = in.str();
    s.who = get_strings(in);
    s.on_behalf_of = in.str();
    s.what = get_message(in);
    s.commands = get_strings(in);
    s.due = get_time(in);
    pending.until = get_time(in);
    pending.daily = in.boolean();
    pending.quiet_since = get_time(in);
    return pending;
}

void put_double(ByteWriter& out, double value) {
    out.u64(std::bit_cast<std::uint64_t>(value));
}

double get_double(ByteReader& in) {
    return std::bit_cast<double>(in.u64());
}

void put_listing(ByteWriter& out, const rules::RequestListing& l) {
    out.str(l.id);
    out.str(l.title);
    out.str(l.initiator);
    out.str(l.lead);
    out.str(l.due);
    out.str(l.source);
    out.str(l.content);
    put_strings(out, l.participants);
    out.u64(static_cast<std::uint64_t>(l.state));
    out.i64(l.round);
    out.str(l.reviewer);
    put_time(out, l.submitted_at);
    put_time(out, l.accepted_at);
    put_time(out, l.reviewed_at);
}

bool get_listing(ByteReader& in, rules::RequestListing& l) {
    l.id = in.str();
    l.title = in.str();
    l.initiator = in.str();
    l.lead = in.str();
    l.due = in.str();
    l.source = in.str();
    l.content = in.str();
    l.participants = get_strings(in);
    const auto state = in.u64();
    if (state > static_cast<std::uint64_t>(rules::RequestState::withdrawn)) {
        return false;
    }
    l.state = static_cast<rules::RequestState>(state);
    l.round = static_cast<int>(in.i64());
    l.reviewer = in.str();
    l.submitted_at = get_time(in);
    l.accepted_at = get_time(in);
    l.reviewed_at = get_time(in);
    return true;
}

void put_stats(ByteWriter& out, const rules::StatsInputs& s) {
    put_time(out, s.first_submit);
    put_time(out, s.final_at);
    out.u64(s.reviews.size());
    for (const auto& review : s.reviews) {
        out.i64(review.submitted.time_since_epoch().count());
        out.i64(review.decided.time_since_epoch().count());
        put_time(out, review.due);
        out.i64(review.uncovered_year);
    }
    out.u64(s.tasks_delivered);
    out.u64(s.tasks_on_time);
    out.u64(s.tasks_accepted);
    out.u64(s.tasks_first_pass);
    out.u64(s.rework_rounds);
    out.u64(s.blockers.size());
    for (const auto& blocker : s.blockers) {
        out.str(blocker.department);
        out.i64(blocker.raised_at.time_since_epoch().count());
        put_time(out, blocker.closed_at);
    }
    out.u64(s.feedback.size());
    for (const auto& [key, score] : s.feedback) {
        out.str(key);
        put_double(out, score);
    }
    put_time(out, s.accepted_at);
}

void get_stats(ByteReader& in, rules::StatsInputs& s) {
    const auto at = [&in] {
        return time::Timestamp(std::chrono::seconds(in.i64()));
    };
    s.first_submit = get_time(in);
    s.final_at = get_time(in);
    s.reviews.resize(in.count());
    for (auto& review : s.reviews) {
        review.submitted = at();
        review.decided = at();
        review.due = get_time(in);
        review.uncovered_year = static_cast<int>(in.i64());
    }
    s.tasks_delivered = in.u64();
    s.tasks_on_time = in.u64();
    s.tasks_accepted = in.u64();
    s.tasks_first_pass = in.u64();
    s.rework_rounds = in.u64();
    s.blockers.resize(in.count());
    for (auto& blocker : s.blockers) {
        blocker.department = in.str();
        blocker.raised_at = at();
        blocker.closed_at = get_time(in);
    }
    s.feedback.resize(in.count());
    for (auto& [key, score] : s.feedback) {
        key = in.str();
        score = get_double(in);
    }
    s.accepted_at = get_time(in);
}

// What the task list shows of a task besides its id, name, people and state.
void put_task_shown(ByteWriter& out, const rules::TaskEntry& task) {
    out.str(task.deadline);
    out.str(task.reaccept_by);
    out.str(task.deliverable);
    put_strings(out, task.depends_on);
    out.boolean(task.confirmed);
    out.boolean(task.edited_by_hand);
    out.i64(task.percent);
    out.str(task.latest_note);
    put_time(out, task.last_update);
    out.u64(task.open_blockers.size());
    for (const auto& blocker : task.open_blockers) {
        out.str(blocker.id);
        out.str(blocker.text);
        out.str(blocker.from);
        out.str(blocker.by_text);
    }
    out.u64(task.risks.size());
    for (const auto& risk : task.risks) {
        out.str(risk.id);
        out.str(risk.text);
        out.str(risk.status);
    }
}

void get_task_shown(ByteReader& in, rules::TaskEntry& task) {
    task.deadline = in.str();
    task.reaccept_by = in.str();
    task.deliverable = in.str();
    task.depends_on = get_strings(in);
    task.confirmed = in.boolean();
    task.edited_by_hand = in.boolean();
    task.percent = static_cast<int>(in.i64());
    task.latest_note = in.str();
    task.last_update = get_time(in);
    task.open_blockers.resize(in.count());
    for (auto& blocker : task.open_blockers) {
        blocker.id = in.str();
        blocker.text = in.str();
        blocker.from = in.str();
        blocker.by_text = in.str();
    }
    task.risks.resize(in.count());
    for (auto& risk : task.risks) {
        risk.id = in.str();
        risk.text = in.str();
        risk.status = in.str();
    }
}

void put_shown(ByteWriter& out, const rules::RecordShown& shown) {
    if (const auto* b = std::get_if<rules::BlockerShown>(&shown)) {
        out.str(b->text);
        out.str(b->from);
        put_time(out, b->by);
        out.str(b->by_text);
        out.str(b->raised_by);
        out.i64(b->raised_at.time_since_epoch().count());
        put_time(out, b->closed_at);
        out.str(b->closed_by);
    } else if (const auto* r = std::get_if<rules::RiskShown>(&shown)) {
        out.str(r->target);
        out.str(r->text);
        out.str(r->owner);
        out.str(r->due);
        out.str(r->status);
    } else if (const auto* a = std::get_if<rules::ActionShown>(&shown)) {
        out.str(a->text);
        out.str(a->owner);
        out.str(a->deadline);
        out.boolean(a->done);
    } else {
        const auto& c = std::get<rules::ChangeShown>(shown);
        out.str(c.reason);
        out.str(c.proposed_by);
        out.i64(c.proposed_at.time_since_epoch().count());
        out.str(c.decision);
        out.str(c.decided_by);
        put_strings(out, c.affected_owners);
        put_strings(out, c.confirmed_by);
        put_strings(out, c.waiting_on);
        out.boolean(c.effective);
    }
}

// What a listing shows of a record of `kind` (put_shown wrote it).
rules::RecordShown get_shown(ByteReader& in, rules::RecordKind kind) {
    const auto at = [&in] {
        return time::Timestamp(std::chrono::seconds(in.i64()));
    };
    switch (kind) {
    case rules::RecordKind::blocker: {
        rules::BlockerShown b;
        b.text = in.str();
        b.from = in.str();
        b.by = get_time(in);
        b.by_text = in.str();
        b.raised_by = in.str();
        b.raised_at = at();
        b.closed_at = get_time(in);
        b.closed_by = in.str();
        return b;
    }
    case rules::RecordKind::risk: {
        rules::RiskShown r;
        r.target = in.str();
        r.text = in.str();
        r.owner = in.str();
        r.due = in.str();
        r.status = in.str();
        return r;
    }
    case rules::RecordKind::action: {
        rules::ActionShown a;
        a.text = in.str();
        a.owner = in.str();
        a.deadline = in.str();
        a.done = in.boolean();
        return a;
    }
    case rules::RecordKind::change:
        break;
    }
    rules::ChangeShown c;
    c.reason = in.str();
    c.proposed_by = in.str();
    c.proposed_at = at();
    c.decision = in.str();
    c.decided_by = in.str();
    c.affected_owners = get_strings(in);
    c.confirmed_by = get_strings(in);
    c.waiting_on = get_strings(in);
    c.effective = in.boolean();
    return c;
}

// Each section after the listing is length-prefixed (see DigestParts).
void put_index(ByteWriter& out, const rules::RequestIndex& index) {
    out.boolean(index.existed);
    out.boolean(index.form_unknown);
    put_listing(out, index.listing);
    ByteWriter lookup;
    put_strings(lookup, index.table_tasks);
    lookup.u64(index.records.size());
    for (const auto& [field, ids] : index.records) {
        lookup.str(field);
        put_strings(lookup, ids);
    }
    out.str(lookup.bytes());
    ByteWriter tasks;
    tasks.u64(index.tasks.size());
    for (const auto& task : index.tasks) {
        tasks.str(task.id);
        tasks.str(task.name);
        tasks.str(task.owner);
        put_strings(tasks, task.collaborators);
        tasks.u64(static_cast<std::uint64_t>(task.state));
        put_task_shown(tasks, task);
    }
    out.str(tasks.bytes());
    ByteWriter entries;
    entries.u64(index.record_entries.size());
    for (const auto& entry : index.record_entries) {
        entries.u64(static_cast<std::uint64_t>(entry.kind));
        entries.str(entry.id);
        entries.str(entry.task);
        entries.boolean(entry.open);
        put_strings(entries, entry.people);
        put_shown(entries, entry.shown);
    }
    out.str(entries.bytes());
    ByteWriter stats;
    put_stats(stats, index.stats);
    out.str(stats.bytes());
}

bool get_lookup(ByteReader& in, rules::RequestIndex& index) {
    index.table_tasks = get_strings(in);
    index.records.resize(in.count());
    for (auto& [field, ids] : index.records) {
        field = in.str();
        ids = get_strings(in);
    }
    return in.ok();
}

bool get_tasks(ByteReader& in, rules::RequestIndex& index) {
    index.tasks.resize(in.count());
    for (auto& task : index.tasks) {
        task.id = in.str();
        task.name = in.str();
        task.owner = in.str();
        task.collaborators = get_strings(in);
        const auto state = in.u64();
        if (state > static_cast<std::uint64_t>(rules::TaskState::removed)) {
            return false;
        }
        task.state = static_cast<rules::TaskState>(state);
        get_task_shown(in, task);
    }
    return in.ok();
}

bool get_record_entries(ByteReader& in, rules::RequestIndex& index) {
    index.record_entries.resize(in.count());
    for (auto& entry : index.record_entries) {
        const auto kind = in.u64();
        if (kind > static_cast<std::uint64_t>(rules::RecordKind::change)) {
            return false;
        }
        entry.kind = static_cast<rules::RecordKind>(kind);
        entry.id = in.str();
        entry.task = in.str();
        entry.open = in.boolean();
        entry.people = get_strings(in);
        entry.shown = get_shown(in, entry.kind);
    }
    return in.ok();
}

bool get_stats_section(ByteReader& in, rules::RequestIndex& index) {
    get_stats(in, index.stats);
    return in.ok();
}

// Reads one length-prefixed section with `get` when `wanted`, else steps over it;
// a section read must be read to its end.
bool get_section(ByteReader& in, bool wanted, bool (*get)(ByteReader&, rules::RequestIndex&),
                 rules::RequestIndex& index) {
    ByteReader section(in.view(in.count()));
    if (!in.ok()) {
        return false;
    }
    return !wanted || (get(section, index) && section.at_end());
}

bool get_index(ByteReader& in, rules::RequestIndex& index, const DigestParts& parts) {
    index.existed = in.boolean();
    index.form_unknown = in.boolean();
    if (!get_listing(in, index.listing)) {
        return false;
    }
    return get_section(in, parts.lookup, get_lookup, index) &&
           get_section(in, parts.tasks, get_tasks, index) &&
           get_section(in, parts.record_entries, get_record_entries, index) &&
           get_section(in, parts.stats, get_stats_section, index) && in.ok();
}

} // namespace

void encode_digest(ByteWriter& out, const rules::RequestDigest& digest) {
    out.str(digest.id);
    out.str(digest.title);
    out.str(digest.initiator);
    put_strings(out, digest.departments);
    put_time(out, digest.last_event);
    out.boolean(digest.complete);
    // Each part length-prefixed, so that a reader may skip it.
    ByteWriter verdicts;
    verdicts.u64(digest.verdicts.size());
    for (const auto& verdict : digest.verdicts) {
        put_verdict(verdicts, verdict);
    }
    out.str(verdicts.bytes());
    ByteWriter steps;
    steps.u64(digest.steps.size());
    for (const auto& step : digest.steps) {
        put_step(steps, step);
    }
    out.str(steps.bytes());
    ByteWriter index;
    put_index(index, digest.index);
    out.str(index.bytes());
}

std::optional<rules::RequestDigest> decode_digest(ByteReader& in, const DigestParts& parts) {
    rules::RequestDigest digest;
    digest.id = in.str();
    digest.title = in.str();
    digest.initiator = in.str();
    digest.departments = get_strings(in);
    digest.last_event = get_time(in);
    digest.complete = in.boolean();
    ByteReader verdicts(in.view(in.count()));
    if (parts.verdicts) {
        digest.verdicts.resize(verdicts.count());
        for (auto& verdict : digest.verdicts) {
            verdict = get_verdict(verdicts);
        }
        if (!verdicts.ok() || !verdicts.at_end()) {
            return std::nullopt;
        }
    }
    ByteReader steps(in.view(in.count()));
    if (parts.steps) {
        const auto count = steps.count();
        for (std::size_t i = 0; i < count && steps.ok(); ++i) {
            auto step = get_step(steps);
            if (!step) {
                return std::nullopt;
            }
            digest.steps.push_back(std::move(*step));
        }
        if (!steps.ok() || !steps.at_end()) {
            return std::nullopt;
        }
    }
    ByteReader index(in.view(in.count()));
    if (parts.index) {
        if (!get_index(index, digest.index, parts) || !index.at_end()) {
            return std::nullopt;
        }
    }
    if (!in.ok()) {
        return std::nullopt;
    }
    return digest;
}

void encode_diagnostics(ByteWriter& out, const std::vector<Diagnostic>& items) {
    out.u64(items.size());
    for (const auto& item : items) {
        put_severity(out, item.severity);
        put_location(out, item.where);
        put_message(out, item.message);
    }
}

std::optional<std::vector<Diagnostic>> decode_diagnostics(ByteReader& in) {
    std::vector<Diagnostic> items(in.count());
    for (auto& item : items) {
        item.severity = get_severity(in);
        item.where = get_location(in);
        item.message = get_message(in);
    }
    if (!in.ok()) {
        return std::nullopt;
    }
    return items;
}

} // namespace collab::store
