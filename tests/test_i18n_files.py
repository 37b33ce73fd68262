"""The translation files are complete and current; the resources the window needs exist."""

from __future__ import annotations

import ast
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from kc_desktop.resource_paths import icon_path, resources_dir, translations_dir

ROOT = Path(__file__).resolve().parents[1]
TS = translations_dir() / "kc_desktop_zh_CN.ts"
FIELD = re.compile(r"\{(\w*)(![rsa])?(:[^{}]*)?\}")
BIN = Path(sys.executable).parent


def tool(name: str) -> str:
    path = BIN / name
    found = str(path) if path.exists() else shutil.which(name)
    if found is None:
        pytest.fail(f"{name} is missing: install PySide6 (pip install -e '.[test]').")
    return found


def messages(ts: Path) -> list[tuple[str, str, ET.Element]]:
    """(context, source, translation element) of every message in ``ts``."""
    found = []
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name")
        for message in context.iter("message"):
            found.append((name, message.findtext("source"), message.find("translation")))
    return found


def test_lupdate_finds_no_untranslated_string(tmp_path: Path) -> None:
    """Runs pyside6-lupdate over the sources into a copy: any new or changed text fails."""
    copy = tmp_path / TS.name
    shutil.copy(TS, copy)
    subprocess.run(
        [tool("pyside6-lupdate"), "-extensions", "py", "-locations", "none", "-no-obsolete",
         "-target-language", "zh_CN", str(ROOT / "kc_desktop"), "-ts", str(copy)],
        check=True, capture_output=True, timeout=120,
    )  # fmt: skip
    found = messages(copy)
    assert len(found) > 400
    unfinished = [
        f"{context}: {source!r}"
        for context, source, translation in found
        if translation.get("type") in ("unfinished", "vanished", "obsolete") or not translation.text
    ]
    assert unfinished == [], "translate these (make translations, then edit the .ts):\n" + (
        "\n".join(unfinished)
    )


def test_translations_keep_every_placeholder() -> None:
    wrong = [
        f"{source!r} -> {translation.text!r}"
        for _, source, translation in messages(TS)
        if translation.text
        and sorted(m.group(1) for m in FIELD.finditer(source))
        != sorted(m.group(1) for m in FIELD.finditer(translation.text))
    ]
    assert wrong == []


def test_translations_keep_markup_and_accelerators() -> None:
    wrong = []
    for _, source, translation in messages(TS):
        text = translation.text or ""
        if sorted(re.findall(r"</?\w+", source)) != sorted(re.findall(r"</?\w+", text)):
            wrong.append(f"tags: {source!r}")
        if re.search(r"&\w", source) and not re.search(r"&\w", text):
            wrong.append(f"accelerator: {source!r}")
    assert wrong == []


def test_committed_qm_is_compiled_from_the_ts(tmp_path: Path) -> None:
    fresh = tmp_path / "fresh.qm"
    subprocess.run(
        [tool("pyside6-lrelease"), "-silent", str(TS), "-qm", str(fresh)],
        check=True, capture_output=True, timeout=60,
    )  # fmt: skip
    committed = TS.with_suffix(".qm")
    assert committed.read_bytes() == fresh.read_bytes(), "run make translations"


def test_resources_hold_icon_desktop_entry_and_demo_images() -> None:
    assert icon_path().read_text().startswith("<svg")
    for size in (16, 24, 32, 48, 64, 128, 256):
        assert icon_path(size).stat().st_size > 0
    entry = (resources_dir() / "kc_desktop.desktop").read_text(encoding="utf-8")
    assert "Exec=kc-desktop gui" in entry and "Icon=kc_desktop" in entry
    demo = sorted(p.name for p in (resources_dir() / "demo").glob("*.png"))
    assert [n for n in demo if n.startswith("digit_")] == [f"digit_{d}.png" for d in range(10)]
    assert len([n for n in demo if n.startswith("shape_")]) == 5


def test_no_literal_hides_behind_a_translate_wrapper() -> None:
    """``def _tr(text): return translate(ctx, text)`` called with literals: lupdate sees none."""
    hidden = []
    for path in sorted((ROOT / "kc_desktop" / "ui").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        wrappers = {
            function.name
            for function in ast.walk(tree)
            if isinstance(function, ast.FunctionDef)
            and any(
                isinstance(call, ast.Call)
                and getattr(call.func, "attr", getattr(call.func, "id", "")) in ("translate", "tr")
                and any(
                    isinstance(arg, ast.Name) and arg.id in {a.arg for a in function.args.args}
                    for arg in call.args
                )
                for call in ast.walk(function)
            )
        }
        hidden += [
            f"{path.name}:{call.lineno}"
            for call in ast.walk(tree)
            if isinstance(call, ast.Call)
            and getattr(call.func, "id", getattr(call.func, "attr", "")) in wrappers
            and any(
                isinstance(arg, ast.Constant) and isinstance(arg.value, str) for arg in call.args
            )
        ]
    assert hidden == [], "call QCoreApplication.translate(context, literal) there"
