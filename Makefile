# toets - the NCSC assessors' workstation.
# `make` builds ./toets; `make check` installs what the tests need and runs
# them all; `make help` lists the other targets.

VERSION    = 0.1.0
PREFIX    ?= /usr/local
BINDIR    ?= $(PREFIX)/bin
DATAROOT  ?= $(PREFIX)/share
DATADIR   ?= $(DATAROOT)/toets
MANDIR    ?= $(DATAROOT)/man
LOCALEDIR ?= $(DATAROOT)/locale
DESTDIR   ?=

CC        ?= cc
PKG_CONFIG ?= pkg-config
CFLAGS    ?= -O2 -g
LDFLAGS   ?=
BUILDDIR  ?= build
PROG      ?= toets

PKGS       = yaml-0.1 libsodium sqlite3 libcmark
# Only the PDF renderer uses cairo and pango; their cflags (glib's many
# include paths) stay with it, their libraries join the core's.
RENDER_PKGS = cairo pangocairo fontconfig
# Only the screens use curses; its cflags (feature macros) stay with them.
UI_PKGS    = ncursesw
TEST_PKGS  = cmocka

# Debian packages behind the libraries and tools; `make deps` installs them.
DEBS_BUILD = gcc make pkg-config gettext libyaml-dev libsodium-dev libsqlite3-dev libncurses-dev \
             libcmark-dev libcairo2-dev libpango1.0-dev libfontconfig-dev fonts-dejavu-core
DEBS_CHECK = libcmocka-dev mandoc valgrind sqlite3 passwd mount tmux poppler-utils
DEBS_FUZZ  = clang libclang-rt-14-dev

WARN       = -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes -Wformat=2 \
             -Wno-format-nonliteral
ifeq ($(CI),true)
WARN      += -Werror
endif

PKG_CFLAGS := $(shell $(PKG_CONFIG) --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   := $(shell $(PKG_CONFIG) --libs $(PKGS) $(RENDER_PKGS) 2>/dev/null)
RENDER_CFLAGS := $(shell $(PKG_CONFIG) --cflags $(RENDER_PKGS) 2>/dev/null)
UI_CFLAGS  := $(shell $(PKG_CONFIG) --cflags $(UI_PKGS) 2>/dev/null)
UI_LIBS    := $(shell $(PKG_CONFIG) --libs $(UI_PKGS) 2>/dev/null)
TEST_CFLAGS := $(shell $(PKG_CONFIG) --cflags $(TEST_PKGS) 2>/dev/null)
TEST_LIBS   := $(shell $(PKG_CONFIG) --libs $(TEST_PKGS) 2>/dev/null)

# Ours come first; the user's CFLAGS/CPPFLAGS/LDFLAGS follow and win.
ALL_CPPFLAGS = -Iinclude -D_POSIX_C_SOURCE=200809L -DTOETS_VERSION='"$(VERSION)"' \
               $(PKG_CFLAGS) $(CPPFLAGS)
# The installed paths are compiled into paths.c alone (and the test of it).
PATH_DEFS    = -DTOETS_DATADIR='"$(DATADIR)"' -DTOETS_LOCALEDIR='"$(LOCALEDIR)"'
ALL_CFLAGS   = -std=c11 $(WARN) $(CFLAGS)

CORE_SRC  = $(sort $(wildcard src/core/*.c))
CLI_SRC   = $(sort $(wildcard src/cli/*.c))
UI_SRC    = $(sort $(wildcard src/ui/*.c))
UNIT_SRC  = $(sort $(wildcard tests/unit/test_*.c))
CORE_OBJ  = $(CORE_SRC:%.c=$(BUILDDIR)/%.o)
CLI_OBJ   = $(CLI_SRC:%.c=$(BUILDDIR)/%.o) $(UI_SRC:%.c=$(BUILDDIR)/%.o)
UNIT_BIN  = $(UNIT_SRC:tests/unit/%.c=$(BUILDDIR)/tests/%)
LIB       = $(BUILDDIR)/libtoets.a
# Holds DATADIR and LOCALEDIR; rewritten only when they change, so that
# `make install PREFIX=...` after a plain `make` rebuilds what uses them.
PATHS_STAMP = $(BUILDDIR)/paths.stamp
PATHS_OBJ   = $(BUILDDIR)/src/core/paths.o $(BUILDDIR)/tests/test_paths.o

PO_LANGS  = nl
MO_FILES  = $(PO_LANGS:%=build/locale/%/LC_MESSAGES/toets.mo)
MAN_PAGES = man/toets.1 man/toets-kader.5
FORMS     = $(sort $(wildcard forms/*.yaml))
# Installed under DATADIR with their paths below data/.
DATA_FILES = $(filter-out data/README.md,$(shell find data -type f 2>/dev/null | sort))

.PHONY: FORCE all demo man-keys deps deps-check deps-fuzz check check-unit check-cli check-man check-po \
        check-install check-store check-tui check-tmux check-sanitize check-run pot update-po fuzz bench run install \
        uninstall clean help

all: $(PROG) $(MO_FILES)

$(PROG): $(CLI_OBJ) $(LIB)
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $(CLI_OBJ) $(LIB) $(PKG_LIBS) $(UI_LIBS)

$(LIB): $(CORE_OBJ)
	@rm -f $@
	$(AR) rcs $@ $^

$(BUILDDIR)/src/ui/%.o: src/ui/%.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CPPFLAGS) $(UI_CFLAGS) $(ALL_CFLAGS) -MMD -MP -c -o $@ $<

# A static pattern rule: in a pattern rule '%' never matches an empty stem (render.o).
$(filter $(BUILDDIR)/src/core/render%.o,$(CORE_OBJ)): $(BUILDDIR)/%.o: %.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CPPFLAGS) $(RENDER_CFLAGS) $(ALL_CFLAGS) -MMD -MP -c -o $@ $<

$(BUILDDIR)/%.o: %.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) -MMD -MP -c -o $@ $<

$(BUILDDIR)/tests/%.o: tests/unit/%.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CPPFLAGS) $(TEST_CFLAGS) -DTOETS_SRCDIR='"$(CURDIR)"' $(ALL_CFLAGS) -MMD -MP -c -o $@ $<

$(BUILDDIR)/tests/%: $(BUILDDIR)/tests/%.o $(LIB)
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $< $(LIB) $(PKG_LIBS) $(TEST_LIBS)

# Kept: they are intermediate files of the pattern rule above, and would be
# deleted after each build and compiled again by the next.
.SECONDARY: $(UNIT_BIN:=.o)

$(PATHS_OBJ): ALL_CPPFLAGS += $(PATH_DEFS)
$(PATHS_OBJ): $(PATHS_STAMP)

$(PATHS_STAMP): FORCE
	@mkdir -p $(@D)
	@printf 'DATADIR=%s\nLOCALEDIR=%s\n' '$(DATADIR)' '$(LOCALEDIR)' > $@.tmp
	@if cmp -s $@.tmp $@; then rm -f $@.tmp; else mv -f $@.tmp $@; fi

build/locale/%/LC_MESSAGES/toets.mo: po/%.po
	@mkdir -p $(@D)
	msgfmt --check -o $@ $<

-include $(CORE_OBJ:.o=.d) $(CLI_OBJ:.o=.d) $(UNIT_BIN:=.d)

# ---- dependencies -----------------------------------------------------------

# Installs the Debian packages that are missing; as a non-root user, prints
# the apt-get command to run instead and fails.
define install_debs
	@missing=""; for p in $(1); do \
	  dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q '^install ok installed' \
	    || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "installing:$$missing"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null \
	      || { echo "make deps: apt-get failed" >&2; exit 1; }; \
	  else \
	    echo "make deps: missing packages:$$missing" >&2; \
	    echo "run: sudo apt-get install$$missing" >&2; exit 1; \
	  fi; \
	fi
endef

deps:
	$(call install_debs,$(DEBS_BUILD) $(DEBS_CHECK))

deps-fuzz:
	$(call install_debs,$(DEBS_FUZZ))

# ---- tests --------------------------------------------------------------------

# The README's test command: installs what is missing, then every test,
# including the sanitizer and valgrind runs.
check: deps
	$(MAKE) --no-print-directory check-run
	$(MAKE) --no-print-directory check-sanitize

check-run: check-unit check-cli check-tui check-tmux check-store check-man check-po check-install

check-unit: $(UNIT_BIN)
	@tests/run-unit.sh $(UNIT_BIN)

check-cli: $(PROG) $(MO_FILES)
	@tests/cli/run.sh $(abspath $(PROG))

# The workstation's screens, driven headless (TOETS_SCRIPT) and compared
# with the expected dumps.
check-tui: $(PROG)
	@tests/tui/run.sh $(abspath $(PROG))

# The workstation in a real terminal (tmux): keys in, screens out.
check-tmux: $(PROG)
	@tests/tmux/run.sh $(abspath $(PROG))

# Faults against the real program: kill -9, locks, read-only, foreign and
# damaged files, full disks, a tampered audit log, file modes. Not run under
# the sanitizers: the kill -9 trials write about a gigabyte.
check-store: $(PROG)
	@tests/store/run.sh $(abspath $(PROG))

check-man: $(PROG)
	@tests/check-man.sh $(MAN_PAGES)
	@tests/check-man-keys.sh ./$(PROG) man/toets.1

# The KEYS section of toets(1), from the action table.
man-keys: $(PROG)
	{ sed '/^\.\\" BEGIN KEYS$$/q' man/toets.1; ./$(PROG) keys --mdoc; \
	  sed -n '/^\.\\" END KEYS$$/,$$p' man/toets.1; } > man/toets.1.new && mv man/toets.1.new man/toets.1

check-po: pot
	@tests/check-po.sh build/toets.pot $(PO_LANGS:%=po/%.po)

# Installs a copy built in its own BUILDDIR, so that a parallel make never
# rebuilds ./toets with the test's PREFIX while check-cli runs it.
check-install: all
	@tests/check-install.sh "$(MAKE)"

SAN_FLAGS = -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all

check-sanitize: deps
	$(MAKE) --no-print-directory BUILDDIR=build/asan PROG=build/asan/toets \
	  CFLAGS="$(SAN_FLAGS)" LDFLAGS="-fsanitize=address,undefined" check-unit check-cli check-tui
	$(MAKE) --no-print-directory $(UNIT_BIN) $(PROG)
	@VALGRIND=1 tests/run-unit.sh $(UNIT_BIN)
	@TOETS_WRAPPER=valgrind tests/cli/run.sh $(abspath $(PROG))

# ---- translations ---------------------------------------------------------------

pot: build/toets.pot

build/toets.pot: $(CORE_SRC) $(CLI_SRC) $(UI_SRC) $(wildcard include/toets/*.h src/ui/*.h)
	@mkdir -p $(@D)
	xgettext --from-code=UTF-8 --language=C --keyword=_ --keyword=N_ \
	  --keyword=ngettext:1,2 --add-comments=TRANSLATORS --package-name=toets \
	  --package-version=$(VERSION) --msgid-bugs-address="the toets developers" --sort-by-file \
	  -o $@ $(CORE_SRC) $(CLI_SRC) $(UI_SRC) src/ui/ui.h

update-po: pot
	for l in $(PO_LANGS); do msgmerge --quiet --update --backup=none po/$$l.po build/toets.pot; done

# ---- fuzzing and benchmarks ----------------------------------------------------

FUZZ_SECONDS ?= 60
FUZZ_FLAGS = -O1 -g -fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=all

fuzz: deps-fuzz
	$(MAKE) --no-print-directory BUILDDIR=build/fuzz CC=clang CFLAGS="$(FUZZ_FLAGS)" build/fuzz/libtoets.a
	clang $(ALL_CPPFLAGS) -O1 -g -fsanitize=fuzzer,address,undefined -o build/fuzz/fuzz_kader \
	  tests/fuzz/fuzz_kader.c build/fuzz/libtoets.a $(PKG_LIBS)
	@mkdir -p build/fuzz/corpus
	cp forms/*.yaml tests/fuzz/seeds/* build/fuzz/corpus/ 2>/dev/null || true
	build/fuzz/fuzz_kader -max_total_time=$(FUZZ_SECONDS) -max_len=1048577 -timeout=5 \
	  -artifact_prefix=build/fuzz/ -dict=tests/fuzz/yaml.dict build/fuzz/corpus
	clang $(ALL_CPPFLAGS) -O1 -g -fsanitize=fuzzer,address,undefined -o build/fuzz/fuzz_config \
	  tests/fuzz/fuzz_config.c build/fuzz/libtoets.a $(PKG_LIBS)
	@mkdir -p build/fuzz/config-corpus
	cp tests/fuzz/config-seeds/* build/fuzz/config-corpus/
	build/fuzz/fuzz_config -max_total_time=$(FUZZ_SECONDS) -max_len=65536 -timeout=5 \
	  -artifact_prefix=build/fuzz/config- build/fuzz/config-corpus
	clang $(ALL_CPPFLAGS) -O1 -g -fsanitize=fuzzer,address,undefined -o build/fuzz/fuzz_constituency \
	  tests/fuzz/fuzz_constituency.c build/fuzz/libtoets.a $(PKG_LIBS)
	@mkdir -p build/fuzz/constituency-corpus
	cp tests/fuzz/constituency-seeds/* build/fuzz/constituency-corpus/
	build/fuzz/fuzz_constituency -max_total_time=$(FUZZ_SECONDS) -max_len=65536 -timeout=5 \
	  -artifact_prefix=build/fuzz/constituency- build/fuzz/constituency-corpus
	clang $(ALL_CPPFLAGS) -O1 -g -fsanitize=fuzzer,address,undefined -o build/fuzz/fuzz_template \
	  tests/fuzz/fuzz_template.c build/fuzz/libtoets.a $(PKG_LIBS)
	@mkdir -p build/fuzz/template-corpus
	cp tests/fuzz/template-seeds/* build/fuzz/template-corpus/
	build/fuzz/fuzz_template -max_total_time=$(FUZZ_SECONDS) -max_len=65536 -timeout=5 \
	  -artifact_prefix=build/fuzz/template- build/fuzz/template-corpus

# Fails when a hostile input takes longer than its target.
bench: $(BUILDDIR)/tests/bench_kader $(BUILDDIR)/tests/gen_dossiers $(BUILDDIR)/tests/maxrss $(PROG) \
       $(BUILDDIR)/tests/bench_constituency $(BUILDDIR)/tests/bench_partners
	@$(BUILDDIR)/tests/bench_kader $(CURDIR)
	@$(BUILDDIR)/tests/bench_constituency
	@$(BUILDDIR)/tests/bench_partners
	@tests/bench/bench_tui.sh $(abspath $(PROG)) $(abspath $(BUILDDIR)/tests/gen_dossiers) \
	  $(abspath $(BUILDDIR)/tests/maxrss) $(CURDIR)/forms

$(BUILDDIR)/tests/gen_dossiers: tests/bench/gen_dossiers.c $(LIB)
	@mkdir -p $(@D)
	$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) -O2 $(LDFLAGS) -o $@ $< $(LIB) $(PKG_LIBS)

$(BUILDDIR)/tests/maxrss: tests/bench/maxrss.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -O2 $(LDFLAGS) -o $@ $<

$(BUILDDIR)/tests/bench_kader: tests/bench/bench_kader.c $(LIB)
	@mkdir -p $(@D)
	$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) -O2 $(LDFLAGS) -o $@ $< $(LIB) $(PKG_LIBS)

$(BUILDDIR)/tests/bench_constituency: tests/bench/bench_constituency.c $(LIB)
	@mkdir -p $(@D)
	$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) -O2 $(LDFLAGS) -o $@ $< $(LIB) $(PKG_LIBS)

$(BUILDDIR)/tests/bench_partners: tests/bench/bench_partners.c $(LIB)
	@mkdir -p $(@D)
	$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) -O2 $(LDFLAGS) -o $@ $< $(LIB) $(PKG_LIBS)

# ---- running, installing ---------------------------------------------------------

DEMO_DB = $(BUILDDIR)/demo.db

# The workstation on the demo database, made on first run.
run: all
	@[ -e $(DEMO_DB) ] || TOETS=./$(PROG) data/demo/create.sh $(DEMO_DB)
	./$(PROG) --db $(DEMO_DB)

# A fresh demo database.
demo: all
	rm -f $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm
	TOETS=./$(PROG) data/demo/create.sh $(DEMO_DB)

install: all
	install -d -m 755 $(DESTDIR)$(BINDIR) $(DESTDIR)$(DATADIR)/forms \
	  $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(MANDIR)/man5
	install -m 755 $(PROG) $(DESTDIR)$(BINDIR)/toets
	install -m 644 $(FORMS) $(DESTDIR)$(DATADIR)/forms/
	install -m 644 man/toets.1 $(DESTDIR)$(MANDIR)/man1/toets.1
	install -m 644 man/toets-kader.5 $(DESTDIR)$(MANDIR)/man5/toets-kader.5
	for f in $(DATA_FILES:data/%=%); do \
	  case $$f in *.sh) mode=755 ;; *) mode=644 ;; esac; \
	  install -D -m $$mode data/$$f $(DESTDIR)$(DATADIR)/$$f; \
	done
	for l in $(PO_LANGS); do \
	  install -d -m 755 $(DESTDIR)$(LOCALEDIR)/$$l/LC_MESSAGES; \
	  install -m 644 build/locale/$$l/LC_MESSAGES/toets.mo $(DESTDIR)$(LOCALEDIR)/$$l/LC_MESSAGES/toets.mo; \
	done

# Directories that toets shares with other programs: removed when empty,
# except in the system's own /usr and /usr/local (outside a DESTDIR), where
# they belong to the system. Only ever rmdir: nothing that is not empty goes.
SHARED_DIRS = $(foreach l,$(PO_LANGS),$(LOCALEDIR)/$(l)/LC_MESSAGES $(LOCALEDIR)/$(l)) \
              $(LOCALEDIR) $(MANDIR)/man1 $(MANDIR)/man5 $(MANDIR) $(BINDIR) $(DATAROOT) $(PREFIX)

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/toets $(DESTDIR)$(MANDIR)/man1/toets.1 \
	  $(DESTDIR)$(MANDIR)/man5/toets-kader.5
	rm -f $(addprefix $(DESTDIR)$(DATADIR)/forms/,$(notdir $(FORMS)))
	rm -f $(addprefix $(DESTDIR)$(DATADIR)/,$(DATA_FILES:data/%=%))
	for l in $(PO_LANGS); do rm -f $(DESTDIR)$(LOCALEDIR)/$$l/LC_MESSAGES/toets.mo; done
	-rmdir $(DESTDIR)$(DATADIR)/forms 2>/dev/null; true
	-for d in $$(cd data 2>/dev/null && find . -mindepth 1 -type d | sort -r); do \
	  rmdir $(DESTDIR)$(DATADIR)/$$d 2>/dev/null; done; true
	-rmdir $(DESTDIR)$(DATADIR) 2>/dev/null; true
	-case "$(DESTDIR)$(PREFIX)" in /usr|/usr/|/usr/local|/usr/local/) ;; *) \
	  for d in $(SHARED_DIRS); do rmdir $(DESTDIR)$$d 2>/dev/null; done;; esac; true

clean:
	rm -rf build $(PROG)

help:
	@echo "make            build ./toets"
	@echo "make run        build and open the workstation on the demo database"
	@echo "make demo       make the demo database anew"
	@echo "make check      install test dependencies (make deps) and run every test"
	@echo "make check-sanitize  unit and CLI tests under ASan+UBSan, then valgrind"
	@echo "make deps       install missing Debian packages (apt-get, as root)"
	@echo "make fuzz       fuzz the parsers: frameworks, config, constituency, templates (FUZZ_SECONDS=$(FUZZ_SECONDS))"
	@echo "make bench      print figures: the loader, the screens, the constituency"
	@echo "make install / uninstall   honour PREFIX=$(PREFIX) and DESTDIR"
