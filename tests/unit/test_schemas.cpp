// The JSON Schema of the logs (docs/schemas/log.schema.json) says what the action table
// says: the same actions, each with the same keys, the same ones required, and the
// same change operations. A new action or key without its schema fails here.
#include <collab/model/actions.hpp>
#include <collab/util/diagnostic.hpp>
#include <collab/yaml/node.hpp>
#include <doctest/doctest.h>
#include <fstream>
#include <set>
#include <sstream>
#include <string>

namespace test_schemas {

namespace {

using collab::yaml::Node;

// The log schema, read as YAML (JSON is YAML's flow style).
Node log_schema() {
    const std::string path = COLLAB_SOURCE_DIR "/docs/schemas/log.schema.json";
    std::ifstream in(path);
    REQUIRE(in.good());
    std::stringstream text;
    text << in.rdbuf();
    collab::Diagnostics problems;
    auto node = collab::yaml::parse(text.str(), path, problems);
    REQUIRE(node.has_value());
    return *node;
}

const Node& at(const Node& node, std::string_view key) {
    const auto* found = node.find(key);
    REQUIRE_MESSAGE(found != nullptr, "no key " << key);
    return *found;
}

std::set<std::string> scalars(const Node& sequence) {
    std::set<std::string> out;
    for (const auto& item : sequence.items()) {
        out.insert(item.scalar());
    }
    return out;
}

std::set<std::string> keys(const Node& map) {
    std::set<std::string> out;
    for (const auto& [key, value] : map.entries()) {
        out.insert(key.scalar());
    }
    return out;
}

} // namespace

TEST_CASE("docs/schemas/log.schema.json: every action of the table, with its keys") {
    const auto schema = log_schema();
    const auto& defs = at(schema, "$defs");
    std::set<std::string> table_actions;
    for (const auto& action : collab::model::all_actions()) {
        table_actions.insert(std::string(action.name));
    }
    CHECK(scalars(at(at(defs, "actions"), "enum")) == table_actions);

    std::set<std::string> schema_actions;
    for (const auto& branch : at(at(defs, "entry"), "allOf").items()) {
        const auto name = at(at(at(at(branch, "if"), "properties"), "action"), "const").scalar();
        schema_actions.insert(name);
        CAPTURE(name);
        const auto kind = collab::model::action_by_name(name);
        REQUIRE(kind != collab::model::ActionKind::unknown);
        std::set<std::string> all_keys;
        std::set<std::string> required;
        for (const auto& key : collab::model::action_info(kind).keys) {
            all_keys.insert(std::string(key.name));
            if (key.required) {
                required.insert(std::string(key.name));
            }
        }
        const auto& then = at(branch, "then");
        CHECK(keys(at(then, "properties")) == all_keys);
        CHECK(scalars(at(then, "required")) == required);
    }
    CHECK(schema_actions == table_actions);
}

TEST_CASE("docs/schemas/log.schema.json: every change operation of the table") {
    const auto schema = log_schema();
    const auto& entry = at(at(schema, "$defs"), "entry");
    std::set<std::string> table_ops;
    for (const auto& op : collab::model::all_change_ops()) {
        table_ops.insert(std::string(op.name));
    }
    for (const auto& branch : at(entry, "allOf").items()) {
        if (at(at(at(at(branch, "if"), "properties"), "action"), "const").scalar() == "change") {
            const auto& ops = at(at(at(branch, "then"), "properties"), "ops");
            const auto& kind = at(at(at(ops, "items"), "properties"), "kind");
            CHECK(scalars(at(kind, "enum")) == table_ops);
            return;
        }
    }
    FAIL("the schema has no 'change' action");
}

} // namespace test_schemas
