"""Validates YAML or JSON files against collab's JSON Schemas (docs/schemas/), with the
jsonschema package (draft 2020-12), independently of collab's own reader.

    validate_schemas.py SCHEMA_DIR SCHEMA FILE...

SCHEMA is a file name in SCHEMA_DIR (log.schema.json) or "auto": the schema is chosen
from each file's place in a workspace. YAML is read as YAML 1.2 reads it (and as editors'
YAML language servers do): dates, times and yes/no stay text. Prints "ok FILE" or
"invalid FILE: PATH: MESSAGE" per file; exits 1 when any file is invalid.
"""
import json
import pathlib
import re
import sys

import jsonschema
import yaml


class Yaml12Loader(yaml.SafeLoader):
    """SafeLoader without YAML 1.1's timestamps and yes/no/on/off booleans."""


Yaml12Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers
            if tag not in ("tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:bool")]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
Yaml12Loader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
    list("tTfF"))


def schema_for(path):
    parts = pathlib.PurePath(path).parts
    name = parts[-1]
    if name == "collab.yaml":
        return "collab.schema.json"
    if name == "people.yaml":
        return "people.schema.json"
    if name == "request.yaml":
        return "request.schema.json"
    if name == "tasks.yaml":
        return "tasks.schema.json"
    if len(parts) >= 2 and parts[-2] == "log":
        return "log.schema.json"
    if len(parts) >= 2 and parts[-2] == "calendars":
        return "calendar.schema.json"
    return None


def load(path):
    text = pathlib.Path(path).read_text(encoding="utf-8")
    if path.endswith(".json"):
        return json.loads(text)
    return yaml.load(text, Loader=Yaml12Loader)


def main():
    schema_dir = pathlib.Path(sys.argv[1]).resolve()
    wanted = sys.argv[2]
    bad = 0
    for path in sys.argv[3:]:
        name = schema_for(path) if wanted == "auto" else wanted
        if name is None:
            print(f"skipped {path}")
            continue
        schema_path = schema_dir / name
        schema = json.loads(schema_path.read_text(encoding="utf-8"))
        jsonschema.Draft202012Validator.check_schema(schema)
        resolver = jsonschema.RefResolver(base_uri=schema_path.as_uri(), referrer=schema)
        validator = jsonschema.Draft202012Validator(schema, resolver=resolver)
        errors = sorted(validator.iter_errors(load(path)), key=lambda e: list(e.absolute_path))
        if errors:
            bad += 1
            first = errors[0]
            where = "/".join(str(p) for p in first.absolute_path) or "(top)"
            print(f"invalid {path}: {where}: {first.message}")
        else:
            print(f"ok {path}")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
