"""Translate text the core produced: marked sentences by their template, others by matching.

The core fills its templates in English (the CLI prints them). A sentence it made with
``QT_TRANSLATE_NOOP("core", template).format(...)`` is a ``kc_desktop.core.i18n.Sentence``
that carries its template and values: ``core_text`` translates the template and fills in the
same values, translating values that are marked text themselves ("at the end of epoch 3").
Text that reaches the window as a plain string (read back from a run folder's JSON, or passed
through a Qt signal) is first looked up as it is, then matched against every template of the
loaded translation file (``use_catalogue``, called when the translators change), so no
sentence depends on which core code happened to run in this process.
"""

from __future__ import annotations

import logging
import re
import sys
import xml.etree.ElementTree as ET
from functools import lru_cache
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication

CORE_CONTEXT = "core"
"""kc_desktop.core.i18n.CONTEXT, not imported: widgets load before the core does."""

_FIELD = re.compile(r"\{(\w+)(![rsa])?(:[^{}]*)?\}")
_MAX_DEPTH = 3
_MIN_LITERAL = 12
"""Templates with less fixed text ("{model} on {dataset}") would match unrelated sentences."""
_catalogue: list[Path | None] = [None]

log = logging.getLogger(__name__)


def use_catalogue(ts_file: Path | None) -> None:
    """Match plain sentences against the templates of ``ts_file`` (None: English, no matching)."""
    _catalogue[0] = ts_file


def core_text(text: str, _depth: int = 0) -> str:
    """``text`` (marked with ``QT_TRANSLATE_NOOP("core", ...)`` in the core), translated."""
    if not text or _depth > _MAX_DEPTH:
        return text
    sentence = _sentence_class()
    if sentence is not None and isinstance(text, sentence):
        return _translate_sentence(text, _depth)
    translated = QCoreApplication.translate(CORE_CONTEXT, text)
    if translated != text or _catalogue[0] is None:
        return translated
    for template in _templates(_catalogue[0]):
        values = _match(template, text)
        if values is None:
            continue
        target = QCoreApplication.translate(CORE_CONTEXT, template)
        filled = {name: core_text(value, _depth + 1) for name, value in values.items()}
        return _fill(target, filled)
    return text


def _fill(target: str, values: dict[str, str]) -> str:
    """``target`` with each field replaced by its (already formatted) value."""
    filled = _FIELD.sub(lambda m: values.get(m.group(1), m.group(0)), target)
    return filled.replace("{{", "{").replace("}}", "}")


def _sentence_class() -> type | None:
    module = sys.modules.get("kc_desktop.core.i18n")
    return getattr(module, "Sentence", None)


def _translate_sentence(sentence: Any, depth: int) -> str:
    """The sentence's template translated, filled with its values (marked values translated)."""
    target = QCoreApplication.translate(CORE_CONTEXT, sentence.template)
    if target == sentence.template:
        return str(sentence)
    marked = tuple(c for c in (_sentence_class(), _template_class()) if c is not None)
    values = {  # marked text is translated; names, paths and numbers stay as they are
        name: core_text(value, depth + 1) if isinstance(value, marked) else value
        for name, value in sentence.values.items()
    }
    try:
        return target.format(*sentence.args, **values)
    except (KeyError, IndexError, ValueError):
        log.warning("translation of %r does not fit its values", sentence.template)
        return str(sentence)


def _template_class() -> type | None:
    return getattr(sys.modules.get("kc_desktop.core.i18n"), "Template", None)


@lru_cache(maxsize=4)
def _templates(ts_file: Path) -> tuple[str, ...]:
    """The "core" templates with fields in ``ts_file``, longest first (most specific wins)."""
    try:
        root = ET.parse(ts_file).getroot()
    except (OSError, ET.ParseError) as error:
        log.warning("cannot read %s: %s", ts_file, error)
        return ()
    found = {
        message.findtext("source") or ""
        for context in root.iter("context")
        if context.findtext("name") == CORE_CONTEXT
        for message in context.iter("message")
    }
    specific = (t for t in found if _FIELD.search(t) and len(_FIELD.sub("", t)) >= _MIN_LITERAL)
    return tuple(sorted(specific, key=len, reverse=True))


def _match(template: str, text: str) -> dict[str, str] | None:
    found = _pattern(template).fullmatch(text)
    return found.groupdict() if found else None


@lru_cache(maxsize=1024)
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
