#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0-only
#
# validate-json.py SCHEMA FILE...: check that SCHEMA is a valid JSON
# Schema of the draft its $schema names, then validate each FILE against
# it with python3-jsonschema. Prints one line per error (file, JSON
# pointer, message) and exits 1 if there was any; 2 on a bad schema.
import json
import sys

from jsonschema.exceptions import SchemaError
from jsonschema.validators import validator_for


def main(argv):
    if len(argv) < 3:
        sys.stderr.write("usage: validate-json.py SCHEMA FILE...\n")
        return 2
    with open(argv[1], encoding="utf-8") as f:
        schema = json.load(f)
    cls = validator_for(schema)
    try:
        cls.check_schema(schema)
    except SchemaError as e:
        print("%s: not a valid schema: %s" % (argv[1], e.message))
        return 2
    validator = cls(schema)
    bad = 0
    for path in argv[2:]:
        with open(path, encoding="utf-8") as f:
            doc = json.load(f)
        for e in sorted(validator.iter_errors(doc), key=lambda e: [str(p) for p in e.absolute_path]):
            bad += 1
            where = "/" + "/".join(str(p) for p in e.absolute_path)
            print("%s: %s: %s" % (path, where, e.message))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
