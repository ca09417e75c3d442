# buildsys/format.mk — one C style for the tree: the repository's .clang-format, applied by
# clang-format (Debian's clang-format, version 14; `make deps` installs it).
#
#   make format-check   names every C file (*.c, *.h) that clang-format would change, with
#                       the first place in each as "file:line:col: ..."; fails if there is one
#   make format         rewrites those files in place
#   FORMAT_DIRS="plat kernel-libs"   limits either to these folders (default: the whole tree)
#
# The files are those git knows: tracked ones, and new ones not yet added unless ignored, so
# a file is checked before its first commit. Nothing under build/ or third-party trees
# unpacked there is touched (ignored by .gitignore).

CLANG_FORMAT ?= clang-format
FORMAT_DIRS ?= .
FORMAT_FILES = $(shell git ls-files --cached --others --exclude-standard -- \
	$(foreach d,$(FORMAT_DIRS),'$(d:%/=%)/*.c' '$(d:%/=%)/*.h') | sort -u | \
	while read -r f; do [ -f "$$f" ] && [ ! -L "$$f" ] && echo "$$f"; done)

.PHONY: format format-check format-tool
format-tool:
	$(Q)command -v $(CLANG_FORMAT) >/dev/null || \
		{ echo "kiln: format: $(CLANG_FORMAT) not found (make deps installs it)" >&2; exit 1; }

format: format-tool
	$(Q)files="$(FORMAT_FILES)"; [ -z "$$files" ] || $(CLANG_FORMAT) -i --style=file $$files

format-check: format-tool
	$(Q)n=0; for f in $(FORMAT_FILES); do \
		out=$$($(CLANG_FORMAT) --style=file --dry-run --Werror --ferror-limit=1 "$$f" 2>&1) \
			&& continue; \
		echo "$${out%%$$'\n'*}"; \
		n=$$((n + 1)); \
	done; \
	if [ $$n -gt 0 ]; then \
		echo "kiln: format-check: $$n files differ from .clang-format (make format fixes them)" >&2; \
		exit 1; \
	fi

# The style is part of make test, so a change that breaks it does not land.
TEST_SUITES += test-format
.PHONY: test-format
test-format:
	$(Q)mkdir -p $(BUILD)/test-results; \
	if $(MAKE) --no-print-directory format-check; then echo "1 0"; else echo "0 1"; fi \
		>$(BUILD)/test-results/test-format; \
	read -r p f <$(BUILD)/test-results/test-format; [ "$$f" = 0 ]
