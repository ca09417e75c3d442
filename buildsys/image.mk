# The generic image rules: turns build/<profile>/config.mk, as the resolver wrote it
# (buildsys/README.md), into one image per target. No library has rules of its own.
#
#   make -f buildsys/image.mk KILN_DIR=build/<profile> [V=1] [-j N]
#
# run from the repository root (config.mk's paths are relative to it). For each target T
# every source of every library that is on, plus the target's platform library, compiles
# to build/<profile>/T/<source path>.o with -include of the library's config header and
# the architecture's flags from the platform's lib.json, and the objects link, in sorted
# order, with the platform's linker script (a .S runs through the preprocessor with the
# platform's config header first) into build/<profile>/T/<app>.T.elf.dbg, stripped into
# <app>.T.elf. Linker scripts may INCLUDE files from any library folder that is on (-L
# each). Targets are data: config.mk says each one's platform, architecture, flags,
# linker script and run configuration template; nothing here names one.
#
# Rebuilds touch only what changed: -MMD tracks headers (the -include'd config header
# too, rewritten by the resolver only when its content changes), and per-library flag files
# and the object list are rewritten only when they differ, so a changed cflag recompiles
# that library and a changed library set relinks.
#
# Output is reproducible: paths are mapped to "." (-ffile-prefix-map), no build ID, objects
# in sorted order, nothing records a time.

MAKEFLAGS += --no-builtin-rules --no-builtin-variables
.SUFFIXES:
.DELETE_ON_ERROR:
.DEFAULT_GOAL := images

ifeq ($(KILN_DIR),)
$(error kiln: image.mk: KILN_DIR is not set (make -f buildsys/image.mk KILN_DIR=build/<profile>))
endif
ifeq ($(wildcard $(KILN_DIR)/config.mk),)
$(error kiln: image.mk: $(KILN_DIR)/config.mk: no such file (run kiln resolve first))
endif
include $(KILN_DIR)/config.mk

TOP := $(CURDIR)
V ?= 0
GUEST_CC ?= gcc
GUEST_LD ?= ld
GUEST_STRIP ?= strip

GUEST_GCC_INCLUDE := $(shell $(GUEST_CC) -print-file-name=include)

# config/<lib>.h includes the headers of the libraries it names, which include theirs: a
# chain of depends is a chain of includes, deeper than GCC's default 200 in a catalog of
# long chains.
GUEST_INCLUDE_DEPTH := 10000

# Freestanding: no host headers (only the compiler's own, e.g. stdint.h), no PIC, frame
# pointers for the exception backtrace. The architecture's own flags (no red zone, no SSE,
# ...) come from the platform's lib.json ("arch"), as KILN_TARGET_<T>_CFLAGS.
GUEST_CFLAGS := -std=gnu11 -O2 -g -Wall -Wextra -Werror -ffreestanding -nostdinc \
	-isystem $(GUEST_GCC_INCLUDE) -fno-pic -fno-pie -fno-stack-protector -fno-common \
	-fno-omit-frame-pointer -fno-asynchronous-unwind-tables -ffunction-sections \
	-fdata-sections -ffile-prefix-map=$(TOP)=. -fmax-include-depth=$(GUEST_INCLUDE_DEPTH)
GUEST_LDFLAGS := -nostdlib -static --gc-sections --build-id=none -z max-page-size=0x1000 \
	-z noexecstack --no-warn-rwx-segments

# --- helpers ---------------------------------------------------------------------------

# Object of source $2 (x.c -> x.c.o) for target $1; sources outside the tree keep their absolute path
# below _abs/.
kiln_obj = $(KILN_DIR)/$1/$(patsubst /%,_abs/%,$2).o
kiln_objs = $(foreach l,$2,$(foreach s,$(KILN_LIB_$l_SRCS),$(call kiln_obj,$1,$s)))
# Stages $2 for file $1; kiln_sync_all then replaces each file only where it differs, so
# unchanged files keep their mtime. (Make 4.3's $(file <) reads garbage at times: not used.)
kiln_stage = $(file >$1.new,$2)$(eval KILN_STAGED += $1)
kiln_sync_all = $(shell for f in $(KILN_STAGED); do \
	cmp -s "$$f.new" "$$f" && rm -f "$$f.new" || mv -f "$$f.new" "$$f"; done)

# Quiet progress lines "[ 3/25] CC    path"; V=1 prints the commands instead.
ifeq ($(V),1)
Q :=
kiln_step =
else
Q := @
KILN_N :=
kiln_count = $(eval KILN_N += x)$(words $(KILN_N))
kiln_step = @printf '[%3d/%d] %-5s %s\n' $(kiln_count) $(KILN_TOTAL) $1 $2 \# kiln-progress
endif

# --- third-party archives ------------------------------------------------------------
# A library with an "archive" (catalog/README.md): its tarball unpacks once into
# KILN_LIB_<l>_ARCHIVE_DIR (build/_sources/<lib>-<sha>/) through buildsys/unpack.sh, which
# checks the checksum and copies the library's overlay over it. Its sources compile against
# the library's own include folders and those of the other archive libraries it sees (Lua's
# see newlib's headers), no config header, no other library, with -w
# (its warnings are not ours), into build/_cache/<lib>-<key>/, key a hash of the whole
# command line: every profile and target with the same flags shares those objects, so a
# second build, or another app's, compiles none of them. They depend on the unpacking:
# unpacked again (a changed overlay), they compile again. Everything else in the image waits
# for the unpacking (order-only), since it may include the archive's headers: another
# archive's sources too (lwIP, configured, includes newlib's headers).
# Each archive source also sees its own folder (-I$(<D)), as automake's default includes.
KILN_ARCHIVE_LIBS := $(sort $(foreach l,$(KILN_LIBS) $(foreach t,$(KILN_TARGETS),\
	$(KILN_TARGET_$t_PLATLIB)),$(if $(KILN_LIB_$l_ARCHIVE),$l)))
kiln_stamp = $(KILN_LIB_$1_ARCHIVE_DIR)/.kiln-unpacked
KILN_STAMPS := $(foreach l,$(KILN_ARCHIVE_LIBS),$(call kiln_stamp,$l))
# A "configured" archive (lwIP) compiles like the library's own sources instead: the include
# folders of what the library sees and its config header (its options), -w still, into
# build/<profile>/<target>/_archive/<lib>/, since its objects depend on the profile; they
# depend on the library's flag file too, so a changed set of libraries it sees rebuilds them.
# Any other archive sees, besides its library's include folders, those of the other archive
# libraries it brings in (Lua's sources see newlib's headers); newlib sees none.
kiln_archive_seen = $(filter-out $1,$(filter $(KILN_ARCHIVE_LIBS),$(KILN_LIB_$1_SEES)))
kiln_archive_flags = $(if $(KILN_LIB_$2_ARCHIVE_CONFIGURED),$(KILN_FLAGS_$1_$2) -w,\
	$(GUEST_CFLAGS) $(KILN_TARGET_$1_CFLAGS) -w \
	$(addprefix -I,$(KILN_LIB_$2_INCLUDES) \
		$(foreach s,$(call kiln_archive_seen,$2),$(KILN_LIB_$s_INCLUDES)))) \
	$(KILN_LIB_$2_ARCHIVE_CFLAGS)
kiln_archive_cache = $(if $(KILN_LIB_$2_ARCHIVE_CONFIGURED),$(KILN_DIR)/$1/_archive/$2,\
	build/_cache/$2-$(shell printf '%s' '$(subst $(TOP),.,$(KILN_AFLAGS_$1_$2))' | sha256sum | cut -c1-16))
kiln_archive_objs = $(patsubst $(KILN_LIB_$2_ARCHIVE_DIR)/%,$(KILN_ACACHE_$1_$2)/%.o,\
	$(KILN_LIB_$2_ARCHIVE_SRCS))

# $1 = library: unpacking, and any file of the tree waits for it.
define kiln_unpack_rules
$(call kiln_stamp,$1): $(wildcard $(KILN_LIB_$1_ARCHIVE)) buildsys/unpack.sh \
		$(if $(KILN_LIB_$1_ARCHIVE_OVERLAY),$(shell find $(KILN_LIB_$1_ARCHIVE_OVERLAY) -type f))
	$$(call kiln_step,UNPACK,$(KILN_LIB_$1_ARCHIVE))
	$(Q)buildsys/unpack.sh $1 $(KILN_LIB_$1_ARCHIVE) $(KILN_LIB_$1_ARCHIVE_SHA256) \
		$(KILN_LIB_$1_ARCHIVE_PACKAGE) $(KILN_LIB_$1_ARCHIVE_DIR) $(KILN_LIB_$1_ARCHIVE_OVERLAY)
$(KILN_LIB_$1_ARCHIVE_DIR)/%: | $(call kiln_stamp,$1) ;
endef
$(foreach l,$(KILN_ARCHIVE_LIBS),$(eval $(call kiln_unpack_rules,$l)))

# $1 = target, $2 = library: its cache folder; rules once per folder (targets may share it).
define kiln_archive_rules
KILN_AFLAGS_$1_$2 := $(call kiln_archive_flags,$1,$2)
KILN_ACACHE_$1_$2 := $$(call kiln_archive_cache,$1,$2)
ifeq ($$(filter $$(KILN_ACACHE_$1_$2),$$(KILN_ACACHES)),)
KILN_ACACHES += $$(KILN_ACACHE_$1_$2)
$$(call kiln_archive_objs,$1,$2): $$(KILN_ACACHE_$1_$2)/%.o: $(KILN_LIB_$2_ARCHIVE_DIR)/% $(call kiln_stamp,$2) \
		$(if $(KILN_LIB_$2_ARCHIVE_CONFIGURED),$(call kiln_flags_file,$1,$2)) | $(KILN_STAMPS)
	$$(call kiln_step,CC,$$<)
	$(Q)$(GUEST_CC) $$(KILN_AFLAGS_$1_$2) -I$$(<D) -MMD -MP -MT $$@ -MF $$@.d.$$$$$$$$ \
		-c $$< -o $$@.$$$$$$$$ && mv -f $$@.d.$$$$$$$$ $$(@:.o=.d) && mv -f $$@.$$$$$$$$ $$@
endif
endef

# --- per target ------------------------------------------------------------------------

# $1 = target: libraries, objects, image paths (platform and the rest come from config.mk).
define kiln_target_vars
KILN_$1_LIBS := $(KILN_LIBS) $(KILN_TARGET_$1_PLATLIB)
KILN_$1_IMAGE := $(KILN_DIR)/$1/$(KILN_APP).$1.elf
endef
$(foreach t,$(KILN_TARGETS),$(eval $(call kiln_target_vars,$t)))

kiln_plat_lib = $(KILN_TARGET_$1_PLATLIB)
# A library sees only the include folders of the libraries its lib.json names (config.mk's
# KILN_LIB_<l>_SEES: itself, its depends and selects, its interfaces' providers).
kiln_includes = $(foreach l,$(KILN_LIB_$1_SEES),$(addprefix -I,$(KILN_LIB_$l_INCLUDES)))
kiln_lib_flags = $(GUEST_CFLAGS) $(KILN_TARGET_$1_CFLAGS) \
	-DKILN_APP_NAME='"$(KILN_APP)"' $(call kiln_includes,$2) \
	-include $(KILN_LIB_$2_CONFIG) $(KILN_LIB_$2_CFLAGS)
kiln_flags_file = $(KILN_DIR)/$1/flags/$2.flags

# $1 = target, $2 = library, $3 = source.
define kiln_obj_rule
$(call kiln_obj,$1,$3): $3 $(call kiln_flags_file,$1,$2) | $(KILN_STAMPS)
	$$(call kiln_step,$(if $(filter %.S,$3),AS,CC),$3)
	$(Q)buildsys/compile.sh $2 $(KILN_LIB_$2_FILE) $(KILN_CONFIG_DIR) $$@ \
		$(GUEST_CC) $$(KILN_FLAGS_$1_$2) -MMD -MP -c $3 -o $$@
endef

# $1 = target: flag files, objects, link, strip.
define kiln_target_rules
$(foreach l,$(KILN_$1_LIBS),$(eval KILN_FLAGS_$1_$l := $(call kiln_lib_flags,$1,$l)))
$(foreach l,$(filter $(KILN_ARCHIVE_LIBS),$(KILN_$1_LIBS)),$(eval $(call kiln_archive_rules,$1,$l)))
KILN_$1_OBJS := $(sort $(call kiln_objs,$1,$(KILN_$1_LIBS)) \
	$(foreach l,$(filter $(KILN_ARCHIVE_LIBS),$(KILN_$1_LIBS)),$(call kiln_archive_objs,$1,$l)))
KILN_$1_LDS_SRC := $(KILN_TARGET_$1_LDS)
KILN_$1_LDS = $$(if $$(filter %.S,$$(KILN_$1_LDS_SRC)),$(KILN_DIR)/$1/link.lds,$$(KILN_$1_LDS_SRC))
KILN_$1_LDPATH := $(foreach l,$(KILN_$1_LIBS),-L $(KILN_LIB_$l_DIR))
KILN_$1_LDEXTRA := $(sort $(foreach l,$(KILN_$1_LIBS),$(wildcard $(KILN_LIB_$l_DIR)/*.lds)))
$(foreach l,$(KILN_$1_LIBS),$(foreach s,$(KILN_LIB_$l_SRCS),$(eval $(call kiln_obj_rule,$1,$l,$s))))

$(KILN_DIR)/$1/link.lds: $$(KILN_$1_LDS_SRC) $(KILN_LIB_$(call kiln_plat_lib,$1)_CONFIG)
	$$(call kiln_step,LDS,$$<)
	$(Q)$(GUEST_CC) -E -P -undef -nostdinc -x assembler-with-cpp \
		-include $(KILN_LIB_$(call kiln_plat_lib,$1)_CONFIG) $$< -o $$@

$(KILN_$1_IMAGE).dbg: $$(KILN_$1_OBJS) $$(KILN_$1_LDS) $$(KILN_$1_LDEXTRA) $(KILN_DIR)/$1/objects.list
	$$(call kiln_step,LD,$$@)
	$(Q)$(GUEST_LD) $(GUEST_LDFLAGS) $$(KILN_$1_LDPATH) -T $$(KILN_$1_LDS) -o $$@ $$(KILN_$1_OBJS)

$(KILN_$1_IMAGE): $(KILN_$1_IMAGE).dbg
	$$(call kiln_step,STRIP,$$@)
	$(Q)$(GUEST_STRIP) --strip-all -o $$@ $$<
endef
$(foreach t,$(KILN_TARGETS),$(eval $(call kiln_target_rules,$t)))

# Run configuration beside the image: a platform's lib.json may name a template
# ("run_config"; plat/xen's is the xl config), filled by buildsys/template.sh into
# <app>.<target>.cfg. Its tokens:
# @APP@, @PROFILE@, @TARGET@, @IMAGE@ (absolute path), @ARGS@ (KILN_ARGS, the app's
# default arguments) and @CONFIG_X@ for every option, each escaped for double quotes. All but
# TARGET and IMAGE come from run.vars, which kiln writes itself: a profile's strings never
# pass through Make or a command line, where a newline would end the recipe's line.
kiln_shq = '$(subst ','\'',$1)'
define kiln_runcfg_rules
KILN_$1_RUNCFG := $(patsubst %.elf,%.cfg,$(KILN_$1_IMAGE))
$(patsubst %.elf,%.cfg,$(KILN_$1_IMAGE)): $2 $(KILN_DIR)/config.mk $(KILN_DIR)/run.vars \
		buildsys/template.sh
	$$(call kiln_step,CFG,$$@)
	$(Q)buildsys/template.sh $2 $$@ $(KILN_DIR)/run.vars TARGET=$1 \
		IMAGE=$$(call kiln_shq,$$(abspath $$(KILN_$1_IMAGE)))
endef
$(foreach t,$(KILN_TARGETS),$(if $(KILN_TARGET_$t_RUNCFG),\
	$(eval $(call kiln_runcfg_rules,$t,$(KILN_TARGET_$t_RUNCFG)))))

KILN_IMAGES := $(foreach t,$(KILN_TARGETS),$(KILN_$t_IMAGE) $(KILN_$t_RUNCFG))
KILN_ALL_OBJS := $(foreach t,$(KILN_TARGETS),$(KILN_$t_OBJS))

# Flag files and object lists, rewritten only on change; object folders made in one go.
ifeq ($(KILN_COUNTING),)
$(shell mkdir -p $(sort $(dir $(KILN_ALL_OBJS)) $(foreach t,$(KILN_TARGETS),$(KILN_DIR)/$t/flags)))
$(foreach t,$(KILN_TARGETS),$(foreach l,$(KILN_$t_LIBS),\
	$(call kiln_stage,$(call kiln_flags_file,$t,$l),$(KILN_FLAGS_$t_$l))))
$(foreach t,$(KILN_TARGETS),\
	$(call kiln_stage,$(KILN_DIR)/$t/objects.list,$(KILN_$t_OBJS) $(GUEST_LDFLAGS)))
$(kiln_sync_all)
endif

.PHONY: images
images: $(KILN_IMAGES)
	@:

-include $(KILN_ALL_OBJS:.o=.d)

# The number of steps this run will take, for the progress lines: a dry run of this same
# make, counting the steps it would print (after the files above are up to date).
ifeq ($(V)$(KILN_COUNTING),0)
KILN_TOTAL := $(shell MAKEFLAGS= $(MAKE) -n -f $(firstword $(MAKEFILE_LIST)) \
	KILN_COUNTING=1 KILN_DIR=$(KILN_DIR) V=0 $(MAKECMDGOALS) 2>/dev/null | grep -c kiln-progress)
endif
