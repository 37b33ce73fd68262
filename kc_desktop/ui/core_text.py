"""Translate text the core produced: fixed sentences directly, filled-in templates by matching.

The core formats its templates in English (the CLI prints them) and the window receives the
finished sentence. ``core_text`` first asks Qt for a translation of the sentence itself; if
there is none it matches the sentence against the templates the core has used
(``kc_desktop.core.i18n.TEMPLATES``), translates the matching template and puts the same
values back, translating values that are themselves marked text ("at the end of epoch 3").
"""

from __future__ import annotations

import re
import sys
from functools import lru_cache

from PySide6.QtCore import QCoreApplication

CORE_CONTEXT = "core"
"""kc_desktop.core.i18n.CONTEXT, not imported: widgets load before the core does."""

_FIELD = re.compile(r"\{(\w+)(![rsa])?(:[^{}]*)?\}")
_MAX_DEPTH = 2


def core_text(text: str, _depth: int = 0) -> str:
    """``text`` (marked with ``QT_TRANSLATE_NOOP("core", ...)`` in the core), translated."""
    translated = QCoreApplication.translate(CORE_CONTEXT, text)
    if translated != text or _depth > _MAX_DEPTH or not text:
        return translated
    module = sys.modules.get("kc_desktop.core.i18n")
    for template in sorted(getattr(module, "TEMPLATES", ()), key=len, reverse=True):
        values = _match(template, text)
        if values is None:
            continue
        target = QCoreApplication.translate(CORE_CONTEXT, template)
        if target == template:
            return text
        filled = {name: core_text(value, _depth + 1) for name, value in values.items()}
        return _fill(target, filled)
    return text


def _fill(target: str, values: dict[str, str]) -> str:
    """``target`` with each field replaced by its (already formatted) value."""
    filled = _FIELD.sub(lambda m: values.get(m.group(1), m.group(0)), target)
    return filled.replace("{{", "{").replace("}}", "}")


def _match(template: str, text: str) -> dict[str, str] | None:
    found = _pattern(template).fullmatch(text)
    return found.groupdict() if found else None


@lru_cache(maxsize=512)
def _pattern(template: str) -> re.Pattern[str]:
    """A regex of ``template`` with one named group per field (repeats must agree)."""
    parts, seen, position = [], set(), 0
    literal = template.replace("{{", "\0").replace("}}", "\1")
    for field in _FIELD.finditer(literal):
        parts.append(re.escape(_unescape(literal[position : field.start()])))
        name = field.group(1)
        parts.append(f"(?P={name})" if name in seen else f"(?P<{name}>.+?)")
        seen.add(name)
        position = field.end()
    parts.append(re.escape(_unescape(literal[position:])))
    return re.compile("".join(parts), re.DOTALL)


def _unescape(text: str) -> str:
    return text.replace("\0", "{").replace("\1", "}")
