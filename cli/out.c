/*
 * How the kiln tool shows explanations, fixes and catalog checks: numbered steps with
 * the place each one comes from, or the same as JSON (--json) for scripts and editors.
 */
#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"

static const char *const step_kinds[] = { "decision", "wish", "default", "implied", "conflict" };
static const char *const change_kinds[] = { "forget", "app", "targets" };
static const char *const issue_kinds[] = { "no-profile", "dead", "constant", "never-holds",
					   "no-provider" };

/* "file:line:col", "file" or "" */
static void place(char *buf, size_t n, const char *file, int line, int col)
{
	if (!file)
		snprintf(buf, n, "%s", "");
	else if (line)
		snprintf(buf, n, "%s:%d:%d", file, line, col);
	else
		snprintf(buf, n, "%s", file);
}

static void step_place(const struct cat_step *st, char *buf, size_t n)
{
	if (st->kind == CAT_STEP_DECISION || st->kind == CAT_STEP_WISH)
		place(buf, n, st->file, st->line, st->col);
	else
		place(buf, n, st->by.file, st->by.line, st->by.col);
}

void out_expl_text(const struct cat_expl *e, const char *heading)
{
	char where[600];

	printf("%s:\n", heading);
	for (size_t i = 0; i < e->nsteps; i++) {
		const struct cat_step *st = &e->steps[i];

		step_place(st, where, sizeof(where));
		printf("  %2zu  %s", i + 1, st->text);
		if (*where || st->npremises)
			printf("  (%s%s", where,
			       st->npremises ? (*where ? "; from " : "from ") : "");
		for (size_t k = 0; k < st->npremises; k++)
			printf("%s%zu", k ? ", " : "", st->premises[k] + 1);
		printf("%s\n", *where || st->npremises ? ")" : "");
	}
	printf("in short: %s\n", e->summary ? e->summary : "");
}

void out_core_text(const struct cat_expl *e)
{
	char where[600];

	printf("minimal core: %zu of your decisions and %zu constraint%s exclude it\n",
	       e->ncore_decs, e->ncore, e->ncore == 1 ? "" : "s");
	for (size_t i = 0; i < e->ncore_decs; i++) {
		place(where, sizeof(where), e->core_decs[i].file, e->core_decs[i].line,
		      e->core_decs[i].col);
		printf("  %s%s%s%s\n", e->core_decs[i].text, *where ? "  (" : "", where,
		       *where ? ")" : "");
	}
	for (size_t i = 0; i < e->ncore; i++) {
		const struct cat_cref *c = &e->core[i];

		place(where, sizeof(where), c->file, c->line, c->col);
		printf("  %s of %s%s%s%s%s%s\n",
		       !c->file && !strcmp(c->field, "provides") ? "the providers" : c->field,
		       c->subject, c->expr ? ": " : "", c->expr ? c->expr : "", *where ? "  (" : "",
		       where, *where ? ")" : "");
	}
}

void out_fixes_text(const struct cat_fixes *f, const char *profile)
{
	if (f->possible) {
		printf("nothing else needs to change: kiln fix %s --set %s=%s\n", profile, f->name,
		       f->typed);
		return;
	}
	if (!f->n) {
		printf("no fix of at most 3 changes to your decisions was found\n");
		return;
	}
	printf("smallest fixes (kiln fix %s --set %s=%s -n N):\n", profile, f->name, f->typed);
	for (size_t i = 0; i < f->n; i++)
		printf("  %zu. %s\n", i + 1, f->v[i].text);
}

/* ---- JSON ------------------------------------------------------------------------------- */

static json_t *jstr(const char *s)
{
	return s ? json_string(s) : json_null();
}

static json_t *cref_json(const struct cat_cref *c)
{
	return json_pack("{s:o, s:o, s:o, s:o, s:i, s:i}", "subject", jstr(c->subject), "field",
			 jstr(c->field), "expr", jstr(c->expr), "file", jstr(c->file), "line",
			 c->line, "col", c->col);
}

static json_t *step_json(const struct cat_step *st)
{
	json_t *j = json_pack("{s:s, s:o, s:o, s:o, s:o, s:i}", "kind", step_kinds[st->kind],
			      "name", jstr(st->name), "value", jstr(st->value), "reason",
			      jstr(st->reason), "text", jstr(st->text), "depth", st->depth);
	json_t *from = json_array();

	for (size_t k = 0; k < st->npremises; k++)
		json_array_append_new(from, json_integer((json_int_t)st->premises[k]));
	json_object_set_new(j, "from", from);
	if (st->kind == CAT_STEP_DECISION || st->kind == CAT_STEP_WISH)
		json_object_set_new(j, "profile",
				    json_pack("{s:o, s:i, s:i}", "file", jstr(st->file), "line",
					      st->line, "col", st->col));
	else
		json_object_set_new(j, "constraint", cref_json(&st->by));
	return j;
}

static json_t *fixes_json(const struct cat_fixes *f)
{
	json_t *a = json_array();

	for (size_t i = 0; i < f->n; i++) {
		json_t *ch = json_array();

		for (size_t k = 0; k < f->v[i].nchanges; k++) {
			const struct cat_change *c = &f->v[i].changes[k];

			json_array_append_new(ch, json_pack("{s:s, s:s, s:o, s:o, s:o}", "kind",
							    change_kinds[c->kind], "name", c->name,
							    "before", jstr(c->before), "after",
							    jstr(c->after), "text", jstr(c->text)));
		}
		json_array_append_new(a,
				      json_pack("{s:s, s:o}", "text", f->v[i].text, "changes", ch));
	}
	return a;
}

void out_json(const struct cat_expl *e, const struct cat_fixes *f)
{
	json_t *j = json_pack("{s:o, s:o, s:o}", "name", jstr(e->name), "value", jstr(e->value),
			      "summary", jstr(e->summary));
	json_t *steps = json_array(), *decs = json_array(), *cons = json_array();

	for (size_t i = 0; i < e->nsteps; i++)
		json_array_append_new(steps, step_json(&e->steps[i]));
	json_object_set_new(j, "steps", steps);
	for (size_t i = 0; i < e->ncore_decs; i++)
		json_array_append_new(decs, step_json(&e->core_decs[i]));
	for (size_t i = 0; i < e->ncore; i++)
		json_array_append_new(cons, cref_json(&e->core[i]));
	if (f) {
		json_object_set_new(j, "possible", json_boolean(e->possible));
		json_object_set_new(
			j, "core", json_pack("{s:o, s:o}", "decisions", decs, "constraints", cons));
		json_object_set_new(j, "fixes", fixes_json(f));
	} else {
		json_decref(decs);
		json_decref(cons);
	}
	json_dumpf(j, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	printf("\n");
	json_decref(j);
}

void out_check(const struct cat_check *c, int json)
{
	char where[600];
	json_t *a = json_array();

	for (size_t i = 0; i < c->n; i++) {
		const struct cat_issue *is = &c->v[i];

		if (json) {
			json_array_append_new(a,
					      json_pack("{s:s, s:s, s:s, s:o, s:o}", "kind",
							issue_kinds[is->kind], "subject",
							is->subject, "text", is->text, "why",
							jstr(is->why), "at", cref_json(&is->at)));
			continue;
		}
		place(where, sizeof(where), is->at.file, is->at.line, is->at.col);
		printf("%s%s%s: %s\n", where, *where ? ": " : "", issue_kinds[is->kind], is->text);
		if (is->why)
			printf("  because %s\n", is->why);
	}
	if (json) {
		json_dumpf(a, stdout, JSON_INDENT(2));
		printf("\n");
	}
	json_decref(a);
}
