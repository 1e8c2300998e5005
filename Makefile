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

# COURSE_LANG=es or ar: `make lab` and `make quiz` in that language (its notebooks in
# notebooks/LANG/, and HRDTRAIN_LANG for every quiz). Not LANG: that is the system's locale
# variable, which make would pass, changed, to every program it starts (and it is usually
# already set, e.g. to en_US.UTF-8).
ifeq ($(origin LANG),command line)
$(error LANG is your system's locale, not the course's language: write COURSE_LANG=$(LANG) instead, e.g. make lab COURSE_LANG=es)
endif
ifneq ($(filter-out en es ar,$(COURSE_LANG)),)
$(error COURSE_LANG=$(COURSE_LANG): the course is in en, es and ar)
endif
LANG_DIR := $(if $(filter es ar,$(COURSE_LANG)),$(COURSE_LANG)/)
LANG_ENV := $(if $(COURSE_LANG),HRDTRAIN_LANG="$(COURSE_LANG)" )

.PHONY: help lab quiz test site site-cache hub-venv hub-venv-dependencies exercises chromium bubblewrap npm clean

# help: list the targets.
help:
	@echo "make lab    open the course in JupyterLab (installs it on first run)"
	@echo "make lab TRAINER=1  the same, with nbgrader's menu and panels (trainers)"
	@echo "make lab COURSE_LANG=es  the course in Spanish (es) or Arabic (ar); also make quiz COURSE_LANG=ar"
	@echo "make quiz   the notebooks in Voila: quizzes only, no code (installs on first run)"
	@echo "make test   run all tests, browser tests included (installs what they need)"
	@echo "make site   build the browser edition into site/ (static files: serve with python -m http.server)"
	@echo "make exercises  regenerate exercises/ from solutions/ with nbgrader (trainers)"
	@echo "make clean  remove the virtual environment and caches"

# lab: open JupyterLab on the first notebook, with the course's own Jupyter settings. It serves
# the whole course folder (not only notebooks/), so that learners can open exercises/ and
# trainers solutions/, and formgrader finds the course.
# (jupyter-config/: localhost only, no news, no update checks, no extension manager).
# Your JupyterLab settings and open tabs are kept in .jupyter-user/, outside git.
# Learners do not see nbgrader's menu, Validate button and Create Assignment panel;
# `make lab TRAINER=1` shows them (jupyter-config/trainer/). Formgrader works in both.
lab: $(INSTALL_STAMP) $(KERNEL_CONFIG)
	JUPYTER_CONFIG_DIR="$(CURDIR)/jupyter-config" \
	$(if $(TRAINER),JUPYTER_CONFIG_PATH="$(CURDIR)/jupyter-config/trainer" )JUPYTERLAB_SETTINGS_DIR="$(CURDIR)/.jupyter-user/settings" \
	JUPYTERLAB_WORKSPACES_DIR="$(CURDIR)/.jupyter-user/workspaces" $(LANG_ENV)\
	"$(BIN)/jupyter" lab $(ALLOW_ROOT) --ServerApp.root_dir="$(CURDIR)" \
		--LabApp.default_url=/lab/tree/notebooks/$(LANG_DIR)00_start_here.ipynb \
		$(if $(LANG_DIR),--LabApp.app_settings_dir="$(CURDIR)/jupyter-config/lab-locale/$(COURSE_LANG)")

# quiz: the notebooks served by Voila on this computer only: code hidden, quizzes and tools live,
# for learners who should never see code. Open a notebook from the list in the browser tab.
# hrdtrain.quiz_server is Voila opening the browser with the random token it requires (the
# address is also printed, token included, on a line of its own).
quiz: $(INSTALL_STAMP) $(KERNEL_CONFIG)
	JUPYTER_CONFIG_DIR="$(CURDIR)/jupyter-config" JUPYTER_PATH="$(CURDIR)/jupyter-config/data" $(LANG_ENV)\
	"$(BIN)/python" -m hrdtrain.quiz_server notebooks/$(LANG_DIR)

# test: install the test extras, Debian chromium and bubblewrap, then run pytest over everything.
# One process by default. `make test WORKERS=2` (or more, on a machine with more cores) runs
# pytest-xdist workers: the browser, hub, site and install tests one after another on one of them,
# the other test files shared out (tests/conftest.py). On 2 cores two workers starve the browser
# tests (a JupyterLab page waiting over 60 s for its kernel) and are no faster in total.
# Set-up in two rounds of two jobs side by side: the project's venv and the participants' (hub-venv)
# dependencies, then the browser edition's downloads and the course into the participants' venv.
# pip is mostly one core's work and the downloads wait on the network: in a fresh clone here, 93 s
# then 46 s, against about 210 s one after the other.
WORKERS ?= 0
test: chromium bubblewrap npm
	@$(MAKE) --no-print-directory -j2 --output-sync=target $(TEST_STAMP) hub-venv-dependencies
	@$(MAKE) --no-print-directory -j2 --output-sync=target $(KERNEL_CONFIG) site-cache hub-venv
	"$(BIN)/python" -m pytest $(if $(filter-out 0,$(WORKERS)),-n $(WORKERS) --dist loadgroup)

# hub-venv: the workshop-server tests run participants' servers as throw-away accounts, which
# need a Python every account can run: a venv made from Debian's python3 (python3-venv installed
# when missing), with the course in it, made once (the tests run with no network).
# (hrdtrain.hub.python_env decides where: .cache/hub-venv, or /var/tmp when others cannot read
# this checkout; it skips the work when the venv is newer than pyproject.toml.)
# hub-venv-dependencies installs what the course needs into it, the long part, while `make test`
# installs .venv: it runs with the Python that made .venv, from this folder (it needs no installed
# package), and only after .venv exists, so that the two never run apt at once. hub-venv then adds
# the course itself (its build writes into this folder, so not while .venv's install does).
SYSTEM_VENV = @/usr/bin/python3 -c 'import ensurepip, venv' 2>/dev/null || { \
		echo "Installing Debian python3-venv for the workshop-server tests"; \
		$(SUDO) apt-get update && \
		$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y python3-venv; }

hub-venv-dependencies: | $(VENV)/bin/python
	$(SYSTEM_VENV)
	"$(PYTHON)" -m hrdtrain.hub.python_env --dependencies

hub-venv: $(TEST_STAMP)
	$(SYSTEM_VENV)
	"$(BIN)/python" -m hrdtrain.hub.python_env

# site-cache: the tests run with no network, so the downloads the browser edition's build takes
# from PyPI and npm (about 13 MB, checked against browser_edition/site-lock.json) come first.
site-cache: $(TEST_STAMP) npm
	"$(BIN)/python" -m hrdtrain.site_build --fill-cache

# site: the browser edition (JupyterLite + Pyodide) as static files in site/, built from PyPI and
# npm only (downloads cached in .cache/site/); see docs/facilitator-guide.md.
SITE_STAMP := $(VENV)/.stamp-install-site
$(SITE_STAMP): pyproject.toml | $(VENV)/bin/python
	"$(BIN)/python" -m pip install -e ".[site]"
	touch $@

site: $(SITE_STAMP) npm
	"$(BIN)/hrdtrain" site site

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

# npm: the browser edition's build downloads the Pyodide core from npm once (then cached).
npm:
	@if ! command -v npm >/dev/null; then \
		echo "Installing Debian npm for the browser edition's build"; \
		$(SUDO) apt-get update && \
		$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y npm; \
	fi

# bubblewrap: hrdtrain grade runs student code in a bwrap sandbox; the grading tests need it.
bubblewrap:
	@if ! command -v bwrap >/dev/null; then \
		echo "Installing Debian bubblewrap for the grading sandbox"; \
		$(SUDO) apt-get update && \
		$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y bubblewrap; \
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

# The same plus the test extras (pytest, nbformat, nbclient, playwright; no browser download) and
# the site extra (the browser-edition test builds the site);
# that includes the course itself, so `make lab` afterwards installs nothing.
$(TEST_STAMP): pyproject.toml | $(VENV)/bin/python
	"$(BIN)/python" -m pip install -e ".[test,site,hub]"
	touch $@ $(INSTALL_STAMP)

# Kernel settings (no IPython history file), copied where the venv's kernels read them.
$(KERNEL_CONFIG): jupyter-config/ipython_kernel_config.py | $(VENV)/bin/python
	mkdir -p $(@D)
	cp $< $@

# clean: remove the virtual environment, build output and caches (not your .jupyter-user/).
clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache test-artifacts site .cache/site
	find . -path ./.git -prune -o \( -name __pycache__ -o -name .ipynb_checkpoints \) -type d -prune -exec rm -rf {} +
