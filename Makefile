# Two commands for a newcomer: `make run` opens the app, `make test` runs the whole suite.
# Both create .venv on first use and reinstall only when pyproject.toml changes.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint format bench gpu-check screenshots clean translations install-desktop

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@echo "Installing kc_desktop and its dependencies into $(VENV) (PyTorch takes a few minutes the first time)..."
	$(BIN)/python -m pip install --quiet --progress-bar off -e '.[test]'
	@touch $(STAMP)

run: $(STAMP)
	@if [ -n "$$DISPLAY$$WAYLAND_DISPLAY" ] || [ "$$QT_QPA_PLATFORM" = offscreen ]; then \
		$(BIN)/python main.py; \
	elif command -v xvfb-run >/dev/null 2>&1; then \
		echo "No display: opening the window on a virtual screen (xvfb-run)."; \
		xvfb-run -a $(BIN)/python main.py; \
	else \
		echo "No display found. On a headless machine: apt-get install -y xvfb libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-render-util0 libxkbcommon-x11-0, then make run."; \
		exit 1; \
	fi

test: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check kc_desktop tests main.py
	$(BIN)/ruff format --check kc_desktop tests main.py

format: $(STAMP)
	$(BIN)/ruff format kc_desktop tests main.py
	$(BIN)/ruff check --fix kc_desktop tests main.py

# Speed against bare PyTorch, responsiveness and start-up: writes bench/results.json (< 10 min).
bench: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m kc_desktop bench

# On a CUDA machine: every model with and without mixed precision, the CUDA bench column and the
# device plot; writes docs/gpu.md (~8 min on one GPU). Without CUDA it says so and exits 0.
gpu-check: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python tools/gpu_check.py

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache *.egg-info

# `make screenshots LANG=zh_CN` shoots the Chinese window into docs/screenshots/zh_CN/ (LANG from
# the command line only, not the locale in the environment; needs a CJK font: fonts-noto-cjk).
screenshots: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python tools/screenshots.py $(if $(filter command line,$(origin LANG)),--lang $(LANG))
	$(if $(filter command line,$(origin LANG)),,QT_QPA_PLATFORM=offscreen $(BIN)/python tools/camera_screenshots.py)

# Refresh resources/translations/*.ts from the sources and compile the .qm files (committed).
translations: $(STAMP)
	BIN=$(BIN) sh tools/update_translations.sh

# Linux menus: the desktop entry and icons for the current user (~/.local/share).
DATA_HOME ?= $(or $(XDG_DATA_HOME),$(HOME)/.local/share)
install-desktop: $(STAMP)
	mkdir -p $(DATA_HOME)/applications
	sed 's|^Exec=kc-desktop|Exec=$(CURDIR)/$(BIN)/kc-desktop|' resources/kc_desktop.desktop \
		> $(DATA_HOME)/applications/kc_desktop.desktop
	for size in 16 24 32 48 64 128 256; do \
		mkdir -p $(DATA_HOME)/icons/hicolor/$${size}x$${size}/apps; \
		cp resources/icons/kc_desktop_$$size.png \
			$(DATA_HOME)/icons/hicolor/$${size}x$${size}/apps/kc_desktop.png; \
	done
	mkdir -p $(DATA_HOME)/icons/hicolor/scalable/apps
	cp resources/icons/kc_desktop.svg $(DATA_HOME)/icons/hicolor/scalable/apps/kc_desktop.svg
	@echo "Installed: kc_desktop is in your applications menu."
