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
