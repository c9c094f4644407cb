"""Prompt templates live in `prompts/*.md` as data: `## system` and `## user` sections with
`{name}` slots. Rendering fails loudly on a missing or unknown slot, so a renamed variable can
never silently produce a prompt with a hole in it."""

from __future__ import annotations

import re
import string
from functools import cache
from pathlib import Path

PROMPTS_DIR = Path(__file__).resolve().parent.parent / "prompts"
_SECTION = re.compile(r"^## (system|user)\s*$", re.M)


class PromptError(KeyError):
    pass


@cache
def load_template(name: str) -> dict[str, str]:
    text = (PROMPTS_DIR / f"{name}.md").read_text(encoding="utf-8")
    parts = _SECTION.split(text)
    sections = {parts[i]: parts[i + 1].strip() for i in range(1, len(parts) - 1, 2)}
    if set(sections) != {"system", "user"}:
        raise PromptError(f"prompts/{name}.md needs a '## system' and a '## user' section")
    return sections


def slots(template: str) -> set[str]:
    return {field for _, field, _, _ in string.Formatter().parse(template) if field}


def render(name: str, **values: str) -> list[tuple[str, str]]:
    """[(role, text)] for a chat model. Every slot must be given, and nothing else."""
    sections = load_template(name)
    needed = slots(sections["system"]) | slots(sections["user"])
    missing, unknown = needed - set(values), set(values) - needed
    if missing or unknown:
        raise PromptError(
            f"prompts/{name}.md: missing values {sorted(missing)}, unknown values {sorted(unknown)}"
        )
    return [(role, sections[role].format(**values)) for role in ("system", "user")]


def system_texts() -> list[str]:
    """The system section of every prompt file (for the check that an answer does not leak one)."""
    return [load_template(p.stem)["system"] for p in sorted(PROMPTS_DIR.glob("*.md"))]
