# make deps: the Debian packages kiln uses, installed only when missing (safe to run twice).
# Third-party sources (newlib, lwIP, Xen) come from packages too, never from this repository.

DEB_PACKAGES := build-essential pkg-config libjansson-dev libncurses-dev picosat \
	libcmocka-dev qemu-system-x86 qemu-system-data tmux clang libclang-rt-14-dev \
	python3 python3-jsonschema libxen-dev cpio clang-format gdb \
	newlib-source
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
