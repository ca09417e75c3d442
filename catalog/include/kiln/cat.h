/*
 * kiln catalog library: the public C API over lib.json catalogs, profiles and the resolver.
 *
 * One header for every client (the kiln tool, the menu, tests, fuzzers). Nothing here
 * prints: each call that can fail returns non-zero and appends one line per problem to a
 * struct cat_err. Structures declared here are read-only for clients; the library owns them.
 *
 * Typical use:
 *   struct cat_err err; cat_err_init(&err);
 *   struct cat_catalog *cat = cat_load(root, dirs, ndirs, &err);
 *   struct cat_profile *p = cat_profile_load("examples/helloworld/kvm.json", &err);
 *   struct cat_solver *s = cat_solver_new(cat, &err);
 *   struct cat_result *r;
 *   if (cat_solve(s, p, &r, &err) == 0) cat_write_config(r, "build/x", &err);
 */
#ifndef KILN_CAT_H
#define KILN_CAT_H

#include <stddef.h>
#include <stdint.h>

/* ---- errors ---------------------------------------------------------------------------- */

/* One problem: "file:line:col: msg" (line/col 0 when unknown, file NULL for "kiln: msg"). */
struct cat_diag {
	char *file;
	int line, col;
	char *msg;
};

struct cat_err {
	struct cat_diag *v;
	size_t n, cap;
};

void cat_err_init(struct cat_err *err);
void cat_err_free(struct cat_err *err);
void cat_err_clear(struct cat_err *err);
void cat_err_add(struct cat_err *err, const char *file, int line, int col, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));
/* Formats one diagnostic as a single line into buf (always NUL-terminated). */
void cat_diag_str(const struct cat_diag *d, char *buf, size_t size);

/* ---- catalog --------------------------------------------------------------------------- */

/* A test is an app that checks a library: profiles may name it as their app, the menu and
 * `kiln list` (without --all) leave it out. */
enum cat_kind { CAT_LIBRARY, CAT_PLATFORM, CAT_APP, CAT_TEST };

static inline int cat_kind_is_app(enum cat_kind k)
{
	return k == CAT_APP || k == CAT_TEST;
}
enum cat_type { CAT_BOOL, CAT_INT, CAT_HEX, CAT_STRING, CAT_CHOICE };

struct cat_expr; /* a parsed expression (private) */

/* A value of an option: bool and numbers in num, string and choice in str. */
struct cat_val {
	long long num;
	char *str;
};

struct cat_default {
	struct cat_expr *cond; /* NULL: always */
	char *cond_text;
	struct cat_val val;
};

/* Constraints, shared by libraries and bool options; text kept for display. */
struct cat_cons {
	struct cat_expr *depends, *conflicts, *selects; /* NULL when empty */
	char *depends_text, *conflicts_text, *selects_text;
};

struct cat_opt {
	char *name, *title, *help;
	enum cat_type type;
	size_t lib; /* index of the owning library */
	long long min, max;
	int has_min, has_max;
	char **values; /* choice values */
	size_t nvalues;
	struct cat_default *defs;
	size_t ndefs;
	struct cat_cons cons;
};

struct cat_src {
	struct cat_expr *cond; /* NULL: always */
	char *cond_text;
	char **files;
	size_t nfiles;
};

struct cat_strv {
	char **v;
	size_t n;
};

/* ---- platforms: targets as data (a platform library's lib.json) ---------------------- */

#define CAT_PLAT_NAME_MAX 31 /* platform and architecture names: [a-z][a-z0-9_]* */

/* An architecture a platform builds for, with the flags every object of the target gets. */
struct cat_arch {
	char *name;
	struct cat_strv cflags;
};

/* One word of a run command; words sharing a non-zero group are dropped together when one
 * of them expands to nothing (["-append", "@CMDLINE@"] without arguments). */
struct cat_run_word {
	char *text;
	int group;
};

/* An accelerator the run offers: auto takes the first whose device opens (and whose
 * "unless" path does not exist); args are added where the command says @ACCEL_ARGS@. */
struct cat_accel {
	char *name, *device, *unless;
	struct cat_strv args;
};

/* A token @NAME@ of a run description whose value is per machine ("machine_vars"). */
struct cat_machine_var {
	char *machine, *name, *value;
};

enum cat_status {
	CAT_STATUS_EXIT,       /* the runner's exit status is the run's (0-125 app, 255 crash) */
	CAT_STATUS_DEBUG_EXIT, /* QEMU's isa-debug-exit: (v << 1) | 1, v = status + 1, 127 crash */
};

/* How an image runs. Tokens in words: @IMAGE@ @CONFIG@ @DIR@ @MACHINE@ @ACCEL@
 * @ACCEL_ARGS@ @MEM@ @CMDLINE@ (the app's arguments as one kernel command line) and
 * @ARGS@ (the app's arguments, one word each). */
struct cat_run {
	struct cat_run_word *words;
	size_t nwords;
	char *command_env; /* an environment variable that replaces the program, or NULL */
	enum cat_status status;
	struct cat_strv machines; /* the first is the default */
	struct cat_accel *accels; /* in auto's order of preference */
	size_t naccels;
	char *memory; /* default for @MEM@ */
	/* "network": the words @NET_ARGS@ spreads into for `kiln run -p HOST:GUEST` (user
	 * words, with @PORTS@ the port template once per mapping, @HOST@ and @GUEST@ filled)
	 * or `--net tap:NAME` (tap words, @TAP@ the name); none when the platform has no
	 * network. */
	struct cat_run_word *net_user, *net_tap;
	size_t nnet_user, nnet_tap;
	char *net_port;
	/* "machine_vars": tokens whose value depends on the machine chosen. */
	struct cat_machine_var *mvars;
	size_t nmvars;
};

struct cat_platform {
	struct cat_arch *archs;
	size_t narchs;
	char *linker_script; /* in the library folder; a .S is preprocessed with its config */
	char *run_config;    /* a template filled into <app>.<target>.cfg, or NULL */
	struct cat_run *run; /* NULL: kiln cannot run its images */
};

/* Host headers a library compiles against (Xen's public headers from libxen-dev): path
 * under /usr/include, seen by the library as the folder named as. */
struct cat_syshdr {
	char *path, *as, *package;
};

/* Third-party source from a host archive (Debian's newlib-source puts newlib's tarball in
 * /usr/src/newlib/): path under /usr/src, its sha256, and the sources, include folders and
 * flags inside the unpacked tree (the archive's one top folder removed); overlay, a folder of
 * the library copied over the tree (files a configure would generate), or NULL. The Make
 * backend unpacks it into build/_sources/ and compiles it there, shared by every profile;
 * configured sources compile like the library's own (config header, what it sees), per
 * profile. */
struct cat_archive {
	char *path, *package, *sha256, *overlay;
	int configured;
	struct cat_src *srcs;
	size_t nsrcs;
	struct cat_strv includes, cflags;
};

struct cat_lib {
	char *name, *title, *category, *help, *version;
	enum cat_kind kind;
	char *platform;		   /* platform libraries: the platform they implement */
	struct cat_platform *plat; /* platform libraries: their target data */
	char *dir;		   /* folder: relative to the root, or absolute when outside it */
	char *file;		   /* its lib.json, as named in messages */
	struct cat_cons cons;
	struct cat_strv provides, requires, default_for, platforms, includes, cflags;
	struct cat_src *srcs;
	size_t nsrcs;
	struct cat_syshdr *syshdrs;
	size_t nsyshdrs;
	struct cat_archive *archive; /* NULL: all its code is in its folder */
	size_t opt_first, nopts; /* its options are cat_opt_at(opt_first .. opt_first+nopts-1) */
};

struct cat_catalog;

/* ---- where the tree and the libraries are ------------------------------------------- */

/*
 * The kiln tree (a folder with kernel-libs/, plat/ and examples/), absolute, caller frees:
 * given when not NULL, else KILN_ROOT (both must be a tree), else the first tree at or
 * above the current folder, else at or above the running binary. NULL with err filled.
 */
char *cat_find_root(const char *given, struct cat_err *err);
int cat_is_root(const char *dir);
/* The profile opened when none is named: helloworld's first (by name); caller frees. */
char *cat_default_profile(const char *root, struct cat_err *err);
/* Appends dir, made absolute, to dirs; what names it in errors ("-L folder"). */
int cat_add_libdir(struct cat_strv *dirs, const char *dir, const char *what, struct cat_err *err);
/* Appends KILN_LIBPATH's folders (':'-separated, empty parts skipped), made absolute. */
int cat_libpath(struct cat_strv *dirs, struct cat_err *err);
void cat_strv_free(struct cat_strv *sv);
/* Appends a copy of word (the library aborts when memory runs out, as everywhere). */
void cat_add_word(struct cat_strv *sv, const char *word);
/* A path of A-Z a-z 0-9 . _ - + / and bytes from 0x80 (UTF-8) only: what Make can name. */
int cat_path_portable(const char *path);
/* A path Make can carry for folder real (absolute), which is not one: a link kiln makes
 * under <root>/build/.kiln-paths/ (catalog/src/alias.c); NULL when it cannot (said). */
char *cat_path_alias(const char *root, const char *real, struct cat_err *err);

/*
 * Scans root/kernel-libs, root/plat, root/examples and each of dirs (a folder of libraries,
 * or one library folder) for lib.json files, then validates the whole catalog. On any
 * problem returns NULL and fills err with every problem found.
 */
struct cat_catalog *cat_load(const char *root, const char *const *dirs, size_t ndirs,
			     struct cat_err *err);
void cat_free(struct cat_catalog *cat);

/*
 * The pieces of cat_load, callable on buffers (tests and fuzzers): start an empty catalog,
 * add lib.json texts (file names messages; dir is the library folder), then finish.
 */
struct cat_catalog *cat_new(const char *root);
int cat_add_buffer(struct cat_catalog *cat, const char *buf, size_t len, const char *file,
		   const char *dir, struct cat_err *err);
int cat_finish(struct cat_catalog *cat, struct cat_err *err);

const char *cat_root(const struct cat_catalog *cat);
size_t cat_nlibs(const struct cat_catalog *cat);
size_t cat_nopts(const struct cat_catalog *cat);
const struct cat_lib *cat_lib_at(const struct cat_catalog *cat, size_t i); /* sorted by name */
const struct cat_opt *cat_opt_at(const struct cat_catalog *cat, size_t i);
/* NULL when s may name a library (or interface), else the rule it breaks, for messages. */
const char *cat_lib_name_rule(const char *s);
/* Index of a library / option by name, or -1. */
long cat_find_lib(const struct cat_catalog *cat, const char *name);
/* The library that hands the kernel command line to the app as argv: a profile's args (and
 * kiln run's) need it on, else they are refused rather than dropped. */
#define CAT_ARGS_LIB "argparse"
long cat_find_opt(const struct cat_catalog *cat, const char *name);
/* Libraries ordered by category then name; returns the count written to idx (size nlibs). */
size_t cat_libs_by_category(const struct cat_catalog *cat, size_t *idx);
/*
 * Case-insensitive search over names, titles and help. Writes matching library indices to
 * libs and option indices to opts (each sized for the whole catalog); returns total matches.
 */
size_t cat_search(const struct cat_catalog *cat, const char *query, size_t *libs, size_t *nlibs,
		  size_t *opts, size_t *nopts);
/* The catalog name closest to name (edit distance), or NULL when nothing is close. */
const char *cat_suggest(const struct cat_catalog *cat, const char *name);

/* Splits "<platform>-<arch>" at its first dash; -1 unless both are valid names. */
int cat_target_split(const char *target, char *plat, size_t pn, char *arch, size_t an);
/* The platform library that builds target (its platform exists and offers the arch), or -1. */
long cat_target_lib(const struct cat_catalog *cat, const char *target);
const struct cat_arch *cat_plat_arch(const struct cat_lib *l, const char *arch);

/* Parses an expression (the syntax of depends/conflicts/selects); for tests and fuzzers. */
struct cat_expr *cat_expr_parse(const char *text, int *err_col, char *msg, size_t msgsize);
void cat_expr_free(struct cat_expr *e);
/* Writes the expression back in canonical form (parentheses only where needed). */
void cat_expr_str(const struct cat_expr *e, char *buf, size_t size);

/* ---- profiles ---------------------------------------------------------------------------- */

enum cat_dec_kind { CAT_DEC_APP, CAT_DEC_TARGETS, CAT_DEC_LIB, CAT_DEC_OPT };
enum cat_jtype { CAT_J_BOOL, CAT_J_INT, CAT_J_STR };

/* One decision of the user: a library on/off or an option's value. */
struct cat_decision {
	enum cat_dec_kind kind;
	char *name;
	enum cat_jtype jtype; /* as written in the profile */
	struct cat_val val;   /* bool/int in num, strings in str */
	int line, col;	      /* where the profile says it, 0 when set through the API */
};

struct cat_profile {
	char *file; /* as named in messages, NULL when built in memory */
	char *name; /* NULL: <app>-<base name of file> */
	char *app;
	char *app_dir; /* out-of-tree app folder (app given as a path), absolute */
	char **targets;
	size_t ntargets;
	struct cat_decision *decs; /* libraries and options, in file order */
	size_t ndecs;
	char **args;
	size_t nargs;
	int catalog; /* catalog format the profile was made against */
	/* where the profile says app and targets, 0 when set through the API */
	int app_line, app_col, targets_line, targets_col;
};

struct cat_profile *cat_profile_load(const char *path, struct cat_err *err);
struct cat_profile *cat_profile_parse(const char *buf, size_t len, const char *file,
				      struct cat_err *err);
struct cat_profile *cat_profile_new(const char *app, const char *target);
void cat_profile_free(struct cat_profile *p);
/* Checks names, types and ranges against a catalog (unknown names get a suggestion). */
int cat_profile_check(const struct cat_profile *p, const struct cat_catalog *cat,
		      struct cat_err *err);
/* The folder name under build/: name, or <app>-<profile base name>. Caller frees. */
char *cat_profile_outname(const struct cat_profile *p);
/* The folder name a profile without "name" saved as file would get: <app>-<base name>,
 * where an out-of-tree app counts by its folder's name. Caller frees. */
char *cat_profile_default_name(const struct cat_profile *p, const char *file);
/* Sets (NULL: removes) "name"; -1, changing nothing, when it cannot name a folder. */
int cat_profile_set_name(struct cat_profile *p, const char *name);
int cat_profile_set_lib(struct cat_profile *p, const char *name, int on);
/*
 * Sets the app: a library name (app_dir NULL), or an out-of-tree app folder, given as an
 * absolute app_dir (app is then what the profile will say; NULL: the folder relative to
 * the profile's own folder, so the two travel together).
 * Returns -1, changing nothing, for a name that cannot be an app.
 */
int cat_profile_set_app(struct cat_profile *p, const char *app, const char *app_dir);
/* Replaces the targets with n of them, copied; -1 (nothing changed) when n is 0, a name is
 * not <platform>-<arch>, or one is there twice. */
int cat_profile_set_targets(struct cat_profile *p, const char *const *targets, size_t n);
/* Sets an option from text as a user would type it ("y", "42", "0x1000", "debug"). */
int cat_profile_set_opt(struct cat_profile *p, const struct cat_catalog *cat, const char *name,
			const char *text, struct cat_err *err);
/* Forgets the user's decision on a library or option; returns 0 when there was one. */
int cat_profile_unset(struct cat_profile *p, const char *name);
const struct cat_decision *cat_profile_find(const struct cat_profile *p, const char *name);
/* Writes the profile as JSON (atomically). */
int cat_profile_save(const struct cat_profile *p, const char *path, struct cat_err *err);

/* ---- resolver ---------------------------------------------------------------------------- */

enum cat_prov {
	CAT_PROV_USER,	   /* the profile says so */
	CAT_PROV_DEFAULT,  /* the catalog's default (libraries: off unless needed) */
	CAT_PROV_FORCED,   /* a constraint leaves no other choice */
	CAT_PROV_INACTIVE, /* option whose library is off or whose depends does not hold */
};

/* Where a forced value comes from: a constraint of a library or option. */
struct cat_origin {
	const char *subject; /* library or option name, or "profile" */
	const char *field;   /* "depends", "selects", "requires", "provides", "platforms", ... */
	const char *file;    /* the lib.json or profile that holds it */
};

/* The resolved value of one library (on = value) or option. */
struct cat_setting {
	int on;		    /* library on / option active (bool options: on = value) */
	struct cat_val val; /* options only */
	enum cat_prov prov;
	struct cat_origin origin; /* for forced and user values */
	long decision;		  /* user values: index into the profile's decisions, or -1 */
};

/* One step of an explanation chain: depth 0 is the thing asked about. */
struct cat_why {
	int depth;
	const char *name;
	char value[64];
	enum cat_prov prov;
	struct cat_origin origin;
};

struct cat_solver;
struct cat_result;

/* Encodes the catalog once; keep it to resolve many profiles (toggle, resolve, repeat). */
struct cat_solver *cat_solver_new(const struct cat_catalog *cat, struct cat_err *err);
void cat_solver_free(struct cat_solver *s);
/* Solver size, for benchmarks: variables and clauses. */
void cat_solver_stats(const struct cat_solver *s, size_t *nvars, size_t *nclauses);

/*
 * Resolves a profile. Returns 0 with *out set; 1 when the profile is invalid or its
 * decisions cannot all hold (err names the decisions in conflict, *out NULL).
 */
int cat_solve(struct cat_solver *s, const struct cat_profile *p, struct cat_result **out,
	      struct cat_err *err);
void cat_result_free(struct cat_result *r);
const struct cat_setting *cat_result_lib(const struct cat_result *r, size_t lib);
const struct cat_setting *cat_result_opt(const struct cat_result *r, size_t opt);
const struct cat_catalog *cat_result_catalog(const struct cat_result *r);
const struct cat_profile *cat_result_profile(const struct cat_result *r);
/* Formats a setting's value ("y", "n", "42", "0x1000", "\"text\"") into buf. */
void cat_value_str(const struct cat_result *r, long lib, long opt, char *buf, size_t size);
const char *cat_prov_name(enum cat_prov p);
/*
 * The provenance chain of a library or option: fills up to max steps and returns how many
 * there are (or -1 for an unknown name).
 */
long cat_result_why(const struct cat_result *r, const char *name, struct cat_why *steps,
		    size_t max);

/*
 * Writes config.json, config.h and config/<lib>.h into outdir (created as needed). Each
 * file is replaced atomically and only when its content changes. (A build backend writes
 * its own files beside them: buildsys/ writes config.mk.)
 */
int cat_write_config(const struct cat_result *r, const char *outdir, struct cat_err *err);
/* 0 when cat_write_config may write into outdir (absent, empty, or holding only files kiln
 * wrote); else -1 with the reason. Writes nothing: call it before putting anything there.
 * A folder with kiln's lock passes: the writer checks it again under the lock. */
int cat_check_outdir(const char *outdir, struct cat_err *err);
/* Replaces path's content with text, atomically, unless it already holds exactly that. */
int cat_write_file(const char *path, const char *text, struct cat_err *err);
/* Removes from dir the temporary files (NAME.tmpPID) cat_write_file left when its process
 * was killed; those of a live process stay. */
void cat_remove_dead_tmp(const char *dir);
/* Files written under one folder with a record of them (DIR/.kiln-sums: hash, size and
 * mtime of each), so that a file unchanged since is not read back to be compared. Open,
 * write each file (cat_write_file's contract, path under dir), then close: the record is
 * kept when ok and every write went well, else removed. by_folder: files whose content no
 * build reads (symbol stamps): while the folder's mtime is the one recorded, a file with
 * the recorded text is kept without a stat of its own. */
struct cat_sums;
struct cat_sums *cat_sums_open(const char *dir, int by_folder);
int cat_sums_write(struct cat_sums *u, const char *path, const char *text, struct cat_err *err);
void cat_sums_close(struct cat_sums *u, int ok);
/* The app library that is on, or -1. */
long cat_result_app(const struct cat_result *r);
/* The libraries lib may see (headers and options): itself, the libraries its depends and
 * selects name (its options' too), the provider that is on of each interface it requires,
 * and what those name in turn. sees (one byte per library) gets 1 for each that is on. */
void cat_result_sees(const struct cat_result *r, size_t lib, unsigned char *sees);
/* The libraries that are on and that lib names itself (n of them, perhaps twice): what
 * it sees is itself and what each of these sees. */
const uint32_t *cat_result_named(const struct cat_result *r, size_t lib, size_t *n);
/* Appends a library's sources, conditions applied, as paths under the catalog root (or
 * absolute for a library outside it), sorted. */
void cat_result_sources(const struct cat_result *r, size_t lib, struct cat_strv *out);
/* Appends the sources of a library's archive, conditions applied, as paths inside the
 * unpacked tree, sorted (nothing when it has no archive). */
void cat_result_archive_sources(const struct cat_result *r, size_t lib, struct cat_strv *out);

/* ---- explanations ---------------------------------------------------------------------- *
 *
 * NEW (issue 4), for the menu's panes and the kiln tool:
 *   cat_explain_why       "why is X on / off": a chain from X back to the user's decisions
 *                         and the defaults, each link naming its constraint
 *   cat_explain_why_not   "why can't Y be on": a minimal set of the user's decisions and
 *                         catalog constraints that exclude Y, worded as a chain
 *   cat_find_fixes        "smallest fixes": up to max minimal sets of changes to the user's
 *                         decisions that let Y have the value, smallest first
 *   cat_fix_apply         "apply fix": one of them (plus the wish) applied to a profile
 *   cat_profile_save_checked  the validity gate: saves a profile only when it resolves
 *   cat_check             catalog checks: dead and constant options, constraints that can
 *                         never hold, interfaces without a provider on a platform
 * For the menu: tm_why -> cat_explain_why (steps[i].text, premises first, or summary);
 * tm_why_not -> cat_explain_why_not; tm_fixes -> cat_find_fixes (v[i].text) and
 * cat_fix_apply; saving -> cat_profile_save_checked. Wishes name a library, option or
 * interface; the app and the targets are not wishes (fixes may change them).
 * Each returns a structure the caller frees with its _free; nothing prints. The names and
 * files inside point into the catalog (keep it alive); everything else is owned by the
 * structure. Values are given as a user types them: "y", "n", "debug", "42", "0x1000".
 */

/* A constraint of the catalog as an explanation names it. */
struct cat_cref {
	const char *subject; /* the library, option or interface it belongs to */
	const char *field;   /* "depends", "conflicts", "selects", "requires", "platforms",
				"provides", "one provider", "option of", "values", "default",
				"default provider", "off unless needed" */
	const char *expr;    /* the expression or list as written in lib.json, or NULL */
	const char *file;    /* the lib.json that holds it, NULL for an interface */
	int line, col;	     /* where the field is in that file, 0 when unknown */
};

enum cat_step_kind {
	CAT_STEP_DECISION, /* one of the user's decisions in the profile */
	CAT_STEP_WISH,	   /* the value asked for (why not) */
	CAT_STEP_DEFAULT,  /* a default the resolver kept */
	CAT_STEP_IMPLIED,  /* a constraint leaves no other choice */
	CAT_STEP_CONFLICT, /* why not: the constraint that rules the wish out (the last step) */
};

#define CAT_STEP_PREMISES 8

/* One link of a chain, e.g. "hello depends on printk, so printk is on". */
struct cat_step {
	enum cat_step_kind kind;
	const char *name;   /* the library, option or interface it settles */
	char *value;	    /* "on", "off", "\"debug\"", "not \"warn\"", "600", "unavailable" */
	struct cat_cref by; /* DEFAULT, IMPLIED, CONFLICT: the constraint (subject NULL else) */
	enum cat_dec_kind dec_kind; /* DECISION, WISH: app, targets, library or option */
	long decision;		    /* ... its index in the profile's decisions, -1 app/targets */
	const char *file;	    /* ... the profile, and where it says so (0: unknown) */
	int line, col;
	char *reason; /* the reason alone: "hello depends on printk", "you chose the app hello" */
	char *text;   /* the whole link: "hello depends on printk, so printk is on" */
	size_t premises[CAT_STEP_PREMISES]; /* the earlier steps it follows from */
	size_t npremises;
	int depth; /* 0 for the conclusion, its premises 1, theirs 2, ... (for indentation) */
};

/* An explanation: steps ordered premises first, the conclusion last. */
struct cat_expl {
	const char *name; /* what was asked about */
	char *value;	  /* why: its value; why not: the value wanted */
	char *profile;	  /* the profile's file name (steps' file points here), or NULL */
	int possible;	  /* why not: 1 when nothing rules the value out (no steps) */
	char *summary;	  /* the chain in one sentence ("...; so uksched is on") */
	struct cat_step *steps;
	size_t nsteps;
	/* why not and refused profiles: the minimal core, decisions then constraints */
	struct cat_step *core_decs; /* kind DECISION */
	size_t ncore_decs;
	struct cat_cref *core;
	size_t ncore;
};

/* Why name (library, option or interface) has its value in r; NULL for an unknown name. */
struct cat_expl *cat_explain_why(const struct cat_result *r, const char *name, struct cat_err *err);
/*
 * Why name cannot take value under p's other decisions (value NULL: on / y). The wish
 * replaces p's own decision on name, if any. NULL on bad input (err says why); else
 * possible = 1, or the minimal core and its chain. name NULL explains why p's own
 * decisions cannot all hold (what cat_solve reports).
 */
struct cat_expl *cat_explain_why_not(struct cat_solver *s, const struct cat_profile *p,
				     const char *name, const char *value, struct cat_err *err);
void cat_expl_free(struct cat_expl *e);

enum cat_change_kind {
	CAT_CHANGE_FORGET,  /* drop a decision on a library or option: the resolver decides */
	CAT_CHANGE_APP,	    /* another app */
	CAT_CHANGE_TARGETS, /* other targets */
};

struct cat_change {
	enum cat_change_kind kind;
	const char *name; /* FORGET: the library or option; else "app" / "targets" */
	long decision;	  /* FORGET: its index in the profile's decisions, else -1 */
	char *before;	  /* as the profile has it: "true", "\"warn\"", "hello", "kvm-x86_64" */
	char *after;	  /* what it becomes with the fix: "off", "\"info\"", "xen-x86_64" */
	char *text;	  /* "forget libraries.exclusive: true (exclusive becomes off)" */
	char **targets;	  /* TARGETS: the new list */
	size_t ntargets;
};

struct cat_fix {
	struct cat_change *changes;
	size_t nchanges;
	char *text; /* the changes in one line, "; " between them */
};

struct cat_fixes {
	const char *name; /* the wish: name = value */
	char *value;	  /* as shown ("on", "\"debug\"") */
	char *typed;	  /* as given (what cat_fix_apply sets) */
	int possible;	  /* 1: the wish needs no other change (n = 0) */
	struct cat_fix *v;
	size_t n;
};

/*
 * The smallest sets of changes to p's decisions that let name take value (NULL: on / y):
 * at most max of them, each minimal (no change in it can be left out), fewest changes
 * first; each checked by resolving. NULL on bad input.
 */
struct cat_fixes *cat_find_fixes(struct cat_solver *s, const struct cat_profile *p,
				 const char *name, const char *value, size_t max,
				 struct cat_err *err);
void cat_fixes_free(struct cat_fixes *f);
/* Applies fix i (or only the wish when f->possible) and the wish to p. */
int cat_fix_apply(const struct cat_fixes *f, size_t i, struct cat_profile *p,
		  const struct cat_catalog *cat, struct cat_err *err);

/* Saves p only when it resolves on s (else err holds the minimal core; nothing written). */
int cat_profile_save_checked(const struct cat_profile *p, struct cat_solver *s, const char *path,
			     struct cat_err *err);
/* The profile as cat_profile_save writes it (caller frees). */
char *cat_profile_text(const struct cat_profile *p);

enum cat_issue_kind {
	CAT_ISSUE_NO_PROFILE,  /* no profile at all can resolve */
	CAT_ISSUE_DEAD,	       /* a library, option or choice value no profile can enable */
	CAT_ISSUE_CONSTANT,    /* an option whose value no profile can change */
	CAT_ISSUE_NEVER_HOLDS, /* a depends / selects / requires that can never hold, a
				  conflicts that always holds (or never does: it is idle) */
	CAT_ISSUE_NO_PROVIDER, /* an interface some library requires on a platform where no
				  provider runs */
};

struct cat_issue {
	enum cat_issue_kind kind;
	const char *subject; /* library, option or interface */
	struct cat_cref at;  /* the field at fault (file, line, col) */
	char *text;	     /* "GEN_X can never be on" */
	char *why;	     /* the chain that shows it, or NULL */
};

struct cat_check {
	struct cat_issue *v;
	size_t n;
	size_t sat_calls; /* work done, for benchmarks */
};

/* Runs every catalog check; the issues found are in the result (n = 0: clean). */
struct cat_check *cat_check(struct cat_solver *s);
void cat_check_free(struct cat_check *c);

/* ---- generated configurations --------------------------------------------------------- *
 *
 * Configurations as tests: profiles made by machine rather than by hand, each
 * valid by construction. Every decision is tried on its own and kept only when the profile
 * still resolves, so what comes out always resolves (save it with
 * cat_profile_save_checked all the same).
 */
enum cat_gen_mode {
	CAT_GEN_ALL_YES, /* every library, then every bool option, turned on where it can be */
	CAT_GEN_ALL_NO,	 /* every library off, then every bool option that is on turned off */
	CAT_GEN_RANDOM,	 /* seeded choices for libraries, then for the options of those on */
};

/*
 * A profile of app (a catalog name) on targets, generated by mode (seed: CAT_GEN_RANDOM
 * only; the same seed on the same catalog gives the same profile). Libraries are tried
 * in name order and options in catalog order. NULL (err says why) when app and targets
 * alone do not resolve.
 */
struct cat_profile *cat_genconfig(struct cat_solver *s, const struct cat_catalog *cat,
				  const char *app, const char *const *targets, size_t ntargets,
				  enum cat_gen_mode mode, unsigned long long seed,
				  struct cat_err *err);

#endif
