#pragma once

#include <collab/time/timestamp.hpp>
#include <collab/util/diagnostic.hpp>
#include <collab/yaml/node.hpp>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace collab::model {

// A department as people.yaml names it.
struct Department {
    std::string id;   // short key used in records, e.g. "tech"
    std::string name; // what people call it, e.g. "技术部"
    SourceLocation where;
};

// The role that makes a person the head of their department.
inline constexpr const char* k_role_department_head = "department-head";

// A public key a person signs log entries with (people.yaml `keys:`), either
// "ssh-ed25519 AAAA... comment" or a map with `key`, `valid_from` and `valid_until`
// (YYYY-MM-DD, days in UTC, both ends included) so that a key can be retired.
struct PersonKey {
    std::string type;    // "ssh-ed25519"
    std::string blob;    // the base64 key
    std::string comment; // free text after the key
    std::optional<time::Date> valid_from;
    std::optional<time::Date> valid_until;
    SourceLocation where;

    // "ssh-ed25519 AAAA..." without the comment: what identifies the key.
    std::string public_key() const { return type + " " + blob; }
    // "SHA256:..." as ssh-keygen -l prints it.
    std::string fingerprint() const;
    // True when an entry made at `at` may be signed with this key.
    bool valid_at(time::Timestamp at) const;
};

// Parses an authorized_keys-style public key line ("type base64 [comment]"): a
// known key type whose base64 blob names that type. nullopt otherwise.
std::optional<PersonKey> parse_public_key(std::string_view line);

// One person of the roster.
struct Person {
    std::string id;
    std::string name;
    std::string email;
    std::string department; // a Department id
    std::string manager;    // a Person id; empty for the top of the tree
    std::vector<std::string> roles;
    std::string delegate;        // a Person id who may act for this person when absent
    std::vector<PersonKey> keys; // the keys their log entries are signed with
    // `mention:` the ids collab notify @-mentions them by, per platform: feishu (user id
    // or open id), dingtalk (mobile number or user id), wecom (user id), email (an
    // address other than `email`).
    std::map<std::string, std::string> mentions;
    SourceLocation where;

    // The id to mention on a platform ("feishu", ...); for email, `email` unless
    // mention.email is set. Empty when none is known.
    std::string mention_id(std::string_view platform) const;

    bool has_role(std::string_view role) const;
};

// people.yaml: who takes part, their departments, managers and roles.
class Roster {
public:
    Roster() = default;
    Roster(std::vector<Department> departments, std::vector<Person> people);

    const std::vector<Person>& people() const { return m_people; }
    const std::vector<Department>& departments() const { return m_departments; }

    // By id, or by email (case-insensitive).
    const Person* find(std::string_view id_or_email) const;
    const Person* find_by_email(std::string_view email) const;
    // By id or by name ("tech" or "技术部").
    const Department* find_department(std::string_view id_or_name) const;
    // The person with the department-head role in a department, if any.
    const Person* head_of(std::string_view department_id) const;
    // "张敏 (zhang)"; the bare text when nobody has that id.
    std::string display(std::string_view person_id) const;
    // "张敏 (zhang), 李华 (li)": display() of each, comma-separated.
    std::string display_list(const std::vector<std::string>& person_ids) const;

private:
    std::vector<Department> m_departments;
    std::vector<Person> m_people;
};

// Reads people.yaml and checks it: unique ids and emails, managers, delegates and
// departments that exist, no management cycles, at most one head per department.
std::optional<Roster> read_roster(const yaml::Node& root, const std::string& path,
                                  Diagnostics& out);

// True for a roster or record id: lower-case letters, digits, '.', '_' and '-',
// starting with a letter or digit. Ids become file names, so they stay portable.
bool is_valid_id(std::string_view id);

} // namespace collab::model
