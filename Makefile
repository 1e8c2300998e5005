# hrdtrain: set-up, course and tests.  `make lab` opens the course, `make test` runs every test.
# Each target installs what it needs; a second run skips what is already done.

SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV := .venv
BIN := $(CURDIR)/$(VENV)/bin
INSTALL_STAMP := $(VENV)/.stamp-install
TEST_STAMP := $(VENV)/.stamp-install-test
KERNEL_CONFIG := $(VENV)/etc/ipython/ipython_kernel_config.py

# python3.11 if there is one, else python3 if it is 3.11 or newer (requires-python in pyproject.toml).
PYTHON ?= $(shell command -v python3.11 2>/dev/null || { python3 -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null && command -v python3; })

# JupyterLab refuses to run as root unless told; apt needs sudo unless we are root.
ifeq ($(shell id -u),0)
ALLOW_ROOT := --allow-root
SUDO :=
else
ALLOW_ROOT :=
SUDO := sudo
endif

# The venv's bin/ first on PATH, for every command and its subprocesses (nbgrader runs alembic,
# tests start jupyter).
export PATH := $(BIN):$(PATH)
export PIP_DISABLE_PIP_VERSION_CHECK := 1
export PIP_PROGRESS_BAR := off

.PHONY: help lab quiz test exercises chromium clean

# help: list the targets.
help:
	@echo "make lab    open the course in JupyterLab (installs it on first run)"
	@echo "make quiz   the notebooks in Voila: quizzes only, no code (installs on first run)"
	@echo "make test   run all tests, browser tests included (installs what they need)"
	@echo "make exercises  regenerate exercises/ from solutions/ with nbgrader (trainers)"
	@echo "make clean  remove the virtual environment and caches"

# lab: open JupyterLab on the first notebook, with the course's own Jupyter settings. It serves
# the whole course folder (not only notebooks/), so that learners can open exercises/ and
# trainers solutions/, and formgrader finds the course.
# (jupyter-config/: localhost only, no news, no update checks, no extension manager).
# Your JupyterLab settings and open tabs are kept in .jupyter-user/, outside git.
lab: $(INSTALL_STAMP) $(KERNEL_CONFIG)
	JUPYTER_CONFIG_DIR="$(CURDIR)/jupyter-config" \
	JUPYTERLAB_SETTINGS_DIR="$(CURDIR)/.jupyter-user/settings" \
	JUPYTERLAB_WORKSPACES_DIR="$(CURDIR)/.jupyter-user/workspaces" \
	"$(BIN)/jupyter" lab $(ALLOW_ROOT) --ServerApp.root_dir="$(CURDIR)" \
		--LabApp.default_url=/lab/tree/notebooks/00_start_here.ipynb

# quiz: the notebooks served by Voila on this computer only: code hidden, quizzes and tools live,
# for learners who should never see code. Open a notebook from the list in the browser tab.
quiz: $(INSTALL_STAMP) $(KERNEL_CONFIG)
	JUPYTER_CONFIG_DIR="$(CURDIR)/jupyter-config" JUPYTER_PATH="$(CURDIR)/jupyter-config/data" \
	"$(BIN)/voila" notebooks/

# test: install the test extras and Debian chromium, then run pytest over everything.
test: $(TEST_STAMP) $(KERNEL_CONFIG) chromium
	"$(BIN)/python" -m pytest

# exercises: regenerate the learners' notebooks (exercises/) from solutions/ with nbgrader, after
# changing a solutions notebook; commit both (tests/grading fails when they drift apart).
exercises: $(INSTALL_STAMP)
	"$(BIN)/hrdtrain" exercises

# chromium: the browser tests drive Debian's chromium; never a downloaded browser build.
chromium:
	@if [ ! -x /usr/bin/chromium ]; then \
		echo "Installing Debian chromium for the browser tests"; \
		$(SUDO) apt-get update && \
		$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y chromium; \
	fi

# The virtual environment, made with Python 3.11+ (Debian ships venv/ensurepip separately).
$(VENV)/bin/python:
	@test -n "$(PYTHON)" || { echo "Python 3.11 or newer is needed (python3.11 or python3)." >&2; exit 1; }
	@"$(PYTHON)" -c 'import ensurepip, venv' 2>/dev/null || { \
		v=$$("$(PYTHON)" -c 'import sys; print("%d.%d" % sys.version_info[:2])'); \
		echo "Installing python$$v-venv (Debian ships venv separately)"; \
		$(SUDO) apt-get update && \
		$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y "python$$v-venv"; }
	"$(PYTHON)" -m venv $(VENV)

# The course package and its dependencies, re-installed only when pyproject.toml changes.
$(INSTALL_STAMP): pyproject.toml | $(VENV)/bin/python
	"$(BIN)/python" -m pip install -e .
	touch $@

# The same plus the test extras (pytest, nbformat, nbclient, playwright; no browser download);
# that includes the course itself, so `make lab` afterwards installs nothing.
$(TEST_STAMP): pyproject.toml | $(VENV)/bin/python
	"$(BIN)/python" -m pip install -e ".[test]"
	touch $@ $(INSTALL_STAMP)

# Kernel settings (no IPython history file), copied where the venv's kernels read them.
$(KERNEL_CONFIG): jupyter-config/ipython_kernel_config.py | $(VENV)/bin/python
	mkdir -p $(@D)
	cp $< $@

# clean: remove the virtual environment, build output and caches (not your .jupyter-user/).
clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache test-artifacts
	find . -path ./.git -prune -o \( -name __pycache__ -o -name .ipynb_checkpoints \) -type d -prune -exec rm -rf {} +
