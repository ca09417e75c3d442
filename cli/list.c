/*
 * kiln list and kiln show: the catalog as people read it. `kiln list --json` is the same
 * list for scripts (make test's guest suite finds the test entries and platforms with it).
 */
#include <getopt.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static const struct cli_cmd list_cmd = {
	"kiln list [--all] [--json] [-c CATEGORY] [-L DIR]...",
	"Lists every library, platform and app of the catalog by category.\n"
	"  --all        tests too (in-guest tests, kind \"test\")\n"
	"  --json       a JSON array, one object per entry (name, kind, title, category,\n"
	"               folder, platforms; platforms also platform and targets)\n"
	"  -c CATEGORY  only that category (and its subcategories)\n"
	"  -L DIR       also read the libraries in DIR\n",
	'c',
	0,
	"unexpected argument",
};
static const struct cli_cmd show_cmd = {
	"kiln show [-L DIR]... NAME",
	"Shows a library, option or interface: fields, options, help.\n"
	"  -L DIR  also read the libraries in DIR\n",
	0,
	1,
	"expected one NAME",
};
static const char *const kinds[] = { "library", "platform", "app", "test" };
static const char *const types[] = { "bool", "int", "hex", "string", "choice" };

static json_t *list_strv(const struct cat_strv *v)
{
	json_t *a = json_array();

	for (size_t i = 0; i < v->n; i++)
		json_array_append_new(a, json_string(v->v[i]));
	return a;
}

/* One entry; "platforms" as declared ([] = every platform). */
static json_t *list_entry(const struct cat_lib *l)
{
	json_t *j = json_pack("{s:s, s:s, s:s, s:s, s:s, s:o}", "name", l->name, "kind",
			      kinds[l->kind], "title", l->title, "category", l->category, "folder",
			      l->dir, "platforms", list_strv(&l->platforms));

	if (l->kind == CAT_PLATFORM) {
		json_t *targets = json_array();
		char target[2 * CAT_PLAT_NAME_MAX + 2];

		for (size_t a = 0; a < l->plat->narchs; a++) {
			snprintf(target, sizeof(target), "%s-%s", l->platform,
				 l->plat->archs[a].name);
			json_array_append_new(targets, json_string(target));
		}
		json_object_set_new(j, "platform", json_string(l->platform));
		json_object_set_new(j, "targets", targets);
		json_object_set_new(j, "runs", json_boolean(l->plat->run != NULL));
	}
	return j;
}

static void list_text(const struct cat_lib *l, const char **last)
{
	if (!*last || strcmp(*last, l->category))
		printf("%s%s\n", *last ? "\n" : "", l->category);
	*last = l->category;
	printf("  %-20s %s%s%s\n", l->name, l->title, l->kind == CAT_LIBRARY ? "" : "  ",
	       l->kind == CAT_LIBRARY ? "" : kinds[l->kind]);
}

int cmd_list(int argc, char **argv)
{
	struct cli_env env;
	const char *category = NULL, *last = NULL;
	struct cat_catalog *cat;
	json_t *arr = NULL;
	size_t *idx;
	int rc, all = cli_flag(&argc, argv, "--all"), json = cli_flag(&argc, argv, "--json");

	if (cli_start(&env, argc, argv, &list_cmd, &category, &rc) < 0)
		return rc;
	if (!(cat = cli_catalog(&env, NULL))) {
		cli_done(&env);
		return KILN_EUSER;
	}
	idx = malloc((cat_nlibs(cat) + 1) * sizeof(*idx));
	cat_libs_by_category(cat, idx);
	for (size_t i = 0; i < cat_nlibs(cat); i++) {
		const struct cat_lib *l = cat_lib_at(cat, idx[i]);

		if (category && strncmp(l->category, category, strlen(category)))
			continue;
		if (l->kind == CAT_TEST && !all)
			continue;
		if (json)
			json_array_append_new(arr ? arr : (arr = json_array()), list_entry(l));
		else
			list_text(l, &last);
	}
	if (json) {
		json_dumpf(arr ? arr : (arr = json_array()), stdout, JSON_INDENT(1));
		printf("\n");
		json_decref(arr);
	}
	free(idx);
	cli_catalog_end(cat);
	cli_done(&env);
	return KILN_OK;
}

static void show_field(const char *name, const char *value)
{
	if (value && *value)
		printf("  %-11s %s\n", name, value);
}

static void show_list(const char *name, const struct cat_strv *v)
{
	if (!v->n)
		return;
	printf("  %-11s", name);
	for (size_t i = 0; i < v->n; i++)
		printf(" %s", v->v[i]);
	printf("\n");
}

static void show_lib(const struct cat_catalog *cat, const struct cat_lib *l)
{
	printf("%s: %s (%s)\n", l->name, l->title, kinds[l->kind]);
	show_field("category", l->category);
	show_field("version", l->version);
	show_field("folder", l->dir);
	show_field("depends", l->cons.depends_text);
	show_field("conflicts", l->cons.conflicts_text);
	show_field("selects", l->cons.selects_text);
	show_list("provides", &l->provides);
	show_list("requires", &l->requires);
	show_list("platforms", &l->platforms);
	if (l->help)
		printf("\n  %s\n", l->help);
	if (l->nopts)
		printf("\n  options:\n");
	for (size_t i = 0; i < l->nopts; i++) {
		const struct cat_opt *o = cat_opt_at(cat, l->opt_first + i);

		printf("    %-24s %-7s %s\n", o->name, types[o->type], o->title);
	}
}

static void show_default(const struct cat_opt *o, const struct cat_default *d)
{
	printf("  %-11s ", "default");
	if (o->type == CAT_BOOL)
		printf("%s", d->val.num ? "true" : "false");
	else if (o->type == CAT_INT)
		printf("%lld", d->val.num);
	else if (o->type == CAT_HEX)
		printf("0x%llx", (unsigned long long)d->val.num);
	else
		printf("\"%s\"", d->val.str);
	printf("%s%s\n", d->cond_text ? " if " : "", d->cond_text ? d->cond_text : "");
}

static void show_opt(const struct cat_catalog *cat, const struct cat_opt *o)
{
	printf("%s: %s (%s option of %s)\n", o->name, o->title, types[o->type],
	       cat_lib_at(cat, o->lib)->name);
	if (o->nvalues) {
		printf("  %-11s", "values");
		for (size_t i = 0; i < o->nvalues; i++)
			printf(" %s", o->values[i]);
		printf("\n");
	}
	if (o->has_min)
		printf(o->type == CAT_HEX ? "  %-11s 0x%llx\n" : "  %-11s %lld\n", "min", o->min);
	if (o->has_max)
		printf(o->type == CAT_HEX ? "  %-11s 0x%llx\n" : "  %-11s %lld\n", "max", o->max);
	for (size_t i = 0; i < o->ndefs; i++)
		show_default(o, &o->defs[i]);
	show_field("depends", o->cons.depends_text);
	show_field("conflicts", o->cons.conflicts_text);
	show_field("selects", o->cons.selects_text);
	if (o->help)
		printf("\n  %s\n", o->help);
}

static int show_iface(const struct cat_catalog *cat, const char *name)
{
	int found = 0;

	for (size_t i = 0; i < cat_nlibs(cat); i++) {
		const struct cat_lib *l = cat_lib_at(cat, i);

		for (size_t k = 0; k < l->provides.n; k++) {
			if (strcmp(l->provides.v[k], name))
				continue;
			if (!found++)
				printf("%s: interface, provided by:\n", name);
			printf("  %-20s %s\n", l->name, l->title);
		}
	}
	return found;
}

int cmd_show(int argc, char **argv)
{
	struct cli_env env;
	struct cat_catalog *cat;
	long i;
	int rc;

	if (cli_start(&env, argc, argv, &show_cmd, NULL, &rc) < 0)
		return rc;
	if (!(cat = cli_catalog(&env, NULL))) {
		cli_done(&env);
		return KILN_EUSER;
	}
	rc = KILN_OK;
	if ((i = cat_find_lib(cat, argv[optind])) >= 0) {
		show_lib(cat, cat_lib_at(cat, (size_t)i));
	} else if ((i = cat_find_opt(cat, argv[optind])) >= 0) {
		show_opt(cat, cat_opt_at(cat, (size_t)i));
	} else if (!show_iface(cat, argv[optind])) {
		const char *near = cat_suggest(cat, argv[optind]);

		fprintf(stderr, "kiln: show: no library, option or interface named '%s'%s%s%s\n",
			argv[optind], near ? " (did you mean " : "", near ? near : "",
			near ? "?)" : "");
		rc = KILN_EUSER;
	}
	cli_catalog_end(cat);
	cli_done(&env);
	return rc;
}
