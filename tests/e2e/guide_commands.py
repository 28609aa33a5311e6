"""The aws commands of the user's guide (shared/seed/ecs-service-guide.md), read at run time so the tests run
exactly what the user copies, byte for byte. A clone without the guide beside it (no ../shared, no
ECSEMU_SHARED_DIR) reads the repository's copy, tests/e2e/guide/ecs-service-guide.md; test_guide_cli checks the
copy still matches whenever both are there."""
import os
import re
import shlex

import ecsemu_harness as h

GUIDE_RELATIVE_PATH = os.path.join("seed", "ecs-service-guide.md")


REPOSITORY_COPY = os.path.join(os.path.dirname(os.path.abspath(__file__)), "guide", "ecs-service-guide.md")


def shared_guide_path():
    """The user's guide itself, or None when this checkout has none beside it."""
    path = os.path.join(h.shared_dir(), GUIDE_RELATIVE_PATH)
    return path if os.path.isfile(path) else None


def guide_path():
    return shared_guide_path() or REPOSITORY_COPY


def code_blocks(text):
    return [m.group(1) for m in re.finditer(r"```(?:bash|sh)\n(.*?)```", text, re.S)]


def _complete(text):
    if text.rstrip().endswith("\\"):
        return False
    try:
        shlex.split(text, comments=False)
        return True
    except ValueError:  # unbalanced quotes: the command continues on the next line
        return False


def split_commands(block):
    """Shell commands of a code block: comment lines dropped, continuation lines and multi-line quoted
    arguments kept inside their command (the text of each command is unchanged)."""
    commands, current = [], []
    for line in block.splitlines():
        if not current and (not line.strip() or line.lstrip().startswith("#")):
            continue
        current.append(line)
        text = "\n".join(current)
        if _complete(text):
            commands.append(text)
            current = []
    if current:
        commands.append("\n".join(current))
    return commands


def all_commands():
    with open(guide_path(), encoding="utf-8") as f:
        text = f.read()
    commands = []
    for block in code_blocks(text):
        commands.extend(split_commands(block))
    return commands


def find_command(commands, *needles):
    """The single command containing every needle (e.g. 'aws ecs create-service', 'ielts-backend-service')."""
    hits = [c for c in commands if all(n in c for n in needles)]
    if len(hits) != 1:
        raise AssertionError("guide: expected exactly one command containing %r, found %d" % (needles, len(hits)))
    return hits[0]


def argv_of(command):
    """The argv bash would build for the command, variables left unexpanded (for assertions)."""
    return shlex.split(command.replace("\\\n", " "))
