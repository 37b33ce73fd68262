"""Marks user-facing text in the Qt-free core for Qt's translation tools, without Qt.

``pyside6-lupdate`` extracts calls by the function's name, so wrapping a literal in
``QT_TRANSLATE_NOOP("core", "...")`` puts it in the ``.ts`` file under the context "core"
while the core stays importable without PySide6. The UI shows such text through
``kc_desktop.ui.core_text.core_text``.

Sentences with values are templates (``"Epoch {epoch} of {epochs}"``) that the core fills in,
in English, because the CLI prints them as they are. So that the window can still translate a
finished sentence, the marker returns a ``Template`` whose ``format()`` gives a ``Sentence``:
a plain ``str`` to everyone else (English, printable, JSON-able) that also carries its template
and values. An exception raised with a ``Sentence`` keeps it in ``args``, so the window
translates the template and fills in the same values (translating values that are themselves
marked text, such as "at the end of epoch 3"). Text that lost its ``Sentence`` on the way (read
back from a run folder, or rebuilt by ``str()`` operations) is matched against the templates of
the loaded translation instead (``ui/core_text.py``).
"""

from __future__ import annotations

from typing import Any

CONTEXT = "core"


class Template(str):
    """Marked core text; ``format()`` remembers the template and values in a ``Sentence``."""

    def format(self, /, *args: Any, **values: Any) -> Sentence:
        return Sentence(str.format(self, *args, **values), str(self), args, values)


class Sentence(str):
    """An English sentence made from a marked template, with what the window needs to translate."""

    template: str
    args: tuple[Any, ...]
    values: dict[str, Any]

    def __new__(
        cls,
        text: str,
        template: str = "",
        args: tuple[Any, ...] = (),
        values: dict[str, Any] | None = None,
    ) -> Sentence:
        sentence = super().__new__(cls, text)
        sentence.template = template or text
        sentence.args = args
        sentence.values = dict(values or {})
        return sentence

    def __getnewargs__(self) -> tuple[Any, ...]:
        return (str(self), self.template, self.args, self.values)


def QT_TRANSLATE_NOOP(context: str, text: str) -> Template:
    """Return ``text`` unchanged as a ``Template``; found by ``pyside6-lupdate``."""
    return Template(text)


def message_of(error: BaseException) -> str:
    """The message ``error`` was raised with: its ``Sentence`` when it has one, else ``str()``.

    ``str(error)`` rebuilds a plain string; the first argument still is the object the core
    made, so the window can translate it.
    """
    if len(error.args) == 1 and isinstance(error.args[0], Template | Sentence):
        return error.args[0]
    return str(error)
