# make deps: the Debian packages kiln uses, installed only when missing (safe to run twice).
# Third-party sources (newlib, lwIP, Xen) come from packages too, never from this repository.

DEB_PACKAGES := build-essential pkg-config libjansson-dev libncurses-dev picosat \
	libcmocka-dev qemu-system-x86 qemu-system-data tmux clang libclang-rt-14-dev \
	python3 python3-jsonschema libxen-dev cpio clang-format gdb \
	newlib-source apache2-utils curl busybox-static linux-image-amd64 strace
DEB_PACKAGES += $(DEB_PACKAGES_EXTRA)

deps:
	$(Q)missing=$$(for p in $(DEB_PACKAGES); do \
		dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q 'install ok installed' || echo $$p; \
	done); \
	if [ -n "$$missing" ]; then \
		echo "deps: installing" $$missing; \
		if [ "$$(id -u)" != 0 ]; then echo "kiln: make deps: must run as root to install:" $$missing >&2; exit 1; fi; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing >/dev/null \
			|| { echo "kiln: make deps: apt-get install failed for:" $$missing >&2; exit 1; }; \
	fi

# Source packages (lwIP, Lua) that Debian ships only as sources: `make deps` adds a deb-src
# entry for the release this machine runs and downloads each one's files (the upstream
# .orig tarball, Debian's .dsc and patches) into DEB_SRC_DIR, where a library's "archive"
# names the tarball. Downloaded only when the .dsc is missing; nothing is unpacked here.
DEB_SOURCES := lua5.4 lwip
DEB_SRC_DIR := /usr/src/kiln
DEB_SRC_LIST := /etc/apt/sources.list.d/kiln-src.sources

deps: deps-sources
deps-sources:
	$(Q)missing=$$(for p in $(DEB_SOURCES); do \
		ls $(DEB_SRC_DIR)/$${p}_*.dsc >/dev/null 2>&1 || echo $$p; \
	done); \
	if [ -n "$$missing" ]; then \
		echo "deps: fetching sources of" $$missing; \
		if [ "$$(id -u)" != 0 ]; then echo "kiln: make deps: must run as root to fetch the sources of:" $$missing >&2; exit 1; fi; \
		if [ ! -f $(DEB_SRC_LIST) ]; then \
			. /etc/os-release && printf '%s\n' 'Types: deb-src' 'URIs: http://deb.debian.org/debian' \
				"Suites: $$VERSION_CODENAME $$VERSION_CODENAME-updates" 'Components: main' \
				'Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg' >$(DEB_SRC_LIST).new \
				&& mv $(DEB_SRC_LIST).new $(DEB_SRC_LIST); \
		fi; \
		mkdir -p $(DEB_SRC_DIR) && apt-get update -qq && \
		(cd $(DEB_SRC_DIR) && apt-get source -qq --download-only $$missing >/dev/null 2>&1) \
			|| { echo "kiln: make deps: apt-get source failed for:" $$missing "(is a deb-src entry reachable? see $(DEB_SRC_LIST))" >&2; exit 1; }; \
	fi
.PHONY: deps-sources
