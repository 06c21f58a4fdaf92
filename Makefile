# RegionLab kiosk. Two commands set up everything on a fresh machine:
#   make demo   - central store with demo data on 127.0.0.1 + the kiosk connected to it
#   make test   - the whole suite (lint, import contracts, types, unit, UI, integration, e2e)
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
# Debian packages: Qt's xcb platform (a real display), Qt Multimedia's libpulse, Xvfb and
# xdotool for the end-to-end tests, ImageMagick's `import` for screenshots, espeak-ng to speak
# when Qt has no speech engine, chromium for the API docs page test, cage (the Wayland kiosk
# compositor) for the kiosk service's unit check, openbox and wmctrl for the lock-down test
# (a real window manager asking the kiosk to close), poppler-utils to read printed badges and
# lists back (pdftotext, pdftoppm).
SYSTEM_PACKAGES := xvfb xdotool x11-utils imagemagick libpulse0 libegl1 libgl1 libfontconfig1 \
	libdbus-1-3 libxkbcommon0 libxkbcommon-x11-0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 \
	libxcb-render-util0 libxcb-shape0 libxcb-randr0 libxcb-xkb1 libxcb-cursor0 fonts-dejavu-core \
	espeak-ng chromium cage openbox wmctrl poppler-utils

.PHONY: all demo test test-fast lint bench system-packages clean translations bundle \
	install-kiosk-service

# Translations: the sources are resources/translations/regionlab_<lang>.ts (bokmål is the
# source language: its file holds plural forms only); the compiled .qm files go into the ui
# package (ui/translations/) and are committed, so the package works without Qt's tools.
LANGS := nb nn en
TS_FILES := $(foreach l,$(LANGS),resources/translations/regionlab_$(l).ts)
QM_FILES := $(foreach l,$(LANGS),ui/translations/regionlab_$(l).qm)
UI_SOURCES := $(shell find ui -name '*.py' -not -path '*/__pycache__/*' | sort)

all: $(STAMP) $(QM_FILES)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

# Installs what is missing when we run as root on Debian; otherwise says what is needed.
system-packages:
	@missing=$$(for p in $(SYSTEM_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then \
		if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
			echo "Installing system packages: $$missing"; \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
		else \
			echo "Missing system packages (install them as root): $$missing"; \
		fi; \
	fi

# Compile a .ts whenever it changed.
ui/translations/regionlab_%.qm: resources/translations/regionlab_%.ts | $(STAMP)
	@mkdir -p ui/translations
	$(VENV)/bin/pyside6-lrelease -silent $< -qm $@

# The one command after changing texts in ui/: bring every new or changed string into the .ts
# files (translate the ones lupdate marks unfinished, e.g. in Qt Linguist), then compile them.
translations: $(STAMP)
	@echo "pyside6-lupdate ui/ -> $(TS_FILES)"
	@$(VENV)/bin/pyside6-lupdate -silent -no-obsolete -locations none -source-language nb_NO \
		-target-language nb_NO -pluralonly $(UI_SOURCES) -ts resources/translations/regionlab_nb.ts
	@$(VENV)/bin/pyside6-lupdate -silent -no-obsolete -locations none -source-language nb_NO \
		-target-language nn_NO $(UI_SOURCES) -ts resources/translations/regionlab_nn.ts
	@$(VENV)/bin/pyside6-lupdate -silent -no-obsolete -locations none -source-language nb_NO \
		-target-language en_GB $(UI_SOURCES) -ts resources/translations/regionlab_en.ts
	$(MAKE) $(QM_FILES)

lint: $(STAMP)
	$(VENV)/bin/ruff check kiosk ui central tests bench
	$(VENV)/bin/lint-imports
	$(VENV)/bin/mypy kiosk ui central bench

test: system-packages $(STAMP) $(QM_FILES) lint
	$(PY) -m pytest -m "not bundle"
	$(MAKE) bundle
	REGIONLAB_BUNDLE_DIR=dist/regionlab-kiosk $(PY) -m pytest -m bundle tests/bundle

# The kiosk as one folder (build.spec, PyInstaller): dist/regionlab-kiosk/regionlab-kiosk.
# Check it with `dist/regionlab-kiosk/regionlab-kiosk --self-test`.
bundle: $(STAMP) $(QM_FILES)
	$(VENV)/bin/pyinstaller --noconfirm --clean --log-level WARN --distpath dist \
		--workpath build/pyinstaller build.spec
	@du -sh dist/regionlab-kiosk

# The quick loop while developing: no Qt, no processes, no PostgreSQL (tests/conftest.py fails
# a test that starts a process or a Qt application without saying so in its markers).
test-fast: $(STAMP) $(QM_FILES)
	$(PY) -m pytest -m "not gui and not integration and not e2e and not postgres and not slow" -q \
		-n auto --durations=5

bench: system-packages $(STAMP)
	$(PY) -m bench

# ARGS go to the kiosk: `make demo ARGS=--windowed`. Ctrl+C stops it all.
demo: system-packages $(STAMP) $(QM_FILES)
	bash scripts/demo.sh $(ARGS)

# The kiosk's systemd user service, for the user running make (docs/kiosk-service.md):
# `make install-kiosk-service`, or `make install-kiosk-service VARIANT=cage` without a desktop.
install-kiosk-service: $(STAMP) $(QM_FILES)
	$(VENV)/bin/regionlab-kiosk --install-service$(if $(VARIANT),=$(VARIANT))

clean:
	rm -rf $(VENV) data dist build .pytest_cache .mypy_cache .ruff_cache
