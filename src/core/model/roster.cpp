#include <algorithm>
#include <collab/i18n/list.hpp>
#include <collab/model/entry_chain.hpp>
#include <collab/model/roster.hpp>
#include <collab/util/base64.hpp>
#include <collab/util/edit_distance.hpp>
#include <collab/util/sha256.hpp>
#include <collab/util/text.hpp>
#include <collab/yaml/map_reader.hpp>
#include <map>
#include <set>
#include <sstream>

namespace collab::model {

using i18n::msg;

namespace {

std::string lower(std::string_view text) {
    std::string out(text);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

std::optional<Department> read_department(const yaml::Node& node, const std::string& path,
                                          Diagnostics& out) {
    yaml::MapReader reader(node, path, out);
    if (!reader.is_map()) {
        return std::nullopt;
    }
    Department dept;
    dept.where = yaml::location(path, node);
    dept.id = reader.required_string("id").value_or("");
    dept.name = reader.optional_string("name").value_or(dept.id);
    reader.finish();
    if (dept.id.empty()) {
        return std::nullopt;
    }
    if (!is_valid_id(dept.id)) {
        out.error(yaml::location(path, *reader.optional("id")), msg("roster.bad_id", dept.id));
    }
    return dept;
}

// "YYYY-MM-DD" of a key's validity; reports a bad one at its place.
std::optional<time::Date> read_key_date(yaml::MapReader& reader, std::string_view key) {
    auto text = reader.optional_string(key);
    if (!text) {
        return std::nullopt;
    }
    const auto day = time::parse_date(*text);
    if (!day) {
        reader.diagnostics().error(yaml::location(reader.path(), *reader.optional(key)),
                                   msg("roster.bad_key_date", key, *text));
        return std::nullopt;
    }
    return day;
}

std::optional<PersonKey> read_key(const yaml::Node& node, const std::string& path,
                                  Diagnostics& out) {
    const yaml::Node* text = &node;
    std::optional<time::Date> from;
    std::optional<time::Date> until;
    if (node.is_map()) {
        yaml::MapReader reader(node, path, out);
        text = reader.required("key");
        from = read_key_date(reader, "valid_from");
        until = read_key_date(reader, "valid_until");
        reader.finish();
        if (text == nullptr) {
            return std::nullopt;
        }
    }
    auto key = text->is_scalar() ? parse_public_key(text->scalar()) : std::nullopt;
    if (!key) {
        out.error(yaml::location(path, *text), msg("roster.bad_key"));
        return std::nullopt;
    }
    if (from && until && *until < *from) {
        out.error(yaml::location(path, node), msg("roster.key_window"));
    }
    key->valid_from = from;
    key->valid_until = until;
    key->where = yaml::location(path, node);
    return key;
}

std::vector<PersonKey> read_keys(yaml::MapReader& reader, Diagnostics& out) {
    std::vector<PersonKey> keys;
    const auto* node = reader.optional("keys");
    if (node == nullptr || node->is_null()) {
        return keys;
    }
    if (!node->is_sequence()) {
        out.error(yaml::location(reader.path(), *node), msg("roster.need_list", "keys"));
        return keys;
    }
    for (const auto& item : node->items()) {
        if (auto key = read_key(item, reader.path(), out)) {
            for (const auto& other : keys) {
                if (other.blob == key->blob) {
                    out.error(key->where, msg("roster.duplicate_key"));
                }
            }
            keys.push_back(std::move(*key));
        }
    }
    return keys;
}

// `mention:` a map from platform to the person's id there.
void read_mentions(yaml::MapReader& reader, Person& person) {
    const auto* node = reader.optional("mention");
    if (node == nullptr || node->is_null()) {
        return;
    }
    yaml::MapReader mentions(*node, reader.path(), reader.diagnostics());
    if (!mentions.is_map()) {
        return;
    }
    for (const auto* platform : {"feishu", "dingtalk", "wecom", "email"}) {
        if (auto id = mentions.optional_string(platform)) {
            person.mentions[platform] = *id;
        }
    }
    mentions.finish(); // warns about another platform, naming the closest one
}

std::optional<Person> read_person(const yaml::Node& node, const std::string& path,
                                  Diagnostics& out) {
    yaml::MapReader reader(node, path, out);
    if (!reader.is_map()) {
        return std::nullopt;
    }
    Person person;
    person.where = yaml::location(path, node);
    person.id = reader.required_string("id").value_or("");
    person.name = reader.required_string("name").value_or(person.id);
    person.email = reader.optional_string("email").value_or("");
    person.department = reader.required_string("department").value_or("");
    person.manager = reader.optional_string("manager").value_or("");
    person.roles = reader.string_list("roles");
    person.delegate = reader.optional_string("delegate").value_or("");
    person.keys = read_keys(reader, out);
    read_mentions(reader, person);
    reader.finish();
    if (person.id.empty()) {
        return std::nullopt;
    }
    if (!is_valid_id(person.id)) {
        out.error(yaml::location(path, *reader.optional("id")), msg("roster.bad_id", person.id));
    }
    return person;
}

// A field's location inside a person's map, falling back to the person.
SourceLocation field_location(const yaml::Node& person_node, const std::string& path,
                              std::string_view key) {
    if (const auto* value = person_node.find(key)) {
        return yaml::location(path, *value);
    }
    return yaml::location(path, person_node);
}

void check_references(const std::vector<Department>& departments, const std::vector<Person>& people,
                      const yaml::Node& people_node, const std::string& path, Diagnostics& out) {
    std::map<std::string, const Person*> by_id;
    std::map<std::string, const Person*> by_email;
    std::set<std::string> dept_ids;
    for (const auto& dept : departments) {
        if (!dept_ids.insert(dept.id).second) {
            out.error(dept.where, msg("roster.duplicate_department", dept.id));
        }
    }
    for (std::size_t i = 0; i < people.size(); ++i) {
        const auto& p = people[i];
        const auto& node = people_node.items()[i];
        if (!by_id.emplace(p.id, &p).second) {
            out.error(field_location(node, path, "id"), msg("roster.duplicate_person", p.id));
        }
        if (!p.email.empty() && !by_email.emplace(lower(p.email), &p).second) {
            out.error(field_location(node, path, "email"), msg("roster.duplicate_email", p.email));
        }
        if (!p.department.empty() && dept_ids.count(p.department) == 0) {
            out.error(field_location(node, path, "department"),
                      msg("roster.unknown_department", p.department, p.id));
        }
    }
    std::map<std::string, std::string> heads;
    for (std::size_t i = 0; i < people.size(); ++i) {
        const auto& p = people[i];
        const auto& node = people_node.items()[i];
        if (!p.manager.empty() && by_id.count(p.manager) == 0) {
            out.error(field_location(node, path, "manager"),
                      msg("roster.unknown_manager", p.manager, p.id));
        }
        if (!p.delegate.empty() && (by_id.count(p.delegate) == 0 || p.delegate == p.id)) {
            out.error(field_location(node, path, "delegate"),
                      msg("roster.bad_delegate", p.delegate, p.id));
        }
        for (const auto& role : p.roles) {
            if (role != k_role_department_head) {
                const auto near = util::closest_match(role, {k_role_department_head});
                out.warning(field_location(node, path, "roles"),
                            near ? msg("roster.unknown_role_near", role, *near)
                                 : msg("roster.unknown_role", role));
            }
        }
        if (p.has_role(k_role_department_head)) {
            auto [it, inserted] = heads.emplace(p.department, p.id);
            if (!inserted) {
                out.error(field_location(node, path, "roles"),
                          msg("roster.two_heads", p.department, it->second, p.id));
            }
        }
        // Walk up the management chain; coming back to p means a cycle.
        std::string at = p.manager;
        for (std::size_t steps = 0; !at.empty() && steps <= people.size(); ++steps) {
            if (at == p.id) {
                out.error(field_location(node, path, "manager"), msg("roster.manager_cycle", p.id));
                break;
            }
            const auto found = by_id.find(at);
            at = found == by_id.end() ? std::string() : found->second->manager;
        }
    }
}

} // namespace

std::optional<PersonKey> parse_public_key(std::string_view line) {
    static const std::vector<std::string_view> types = {"ssh-ed25519",
                                                        "ssh-rsa",
                                                        "ecdsa-sha2-nistp256",
                                                        "ecdsa-sha2-nistp384",
                                                        "ecdsa-sha2-nistp521",
                                                        "sk-ssh-ed25519@openssh.com",
                                                        "sk-ecdsa-sha2-nistp256@openssh.com"};
    std::istringstream in{std::string(line)};
    PersonKey key;
    if (line.size() > 16384 || !(in >> key.type >> key.blob) ||
        std::find(types.begin(), types.end(), key.type) == types.end()) {
        return std::nullopt;
    }
    std::getline(in, key.comment);
    key.comment = util::trim(key.comment);
    const auto blob = util::base64_decode(key.blob);
    std::size_t pos = 0;
    const auto named = blob ? read_ssh_string(*blob, pos) : std::nullopt;
    if (!named || *named != key.type) {
        return std::nullopt;
    }
    return key;
}

std::string PersonKey::fingerprint() const {
    const auto digest = util::sha256(util::base64_decode(blob).value_or(""));
    auto text = util::base64_encode(
        std::string_view(reinterpret_cast<const char*>(digest.data()), digest.size()));
    while (!text.empty() && text.back() == '=') {
        text.pop_back();
    }
    return "SHA256:" + text;
}

bool PersonKey::valid_at(time::Timestamp at) const {
    const time::Date day{date::floor<date::days>(at)};
    return (!valid_from || *valid_from <= day) && (!valid_until || day <= *valid_until);
}

std::string Person::mention_id(std::string_view platform) const {
    const auto found = mentions.find(std::string(platform));
    if (found != mentions.end()) {
        return found->second;
    }
    return platform == "email" ? email : std::string();
}

bool Person::has_role(std::string_view role) const {
    return std::find(roles.begin(), roles.end(), role) != roles.end();
}

bool is_valid_id(std::string_view id) {
    if (id.empty() || id.size() > 64) {
        return false;
    }
    const auto ok = [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
    };
    return std::all_of(id.begin(), id.end(), ok) && id.front() != '.' && id.front() != '-' &&
           id.front() != '_';
}

Roster::Roster(std::vector<Department> departments, std::vector<Person> people)
    : m_departments(std::move(departments)), m_people(std::move(people)) {}

const Person* Roster::find(std::string_view id_or_email) const {
    for (const auto& person : m_people) {
        if (person.id == id_or_email) {
            return &person;
        }
    }
    return find_by_email(id_or_email);
}

const Person* Roster::find_by_email(std::string_view email) const {
    if (email.empty()) {
        return nullptr;
    }
    const auto wanted = lower(email);
    for (const auto& person : m_people) {
        if (!person.email.empty() && lower(person.email) == wanted) {
            return &person;
        }
    }
    return nullptr;
}

const Department* Roster::find_department(std::string_view id_or_name) const {
    for (const auto& dept : m_departments) {
        if (dept.id == id_or_name || dept.name == id_or_name) {
            return &dept;
        }
    }
    return nullptr;
}

const Person* Roster::head_of(std::string_view department_id) const {
    for (const auto& person : m_people) {
        if (person.department == department_id && person.has_role(k_role_department_head)) {
            return &person;
        }
    }
    return nullptr;
}

std::string Roster::display(std::string_view person_id) const {
    const auto* person = find(person_id);
    if (person == nullptr || person->name == person->id) {
        return std::string(person_id);
    }
    return person->name + " (" + person->id + ")";
}

std::string Roster::display_list(const std::vector<std::string>& person_ids) const {
    std::vector<std::string> shown;
    for (const auto& id : person_ids) {
        shown.push_back(display(id));
    }
    return i18n::list_argument(shown);
}

std::optional<Roster> read_roster(const yaml::Node& root, const std::string& path,
                                  Diagnostics& out) {
    yaml::MapReader reader(root, path, out);
    if (!reader.is_map()) {
        return std::nullopt;
    }
    std::vector<Department> departments;
    std::vector<Person> people;
    if (const auto* node = reader.required("departments")) {
        if (!node->is_sequence()) {
            out.error(yaml::location(path, *node), msg("roster.need_list", "departments"));
        } else {
            for (const auto& item : node->items()) {
                if (auto dept = read_department(item, path, out)) {
                    departments.push_back(std::move(*dept));
                }
            }
        }
    }
    const yaml::Node* people_node = reader.required("people");
    if (people_node != nullptr && !people_node->is_sequence()) {
        out.error(yaml::location(path, *people_node), msg("roster.need_list", "people"));
        people_node = nullptr;
    }
    bool complete = true;
    if (people_node != nullptr) {
        for (const auto& item : people_node->items()) {
            if (auto person = read_person(item, path, out)) {
                people.push_back(std::move(*person));
            } else {
                complete = false;
            }
        }
    }
    reader.finish();
    if (people_node != nullptr && complete) {
        check_references(departments, people, *people_node, path, out);
    }
    if (out.has_errors()) {
        return std::nullopt;
    }
    return Roster(std::move(departments), std::move(people));
}

} // namespace collab::model
