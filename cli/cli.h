/*
 * The kiln command-line tool: shared pieces of its subcommands (finding the repository
 * root, loading the catalog and profile with errors printed, option parsing).
 */
#ifndef KILN_CLI_H
#define KILN_CLI_H

#include <kiln/build.h>
#include <kiln/cat.h>

/* Exit codes: 0 done, 1 the user's input is wrong, 2 the command line is wrong. */
enum { KILN_OK = 0, KILN_EUSER = 1, KILN_EUSAGE = 2 };

/* What every catalog-reading subcommand accepts: -L DIR (repeatable). */
struct cli_env {
	char *root;	      /* absolute */
	struct cat_strv dirs; /* absolute: KILN_LIBPATH's, then -L's, then an app's */
};

int cli_setup(struct cli_env *env, const char *prog);
int cli_add_dir(struct cli_env *env, const char *dir);
void cli_done(struct cli_env *env);
/* Loads the catalog (plus an out-of-tree app folder when given); prints errors. */
struct cat_catalog *cli_catalog(struct cli_env *env, const char *app_dir);
/* Gives back a catalog as its command ends: freed under the sanitizers only (common.c). */
void cli_catalog_end(struct cat_catalog *cat);
struct cat_profile *cli_profile(const char *path);
void cli_print_errors(const struct cat_err *err);
/* The whole help on stdout (full, returns 0) or the usage line on stderr (returns 2). */
int cli_help(const char *usage, const char *help, int full);
int cli_usage(const char *usage, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* How a subcommand reads its command line: -L DIR plus at most one option of its own. */
struct cli_cmd {
	const char *usage, *help;
	char opt;	  /* its own option letter (taking a value), or 0 */
	int nargs;	  /* positional arguments it needs */
	const char *what; /* "expected one PROFILE" */
};

/*
 * Handles --help, finds the tree, reads -L and the command's option (into *val); the
 * positional arguments start at optind. Returns -1 when the command is to stop with *rc.
 */
int cli_start(struct cli_env *env, int argc, char **argv, const struct cli_cmd *c, const char **val,
	      int *rc);

/* Everything a resolve holds, freed together by session_end. */
struct session {
	struct cli_env env;
	struct cat_profile *prof;
	struct cat_catalog *cat;
	struct cat_solver *solver;
	struct cat_result *res;
};

void session_end(struct session *s);
/* Loads profile, catalog and solver (errors printed); session_resolve also resolves. */
int session_load(struct session *s, const char *profile);
int session_resolve(struct session *s, const char *profile);
/* Removes every flag (such as "--json") from argv; 1 when it was there. */
int cli_flag(int *argc, char **argv, const char *flag);
char *cli_default_profile(const struct cli_env *env, const char *given);

int cmd_new(int argc, char **argv);
int cmd_list(int argc, char **argv);
int cmd_show(int argc, char **argv);
int cmd_resolve(int argc, char **argv);
int cmd_why(int argc, char **argv);
int cmd_why_not(int argc, char **argv);
int cmd_fix(int argc, char **argv);
int cmd_check(int argc, char **argv);
int cmd_menu(int argc, char **argv);
int cmd_genconfig(int argc, char **argv);
int cmd_build(int argc, char **argv);
int cmd_run(int argc, char **argv);
/* build's and run's command line (cli/build.c); -1 on a bad one (said). */
int cli_drive_parse(const char *cmd, int argc, char **argv, struct drv_opts *o, int *help);

/* out.c: explanations, fixes and checks as text or JSON (stdout). */
void out_expl_text(const struct cat_expl *e, const char *heading);
void out_core_text(const struct cat_expl *e);
void out_fixes_text(const struct cat_fixes *f, const char *profile);
void out_json(const struct cat_expl *e, const struct cat_fixes *f);
void out_check(const struct cat_check *c, int json);

#endif
