#!/usr/bin/python3
"""Checks lib.json files (and profiles) against catalog/lib.schema.json and
catalog/profile.schema.json, so that the schema editors use agrees with the loader.
Usage: schema_check.py (lib|profile) FILE...   Prints one line per file; exit 1 on any error.
"""
import json
import sys

import jsonschema


def main():
    kind, files = sys.argv[1], sys.argv[2:]
    with open("catalog/%s.schema.json" % ("lib" if kind == "lib" else "profile")) as f:
        schema = json.load(f)
    validator = jsonschema.Draft202012Validator(schema)
    bad = 0
    for path in files:
        with open(path) as f:
            doc = json.load(f)
        errors = sorted(validator.iter_errors(doc), key=lambda e: list(e.path))
        for e in errors:
            where = ".".join(str(p) for p in e.path) or "(top)"
            print("%s: %s: %s" % (path, where, e.message))
        bad += bool(errors)
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
