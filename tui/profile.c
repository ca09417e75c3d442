/*
 * tui/profile.c — the profile file: open, save, save as, presets, diff, quit.
 *
 * The profile holds only the user's decisions; the catalog reads and writes it (model.h),
 * atomically and only when the resolver accepts it, so the menu never saves something
 * invalid. Presets are the examples' own profiles (examples/<app>/<target>.json): a
 * newcomer starts from "hello world on KVM" and saves a copy with `S`. The diff view and
 * the quit prompt compare the user's decisions now with the file on disk. Questions are
 * panes (dialog.c, editor.c): each step's answer arrives in the callback named after it.
 */
#include <glob.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "tui.h"

static void copy_text(const struct tm_text *t, struct lines *out)
{
	for (size_t i = 0; i < t->n; i++)
		lines_add(out, "%s", t->lines[i]);
}

int profile_load(struct tui *ui, const char *path, char *err, size_t errlen)
{
	if (!ui->model) {
		ui->model = tm_open(ui->root, ui->libdirs, ui->nlibdirs, path, err, errlen);
		if (!ui->model)
			return -1;
		if (tree_build(&ui->tree, ui->model) < 0) {
			snprintf(err, errlen, "kiln: menu: out of memory");
			return -1;
		}
	} else if (tm_load_profile(ui->model, path, err, errlen) < 0) {
		return -1;
	}
	snprintf(ui->path, sizeof ui->path, "%s", path);
	undo_clear(&ui->undo);
	ui->wish.set = false;
	tree_refresh(&ui->tree, ui->model);
	tui_snapshot_saved(ui);
	ui->gen++;
	return 0;
}

/* Name: the part before " = " of a "name = value" line. */
static int name_cmp(const char *a, const char *b)
{
	size_t la = strcspn(a, " "), lb = strcspn(b, " ");
	int c = strncmp(a, b, la < lb ? la : lb);
	return c ? c : (int)la - (int)lb;
}

/* "- X = old" / "+ X = new" for every decision that differs between two sorted lists. */
static void diff_lines(const struct lines *old, const struct lines *now, struct lines *out)
{
	size_t i = 0, j = 0;
	while (i < old->n || j < now->n) {
		int c = i == old->n ? 1 : j == now->n ? -1 : name_cmp(old->v[i], now->v[j]);
		if (c == 0 && !strcmp(old->v[i], now->v[j])) {
			i++, j++;
			continue;
		}
		if (c <= 0)
			lines_add(out, "- %s", old->v[i++]);
		if (c >= 0)
			lines_add(out, "+ %s", now->v[j++]);
	}
}

/* The changes against the saved file; -1 when the file cannot be read (then all is new). */
static int changes(struct tui *ui, struct lines *out)
{
	struct lines old = { 0 }, now = { 0 };
	struct tm_text t = { 0 };
	char err[512];
	tm_decisions(ui->model, &t);
	copy_text(&t, &now);
	int rc = tm_file_decisions(ui->model, ui->path, &t, err, sizeof err);
	if (rc == 0)
		copy_text(&t, &old);
	diff_lines(&old, &now, out);
	lines_free(&old);
	lines_free(&now);
	return rc;
}

void profile_diff(struct tui *ui)
{
	struct lines l = { 0 }, d = { 0 };
	int rc = changes(ui, &d);
	lines_add(&l, "Your decisions against %s%s", ui->path, rc ? " (not on disk)" : "");
	lines_add(&l, "%s", "");
	for (size_t i = 0; i < d.n; i++)
		lines_add(&l, "  %s", d.v[i]);
	if (!d.n)
		lines_add(&l, "%s", "  no changes");
	dialog_text(ui, "Diff", (const char *const *)l.v, l.n);
	lines_free(&l);
	lines_free(&d);
}

static bool exists(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0;
}

/* Saves to path; name, when given, becomes the profile's "name" (its build folder). */
static int save_to(struct tui *ui, const char *path, const char *name)
{
	char err[1024];
	if ((name ? tm_save_as(ui->model, path, name, err, sizeof err)
		  : tm_save(ui->model, path, err, sizeof err)) < 0) {
		view_status(ui, true, "%s", err);
		return -1;
	}
	if (path != ui->path)
		snprintf(ui->path, sizeof ui->path, "%s", path);
	tui_snapshot_saved(ui);
	if (name)
		view_status(ui, false, "Saved; it builds into build/%s/: %s", name, ui->path);
	else
		view_status(ui, false, "Saved %s.", ui->path);
	return 0;
}

static void replace_answered(struct tui *ui, enum dialog_answer a, const struct pane_arg *arg)
{
	if (a == ANSWER_YES)
		save_to(ui, arg->text, arg->name);
}

/* Save as, second step: the new profile's "name", so that it builds into its own folder. */
static enum edit_verdict name_accepted(struct tui *ui, const char *name, const struct pane_arg *arg)
{
	if (!name[0])
		return EDIT_CLOSE;
	struct pane_arg next = *arg;
	snprintf(next.name, sizeof next.name, "%s", name);
	if (exists(arg->text) && strcmp(arg->text, ui->path)) {
		const char *path = arg->text;
		dialog_confirm(ui, "Save as", &path, 1, "Replace this file?", false,
			       replace_answered, &next);
		return EDIT_CLOSE;
	}
	save_to(ui, arg->text, next.name);
	return EDIT_CLOSE;
}

static enum edit_verdict save_as_accepted(struct tui *ui, const char *path,
					  const struct pane_arg *unused)
{
	if (!path[0])
		return EDIT_CLOSE;
	struct pane_arg arg = { 0 };
	char name[128];
	snprintf(arg.text, sizeof arg.text, "%s", path);
	tm_default_name(ui->model, path, name, sizeof name);
	editor_open(ui, EDIT_AT_STATUS, "Build folder name (build/NAME/): ", name, sizeof name,
		    name_accepted, &arg);
	return EDIT_CLOSE;
}

void profile_save(struct tui *ui, bool save_as)
{
	if (save_as)
		editor_open(ui, EDIT_AT_STATUS, "Save as: ", ui->path, sizeof ui->path,
			    save_as_accepted, NULL);
	else
		save_to(ui, ui->path, NULL);
}

static void quit_answered(struct tui *ui, enum quit_answer a, const struct pane_arg *arg)
{
	if ((a == QUIT_SAVE && save_to(ui, ui->path, NULL) == 0) || a == QUIT_DISCARD)
		arg->then(ui);
}

/* Asks what to do with unsaved changes, then goes on with then(), unless cancelled. */
static void settle_changes(struct tui *ui, void (*then)(struct tui *ui))
{
	if (!ui->dirty) {
		then(ui);
		return;
	}
	struct lines d = { 0 };
	struct pane_arg arg = { .then = then };
	changes(ui, &d);
	if (d.n > 8) {
		size_t more = d.n - 7;
		while (d.n > 7)
			free(d.v[--d.n]);
		lines_add(&d, "... and %zu more (d shows all)", more);
	}
	dialog_quit(ui, (const char *const *)d.v, d.n, quit_answered, &arg);
	lines_free(&d);
}

static void quit_now(struct tui *ui)
{
	ui->quit = true;
}

void profile_quit(struct tui *ui)
{
	settle_changes(ui, quit_now);
}

static void open_path(struct tui *ui, const char *path)
{
	char err[1024];
	if (profile_load(ui, path, err, sizeof err) < 0)
		view_status(ui, true, "%s", err);
	else
		view_status(ui, false, "Opened %s (S saves a copy elsewhere).", path);
}

static enum edit_verdict open_accepted(struct tui *ui, const char *path,
				       const struct pane_arg *unused)
{
	if (path[0])
		open_path(ui, path);
	return EDIT_CLOSE;
}

/* The examples' profiles as presets: their summaries and their paths. */
static void presets(struct tui *ui, struct lines *names, struct lines *paths)
{
	char pattern[4200];
	glob_t g = { 0 };
	snprintf(pattern, sizeof pattern, "%s/examples/*/*.json", ui->root);
	glob(pattern, 0, NULL, &g);
	for (size_t i = 0; i < g.gl_pathc; i++) {
		char summary[256];
		if (tm_profile_summary(ui->model, g.gl_pathv[i], summary, sizeof summary) < 0)
			continue;
		lines_add(names, "%s", summary);
		lines_add(paths, "%s", g.gl_pathv[i]);
	}
	globfree(&g);
}

/* A preset (found again: the list is the same as when it was shown) or another file. */
static void preset_chosen(struct tui *ui, int choice, const struct pane_arg *arg)
{
	struct lines names = { 0 }, paths = { 0 };
	presets(ui, &names, &paths);
	if ((size_t)choice < paths.n)
		open_path(ui, paths.v[choice]);
	else
		editor_open(ui, EDIT_AT_STATUS, "Open: ", ui->path, sizeof ui->path, open_accepted,
			    NULL);
	lines_free(&names);
	lines_free(&paths);
}

static void open_list(struct tui *ui)
{
	struct lines names = { 0 }, paths = { 0 };
	presets(ui, &names, &paths);
	lines_add(&names, "%s", "Another file...");
	dialog_choose(ui, "Open a profile", (const char *const *)names.v, names.n, 0, preset_chosen,
		      NULL);
	lines_free(&names);
	lines_free(&paths);
}

/* `o`: the examples' profiles as presets, and "another file". */
void profile_open(struct tui *ui)
{
	settle_changes(ui, open_list);
}
