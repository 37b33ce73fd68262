#!/bin/sh
# Refresh resources/translations/*.ts from the sources, then compile them to .qm.
# Used by `make translations`; the .qm files are committed (tests/test_i18n_files.py checks
# that they match the .ts and that no entry is left unfinished).
set -e
BIN="${BIN:-.venv/bin}"
for ts in resources/translations/kc_desktop_*.ts; do
	lang="${ts#resources/translations/kc_desktop_}"
	lang="${lang%.ts}"
	"$BIN/pyside6-lupdate" -extensions py -locations none -no-obsolete \
		-target-language "$lang" kc_desktop -ts "$ts"
	"$BIN/pyside6-lrelease" "$ts" -qm "${ts%.ts}.qm"
done
