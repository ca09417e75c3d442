/*
 * Targets as data: what a platform library's lib.json tells the host about it, and the
 * one place that reads a target string "<platform>-<arch>".
 *
 * A platform library names its architectures (with the compiler and linker flags every
 * object of that target gets), its linker script, an optional run configuration
 * template, and how an image runs (the run description the build driver fills in: the
 * command, how the exit status comes back, the machines and accelerators offered, and
 * how a guest gets a network: runnet.c). No
 * host code names a platform or an architecture: a new platform is one folder.
 */
#include <string.h>

#include "lctx.h"

static const char *const plat_keys[] = { "arch", "linker_script", "run_config", "run", NULL };

int name_is_plat(const char *s)
{
	size_t n = 0;

	if (!s || *s < 'a' || *s > 'z')
		return 0;
	for (; *s; s++, n++)
		if (!(*s >= 'a' && *s <= 'z') && !(*s >= '0' && *s <= '9') && *s != '_')
			return 0;
	return n <= CAT_PLAT_NAME_MAX;
}

const char *name_plat_rule(void)
{
	return "[a-z][a-z0-9_]*, at most 31 characters: a target is <platform>-<arch>";
}

int cat_target_split(const char *target, char *plat, size_t pn, char *arch, size_t an)
{
	const char *dash = strchr(target, '-');
	size_t n = dash ? (size_t)(dash - target) : 0;

	if (!dash || n >= pn || strlen(dash + 1) >= an)
		return -1;
	memcpy(plat, target, n);
	plat[n] = '\0';
	strcpy(arch, dash + 1);
	return name_is_plat(plat) && name_is_plat(arch) ? 0 : -1;
}

const struct cat_arch *cat_plat_arch(const struct cat_lib *l, const char *arch)
{
	for (size_t i = 0; l->plat && i < l->plat->narchs; i++)
		if (!strcmp(l->plat->archs[i].name, arch))
			return &l->plat->archs[i];
	return NULL;
}

long cat_target_lib(const struct cat_catalog *cat, const char *target)
{
	char plat[CAT_PLAT_NAME_MAX + 1], arch[CAT_PLAT_NAME_MAX + 1];

	if (cat_target_split(target, plat, sizeof(plat), arch, sizeof(arch)) < 0)
		return -1;
	for (size_t i = 0; i < cat->nlibs; i++) {
		const struct cat_lib *l = &cat->libs[i];

		if (l->kind == CAT_PLATFORM && !strcmp(l->platform, plat))
			return cat_plat_arch(l, arch) ? (long)i : -1;
	}
	return -1;
}

static void parse_archs(struct lctx *c, json_t *j, struct cat_platform *p)
{
	static const char *const keys[] = { "cflags", NULL };
	const char *name;
	json_t *v;

	lc_push_key(c, "arch");
	if (!json_is_object(j) || !json_object_size(j)) {
		lc_err(c, 0,
		       "expected an object naming each architecture: { \"<arch>\": { \"cflags\": "
		       "[] } }");
		lc_pop(c);
		return;
	}
	p->archs = xcalloc(json_object_size(j), sizeof(*p->archs));
	json_object_foreach(j, name, v)
	{
		struct cat_arch *a = &p->archs[p->narchs++];

		a->name = xstrdup(name);
		lc_push_key(c, name);
		if (!name_is_plat(name))
			lc_err(c, 1, "\"%s\" is not an architecture name (%s)", name,
			       name_plat_rule());
		if (!json_is_object(v)) {
			lc_err(c, 0, "expected an object: { \"cflags\": [...] }");
		} else {
			lc_check_keys(c, v, keys);
			lc_strv(c, v, "cflags", &a->cflags);
			lc_flags(c, "cflags", &a->cflags);
		}
		lc_pop(c);
	}
	lc_pop(c);
}

static void parse_accel(struct lctx *c, json_t *j, struct cat_accel *a)
{
	static const char *const keys[] = { "name", "device", "unless", "args", NULL };

	if (!json_is_object(j)) {
		lc_err(c, 0, "expected { \"name\": ..., \"device\": ..., \"args\": [...] }");
		return;
	}
	lc_check_keys(c, j, keys);
	lc_str(c, j, "name", 1, &a->name);
	lc_str(c, j, "device", 0, &a->device);
	lc_str(c, j, "unless", 0, &a->unless);
	lc_strv(c, j, "args", &a->args);
	if (a->name && (!strcmp(a->name, "auto") || !name_is_plat(a->name))) {
		lc_push_key(c, "name");
		lc_err(c, 0, "\"%s\" cannot name an accelerator (%s; not auto)", a->name,
		       name_plat_rule());
		lc_pop(c);
	}
}

static void parse_accels(struct lctx *c, json_t *j, struct cat_run *r)
{
	size_t i;
	json_t *v;

	if (!j)
		return;
	lc_push_key(c, "accelerators");
	if (!json_is_array(j)) {
		lc_err(c, 0, "expected an array of accelerators");
	} else {
		r->accels = xcalloc(json_array_size(j) + 1, sizeof(*r->accels));
		json_array_foreach(j, i, v)
		{
			lc_push_index(c, i);
			parse_accel(c, v, &r->accels[r->naccels++]);
			lc_pop(c);
		}
	}
	lc_pop(c);
}

/* One word of the command, or a group of words that go together (["-append", "@X@"]). */
static void parse_word(struct lctx *c, json_t *v, struct cat_run_word **words, size_t *n, int group)
{
	if (!json_is_string(v) || !str_is_clean(json_string_value(v)) || !json_string_length(v)) {
		lc_err(c, 0, group ? "expected a word" : "expected a word or an array of words");
		return;
	}
	*words = xrealloc(*words, (*n + 1) * sizeof(**words));
	(*words)[(*n)++] = (struct cat_run_word){ xstrdup(json_string_value(v)), group };
}

void plat_parse_words(struct lctx *c, json_t *j, const char *key, struct cat_run_word **words,
		      size_t *nwords)
{
	size_t i, k;
	json_t *v, *w;
	int groups = 0;

	lc_push_key(c, key);
	if (!json_is_array(j) || !json_array_size(j))
		lc_err(c, 0, "expected an array of words, the program first");
	json_array_foreach(json_is_array(j) ? j : NULL, i, v)
	{
		lc_push_index(c, i);
		if (!json_is_array(v))
			parse_word(c, v, words, nwords, 0);
		else if (i == 0 || !json_array_size(v))
			lc_err(c, 0, "a group of words cannot be empty or come first");
		else
			json_array_foreach(v, k, w)
			{
				lc_push_index(c, k);
				parse_word(c, w, words, nwords, groups + 1);
				lc_pop(c);
			}
		groups += json_is_array(v);
		lc_pop(c);
	}
	lc_pop(c);
}

static void parse_run(struct lctx *c, json_t *j, struct cat_platform *p)
{
	static const char *const keys[] = { "command",	"command_env",	"status",
					    "machines", "accelerators", "memory",
					    "network",	"machine_vars", NULL };
	char *status = NULL;

	lc_push_key(c, "run");
	if (!json_is_object(j)) {
		lc_err(c, 0, "expected an object: { \"command\": [...], \"status\": ... }");
		lc_pop(c);
		return;
	}
	p->run = xcalloc(1, sizeof(*p->run));
	lc_check_keys(c, j, keys);
	if (!json_object_get(j, "command"))
		lc_err(c, 0, "missing required key \"command\"");
	else
		plat_parse_words(c, json_object_get(j, "command"), "command", &p->run->words,
				 &p->run->nwords);
	lc_str(c, j, "command_env", 0, &p->run->command_env);
	lc_str(c, j, "memory", 0, &p->run->memory);
	lc_strv(c, j, "machines", &p->run->machines);
	parse_accels(c, json_object_get(j, "accelerators"), p->run);
	plat_parse_network(c, j, p->run);
	if (lc_str(c, j, "status", 1, &status) == 0 && status) {
		lc_push_key(c, "status");
		if (!strcmp(status, "debug-exit"))
			p->run->status = CAT_STATUS_DEBUG_EXIT;
		else if (strcmp(status, "exit"))
			lc_err(c, 0, "unknown status \"%s\" (expected exit or debug-exit)", status);
		lc_pop(c);
	}
	free(status);
	lc_pop(c);
}

void plat_parse(struct lctx *c, json_t *root, struct cat_lib *l)
{
	json_t *arch = json_object_get(root, "arch");

	if (l->kind != CAT_PLATFORM) {
		for (size_t i = 0; plat_keys[i]; i++)
			if (json_object_get(root, plat_keys[i])) {
				lc_push_key(c, plat_keys[i]);
				lc_err(c, 1, "only platform libraries have \"%s\"", plat_keys[i]);
				lc_pop(c);
			}
		return;
	}
	l->plat = xcalloc(1, sizeof(*l->plat));
	if (!arch)
		lc_err(c, 0, "a platform library must name its architectures (\"arch\")");
	else
		parse_archs(c, arch, l->plat);
	if (lc_str(c, root, "linker_script", 1, &l->plat->linker_script) == 0) {
		lc_push_key(c, "linker_script");
		lc_path(c, l->plat->linker_script, 0);
		lc_pop(c);
	}
	if (lc_str(c, root, "run_config", 0, &l->plat->run_config) == 0 && l->plat->run_config) {
		lc_push_key(c, "run_config");
		lc_path(c, l->plat->run_config, 0);
		lc_pop(c);
	}
	if (json_object_get(root, "run"))
		parse_run(c, json_object_get(root, "run"), l->plat);
}

static void run_free(struct cat_run *r)
{
	if (!r)
		return;
	for (size_t i = 0; i < r->nwords; i++)
		free(r->words[i].text);
	free(r->words);
	for (size_t i = 0; i < r->naccels; i++) {
		free(r->accels[i].name);
		free(r->accels[i].device);
		free(r->accels[i].unless);
		strv_free(&r->accels[i].args);
	}
	free(r->accels);
	free(r->command_env);
	free(r->memory);
	plat_network_free(r);
	strv_free(&r->machines);
	free(r);
}

void plat_free(struct cat_platform *p)
{
	if (!p)
		return;
	for (size_t i = 0; i < p->narchs; i++) {
		free(p->archs[i].name);
		strv_free(&p->archs[i].cflags);
	}
	free(p->archs);
	free(p->linker_script);
	free(p->run_config);
	run_free(p->run);
	free(p);
}
