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
 *   if (cat_solve(s, p, &r, &err) == 0) cat_write_config(r, "build/x", "build/x", &err);
 */
#ifndef KILN_CAT_H
#define KILN_CAT_H

#include <stddef.h>

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

enum cat_kind { CAT_LIBRARY, CAT_PLATFORM, CAT_APP };
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

struct cat_lib {
	char *name, *title, *category, *help, *version;
	enum cat_kind kind;
	char *platform; /* platform libraries: the platform they implement ("kvm") */
	char *dir;	/* folder: relative to the root, or absolute when outside it */
	char *file;	/* its lib.json, as named in messages */
	struct cat_cons cons;
	struct cat_strv provides, requires, default_for, platforms, includes, cflags;
	struct cat_src *srcs;
	size_t nsrcs;
	size_t opt_first, nopts; /* its options are cat_opt_at(opt_first .. opt_first+nopts-1) */
};

struct cat_catalog;

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
/* Index of a library / option by name, or -1. */
long cat_find_lib(const struct cat_catalog *cat, const char *name);
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

/* Parses an expression (the syntax of depends/conflicts/selects); for tests and fuzzers. */
struct cat_expr *cat_expr_parse(const char *text, int *err_col, char *msg, size_t msgsize);
void cat_expr_free(struct cat_expr *e);
/* Writes the expression back in canonical form (fully parenthesised). */
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
int cat_profile_set_lib(struct cat_profile *p, const char *name, int on);
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
 * Writes config.json, config.mk, config.h and config/<lib>.h into outdir (created as
 * needed). Each file is replaced atomically and only when its content changes. Paths in
 * config.mk are relative to the catalog's root when inside it, absolute otherwise.
 */
int cat_write_config(const struct cat_result *r, const char *outdir, struct cat_err *err);

#endif
