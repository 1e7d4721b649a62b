"""What a content pack's preview shows for an item that differs: one row per differing value, with nested items
(a framework's sections and statements, an observation's links) opened up, so a change to one statement reads
"sections 2 › statements 3 › text" rather than the whole framework twice."""

import re


def _flat(value, path):
    """{path: value} for the plain values inside lists and dicts, e.g. "sections 1 › statements 2 › text"."""
    if isinstance(value, list) and any(isinstance(part, dict) for part in value):
        return {k: v for n, part in enumerate(value, 1) for k, v in _flat(part, f"{path} {n}").items()}
    if isinstance(value, dict):
        return {k: v for name, part in value.items() for k, v in _flat(part, f"{path} › {name}").items()}
    return {path: value}


def differences(key, ours, theirs):
    """One row per differing field; nested items (a framework's statements, an observation's links) one row per
    differing value inside them, so that a preview shows what changed rather than the whole item."""
    if not isinstance(ours, list | dict) and not isinstance(theirs, list | dict):
        return [[key, ours, theirs]]
    flat_ours, flat_theirs = _flat(ours, key), _flat(theirs, key)
    paths = sorted(set(flat_ours) | set(flat_theirs), key=_natural)
    rows = [[path, flat_ours.get(path), flat_theirs.get(path)] for path in paths]
    rows = [row for row in rows if row[1] != row[2]]
    return rows or [[key, ours, theirs]]  # values that differ always show, even where opening them up hides how


def _natural(path):
    return [int(part) if part.isdecimal() else part for part in re.split(r"(\d+)", path)]
