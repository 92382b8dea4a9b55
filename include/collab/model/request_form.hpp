#pragma once

#include <collab/time/calendar.hpp>
#include <collab/util/diagnostic.hpp>
#include <collab/yaml/node.hpp>
#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace collab::model {

// One action item: quantifiable and checkable, with how it will be accepted.
struct ActionItem {
    std::string action;
    std::string acceptance;
};

// One line of resources and support needed; `amount` is "500 CNY" for budget lines.
struct ResourceLine {
    std::string what;
    std::string amount;
};

// The requirement approval form (需求审批表), as request.yaml holds it. Every field
// but `initiator` and `created` is content: it is what reviewers and signers see,
// what the content hash covers, and what freezes once the request is final.
struct RequestForm {
    std::string title;
    std::string source = "internal"; // "internal" or "customer"
    std::string customer;            // the customer's name when source is customer
    std::string initiator;           // a person id
    std::string lead;                // a person id; empty means the initiator leads
    std::string created;             // timestamp text as written
    std::string due;                 // date text as written, YYYY-MM-DD
    std::string background;
    std::string goal;
    std::vector<std::string> departments;  // department ids or names
    std::vector<std::string> participants; // person ids
    std::vector<ActionItem> items;
    std::vector<ResourceLine> resources;

    // Where each field was read from ("title", "items.2.acceptance", ...), for
    // diagnostics; empty for forms built in memory.
    std::map<std::string, SourceLocation> where;

    // The person who runs the project: the lead, else the initiator.
    const std::string& project_lead() const { return lead.empty() ? initiator : lead; }
    SourceLocation location_of(const std::string& field) const;
};

// The field names of request.yaml, in the order they are written.
const std::vector<std::string>& request_form_keys();

// Reads request.yaml's structure. Shape errors (a list where text belongs, a missing
// title) are reported here; whether the content satisfies the form rule is judged by
// rules::check_form.
std::optional<RequestForm> read_request_form(const yaml::Node& root, const std::string& path,
                                             Diagnostics& out);

// The request as a YAML node, in request_form_keys order, for writing a new file.
yaml::Node to_node(const RequestForm& form);

// A stable hash of the form's content (every field but initiator and created,
// after trimming surrounding white space): a signature or transition binds to it, so
// that reformatting or a comment does not void it but any change of content does.
// The full SHA-256 in hex (64 characters).
std::string content_hash(const RequestForm& form);

// Content hashes as logs hold them: the full 64 hex digits, or the 16 (64 bits) that
// earlier releases wrote. Lower-case hex only.
constexpr std::size_t k_hash_hex = 64;
constexpr std::size_t k_short_hash_hex = 16;
bool is_hash_text(std::string_view text);

// Whether two hash texts name the same content: equal, or a 16-digit hash of an earlier
// release that is the prefix of a full one.
bool same_content(std::string_view a, std::string_view b);

// One field that differs between two versions of a form, as text.
struct FieldChange {
    std::string field;
    std::string before;
    std::string after;
};

// The content fields that differ between two versions, in form order. Lists are
// compared whole and shown one entry per line.
std::vector<FieldChange> form_changes(const RequestForm& before, const RequestForm& after);

// An edit entry's `changes:` list: {field, from, to} for each of form_changes.
yaml::Node form_changes_node(const RequestForm& before, const RequestForm& after);

// Splits "action :: criterion" (also "what :: amount"); the right side is empty when
// there is no separator.
std::pair<std::string, std::string> split_pair(std::string_view text);

} // namespace collab::model
