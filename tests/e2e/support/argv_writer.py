#!/usr/bin/python3
"""Test helper run by the panel's "command" call action: appends its arguments (after the first,
the output file) as one JSON line to that file. Proves what argv the program received."""
import json
import sys

with open(sys.argv[1], "a") as f:
    f.write(json.dumps(sys.argv[2:]) + "\n")
