#pragma once

#include "cli/session.hpp"

#include <collab/model/request.hpp>
#include <collab/rules/replay.hpp>
#include <string>
#include <vector>

namespace collab::cli {

// A request's history in words, as `collab log` prints it and the site's request
// pages show it.

// One event's headline: "submitted to 李华 (li)", "approved", ...; `current` is the
// form's content hash now (a signature of other content is marked void).
std::string log_headline(Session& session, const model::Event& event, const std::string& current);

// The lines that describe one event, beyond its headline.
std::vector<std::string> log_details(Session& session, const model::Event& event);

// One line of the history: when, who (empty for what no one did, such as a change
// taking effect), what, and its details.
struct LogLine {
    std::string when;
    std::string who;
    std::string text;
    std::vector<std::string> details;
};

// Every event in order, each change request where it took effect and the final version
// where it was reached.
std::vector<LogLine> log_lines(Session& session, const model::Request& request,
                               const rules::Replayed& replayed);

} // namespace collab::cli
