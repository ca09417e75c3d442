/*
 * How a platform's guests get a network under `kiln run` (catalog/README.md): the run
 * description's "network" object holds the words @NET_ARGS@ stands for when ports are
 * mapped ("user", with "port" repeated into @PORTS@ once per HOST:GUEST) or a tap device
 * is named ("tap"), and "machine_vars" gives tokens a value per machine (which network
 * device a machine takes, say). Data only: nothing here knows a runner.
 */
#include <string.h>

#include "lctx.h"

static int var_name_ok(const char *s)
{
	static const char *const builtin[] = { "IMAGE",	 "CONFIG",     "DIR",	"MACHINE",
					       "ACCEL",	 "ACCEL_ARGS", "MEM",	"CMDLINE",
					       "ARGS",	 "NET_ARGS",   "PORTS", "HOST",
					       "INITRD", "GUEST",      "TAP",	NULL };

	if (*s < 'A' || *s > 'Z')
		return 0;
	for (const char *p = s; *p; p++)
		if (!((*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') || *p == '_'))
			return 0;
	for (size_t i = 0; builtin[i]; i++)
		if (!strcmp(s, builtin[i]))
			return 0;
	return 1;
}

static void add_var(struct lctx *c, struct cat_run *r, const char *machine, const char *name,
		    json_t *v)
{
	lc_push_key(c, name);
	if (!var_name_ok(name))
		lc_err(c, 1, "\"%s\" cannot name a token ([A-Z][A-Z0-9_]*, not a built-in one)",
		       name);
	else if (!json_is_string(v) || !str_is_clean(json_string_value(v)))
		lc_err(c, 0, "expected a string");
	else {
		r->mvars = xrealloc(r->mvars, (r->nmvars + 1) * sizeof(*r->mvars));
		r->mvars[r->nmvars++] = (struct cat_machine_var){ xstrdup(machine), xstrdup(name),
								  xstrdup(json_string_value(v)) };
	}
	lc_pop(c);
}

static int is_machine(const struct cat_run *r, const char *m)
{
	for (size_t i = 0; i < r->machines.n; i++)
		if (!strcmp(r->machines.v[i], m))
			return 1;
	return 0;
}

static void parse_mvars(struct lctx *c, json_t *j, struct cat_run *r)
{
	const char *machine, *name;
	json_t *vars, *v;

	lc_push_key(c, "machine_vars");
	if (!json_is_object(j))
		lc_err(c, 0, "expected { \"<machine>\": { \"NAME\": \"value\" } }");
	json_object_foreach(json_is_object(j) ? j : NULL, machine, vars)
	{
		lc_push_key(c, machine);
		if (!is_machine(r, machine))
			lc_err(c, 1, "\"%s\" is not one of the machines", machine);
		else if (!json_is_object(vars))
			lc_err(c, 0, "expected { \"NAME\": \"value\" }");
		else
			json_object_foreach(vars, name, v) add_var(c, r, machine, name, v);
		lc_pop(c);
	}
	lc_pop(c);
}

void plat_parse_network(struct lctx *c, json_t *run, struct cat_run *r)
{
	static const char *const keys[] = { "user", "port", "tap", NULL };
	json_t *j = json_object_get(run, "network");

	if (json_object_get(run, "machine_vars"))
		parse_mvars(c, json_object_get(run, "machine_vars"), r);
	if (!j)
		return;
	lc_push_key(c, "network");
	if (!json_is_object(j)) {
		lc_err(c, 0, "expected { \"user\": [...], \"port\": \"...\", \"tap\": [...] }");
		lc_pop(c);
		return;
	}
	lc_check_keys(c, j, keys);
	if (json_object_get(j, "user"))
		plat_parse_words(c, json_object_get(j, "user"), "user", &r->net_user,
				 &r->nnet_user);
	if (json_object_get(j, "tap"))
		plat_parse_words(c, json_object_get(j, "tap"), "tap", &r->net_tap, &r->nnet_tap);
	if (lc_str(c, j, "port", 0, &r->net_port) == 0 && r->net_port &&
	    (!strstr(r->net_port, "@HOST@") || !strstr(r->net_port, "@GUEST@"))) {
		lc_push_key(c, "port");
		lc_err(c, 0, "the port template must hold @HOST@ and @GUEST@");
		lc_pop(c);
	}
	if (r->nnet_user && !r->net_port)
		lc_err(c, 0, "\"user\" words need a \"port\" template for @PORTS@");
	lc_pop(c);
}

static void words_free(struct cat_run_word *w, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(w[i].text);
	free(w);
}

void plat_network_free(struct cat_run *r)
{
	words_free(r->net_user, r->nnet_user);
	words_free(r->net_tap, r->nnet_tap);
	free(r->net_port);
	for (size_t i = 0; i < r->nmvars; i++) {
		free(r->mvars[i].machine);
		free(r->mvars[i].name);
		free(r->mvars[i].value);
	}
	free(r->mvars);
}
