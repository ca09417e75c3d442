/*
 * kiln why and kiln why-not: a value of a resolved profile explained as a chain of
 * reasons down to the user's decisions and the defaults; a value the profile cannot have
 * explained by a minimal core of decisions and constraints, with the smallest fixes.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

#define MAX_FIXES 3

static const struct cli_cmd why_cmd = {
	"kiln why [-p PROFILE] [-L DIR]... [--json] NAME",
	"Explains the value of a library, option or interface in a resolved profile: a\n"
	"chain of reasons, each naming its lib.json field, down to the profile's\n"
	"decisions and the catalog's defaults.\n"
	"  -p PROFILE  the profile (default: $KILN_PROFILE, else helloworld's first\n"
	"              profile in the kiln tree)\n"
	"  -L DIR      also read the libraries in DIR\n"
	"  --json      the chain as JSON\n",
	'p',
	1,
	"expected one NAME",
};
static const struct cli_cmd why_not_cmd = {
	"kiln why-not [-p PROFILE] [-L DIR]... [--json] NAME[=VALUE]",
	"Explains why NAME cannot take VALUE (default: on) under the profile's other\n"
	"decisions: a minimal set of your decisions and of the catalog's constraints\n"
	"that exclude it, as a chain, then the smallest changes that allow it.\n"
	"  -p PROFILE  the profile (default: $KILN_PROFILE, else helloworld's first\n"
	"              profile in the kiln tree)\n"
	"  -L DIR      also read the libraries in DIR\n"
	"  --json      the explanation and the fixes as JSON\n",
	'p',
	1,
	"expected one NAME or NAME=VALUE",
};

static void print_errors_of(struct cat_err *err)
{
	cli_print_errors(err);
	cat_err_free(err);
}

int cmd_why(int argc, char **argv)
{
	struct session s = { 0 };
	const char *given = NULL;
	int json = cli_flag(&argc, argv, "--json"), rc;
	struct cat_expl *e;
	struct cat_err err;
	char *profile, *head;

	if (cli_start(&s.env, argc, argv, &why_cmd, &given, &rc) < 0)
		return rc;
	profile = cli_default_profile(&s.env, given);
	rc = session_resolve(&s, profile);
	cat_err_init(&err);
	if (rc == KILN_OK && !(e = cat_explain_why(s.res, argv[optind], &err))) {
		rc = KILN_EUSER;
	} else if (rc == KILN_OK) {
		if (json) {
			out_json(e, NULL);
		} else if (asprintf(&head, "%s is %s", e->name, e->value) >= 0) {
			out_expl_text(e, head);
			free(head);
		}
		cat_expl_free(e);
	}
	print_errors_of(&err);
	free(profile);
	session_end(&s);
	return rc;
}

static void why_not_text(const struct cat_expl *e, const struct cat_fixes *f, const char *prof)
{
	char *head;

	if (e->possible) {
		printf("%s\n", e->summary);
	} else if (asprintf(&head, "%s cannot be %s", e->name, e->value) >= 0) {
		out_expl_text(e, head);
		out_core_text(e);
		free(head);
	}
	if (f)
		out_fixes_text(f, prof);
}

static int why_not(struct session *s, const char *arg, const char *prof, int json)
{
	char *name = strdup(arg), *eq = strchr(name, '=');
	struct cat_err err;
	struct cat_expl *e;
	struct cat_fixes *f = NULL;
	int rc = KILN_EUSER;

	if (eq)
		*eq++ = 0;
	cat_err_init(&err);
	e = cat_explain_why_not(s->solver, s->prof, name, eq, &err);
	if (e && (cat_find_lib(s->cat, name) >= 0 || cat_find_opt(s->cat, name) >= 0))
		f = cat_find_fixes(s->solver, s->prof, name, eq, MAX_FIXES, &err);
	if (e && json)
		out_json(e, f);
	else if (e)
		why_not_text(e, f, prof);
	rc = e ? KILN_OK : KILN_EUSER;
	cat_fixes_free(f);
	cat_expl_free(e);
	print_errors_of(&err);
	free(name);
	return rc;
}

int cmd_why_not(int argc, char **argv)
{
	struct session s = { 0 };
	const char *given = NULL;
	int json = cli_flag(&argc, argv, "--json"), rc;
	char *profile;

	if (cli_start(&s.env, argc, argv, &why_not_cmd, &given, &rc) < 0)
		return rc;
	profile = cli_default_profile(&s.env, given);
	rc = session_load(&s, profile);
	if (rc == KILN_OK)
		rc = why_not(&s, argv[optind], profile, json);
	free(profile);
	session_end(&s);
	return rc;
}
