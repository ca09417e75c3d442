/*
 * tui/profile.c — the profile file: open, save, save as, presets, diff, quit.
 *
 * The profile holds only the user's decisions; the catalog reads and writes it (model.h),
 * atomically and only when the resolver accepts it, so the menu never saves something
 * invalid. Presets are the examples' own profiles (examples/<app>/<target>.json): a
 * newcomer starts from "hello world on KVM" and saves a copy with `S`. The diff view and
 * the quit prompt compare the user's decisions now with the file on disk.
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
		ui->model = tm_open(ui->root, path, err, errlen);
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

static int save_to(struct tui *ui, const char *path)
{
	char err[1024];
	if (tm_save(ui->model, path, err, sizeof err) < 0) {
		view_status(ui, true, "%s", err);
		return -1;
	}
	if (path != ui->path)
		snprintf(ui->path, sizeof ui->path, "%s", path);
	tui_snapshot_saved(ui);
	view_status(ui, false, "Saved %s.", ui->path);
	return 0;
}

void profile_save(struct tui *ui, bool save_as)
{
	if (!save_as) {
		save_to(ui, ui->path);
		return;
	}
	char path[sizeof ui->path];
	snprintf(path, sizeof path, "%s", ui->path);
	if (editor_line(ui, EDIT_AT_STATUS, "Save as: ", path, sizeof path) != EDIT_ACCEPT ||
	    !path[0])
		return;
	if (exists(path) && strcmp(path, ui->path)) {
		const char *line = path;
		if (dialog_confirm(ui, "Save as", &line, 1, "Replace this file?", false) !=
		    ANSWER_YES)
			return;
	}
	save_to(ui, path);
}

/* Asks what to do with unsaved changes; true when it is fine to go on. */
static bool settle_changes(struct tui *ui)
{
	if (!ui->dirty)
		return true;
	struct lines d = { 0 };
	changes(ui, &d);
	if (d.n > 8) {
		size_t more = d.n - 7;
		while (d.n > 7)
			free(d.v[--d.n]);
		lines_add(&d, "... and %zu more (d shows all)", more);
	}
	enum quit_answer a = dialog_quit(ui, (const char *const *)d.v, d.n);
	lines_free(&d);
	if (a == QUIT_SAVE)
		return save_to(ui, ui->path) == 0;
	return a == QUIT_DISCARD;
}

void profile_quit(struct tui *ui)
{
	if (settle_changes(ui))
		ui->quit = true;
}

static void open_path(struct tui *ui, const char *path)
{
	char err[1024];
	if (profile_load(ui, path, err, sizeof err) < 0)
		view_status(ui, true, "%s", err);
	else
		view_status(ui, false, "Opened %s (S saves a copy elsewhere).", path);
}

static void open_other(struct tui *ui)
{
	char path[sizeof ui->path];
	snprintf(path, sizeof path, "%s", ui->path);
	if (editor_line(ui, EDIT_AT_STATUS, "Open: ", path, sizeof path) == EDIT_ACCEPT && path[0])
		open_path(ui, path);
}

/* `o`: the examples' profiles as presets, and "another file". */
void profile_open(struct tui *ui)
{
	if (!settle_changes(ui))
		return;
	char pattern[4200];
	glob_t g = { 0 };
	snprintf(pattern, sizeof pattern, "%s/examples/*/*.json", ui->root);
	glob(pattern, 0, NULL, &g);
	struct lines names = { 0 }, paths = { 0 };
	for (size_t i = 0; i < g.gl_pathc; i++) {
		char summary[256];
		if (tm_profile_summary(ui->model, g.gl_pathv[i], summary, sizeof summary) < 0)
			continue;
		lines_add(&names, "%s", summary);
		lines_add(&paths, "%s", g.gl_pathv[i]);
	}
	globfree(&g);
	lines_add(&names, "%s", "Another file...");
	int c = dialog_choose(ui, "Open a profile", (const char *const *)names.v, names.n, 0);
	if (c >= 0 && (size_t)c < paths.n)
		open_path(ui, paths.v[c]);
	else if (c >= 0)
		open_other(ui);
	lines_free(&names);
	lines_free(&paths);
}
