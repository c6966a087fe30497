# A line that is not JSON: file, line and yajl's column and message.
args: inspect tests/data/malformed.jsonl
exit: 1
--- stderr
engagestat: tests/data/malformed.jsonl:2:52: invalid JSON: parse error: invalid object key (must be a string)
