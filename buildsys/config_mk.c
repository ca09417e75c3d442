/*
 * buildsys/config_mk.c — build/<profile>/config.mk, the Make backend's view of a
 * resolution (buildsys/README.md is the contract). The catalog library writes config.h,
 * config/<lib>.h and config.json; this file turns the same result into Make variables.
 *
 * Escaping (GNU make 4.3 manual, 3.1.1 and 6.2): a profile is shared like code, so none of
 * its strings may run a command at build time: '$' doubles; '#' starts a comment unless
 * escaped, and backslashes before it pair up, so they double too; a backslash ending a
 * line continues it, so a value ending in one gets an empty variable after it; a newline
 * becomes a variable holding one; leading blanks are kept with an empty variable in front.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <kiln/build.h>

/* Writes s so that "VAR := <it>" gives VAR exactly s (needs KILN_EMPTY and KILN_NL). */
static void mk_escape(FILE *f, const char *s)
{
	if (*s == ' ' || *s == '\t')
		fputs("$(KILN_EMPTY)", f);
	while (*s) {
		size_t k = strspn(s, "\\");

		if (k) {
			for (size_t i = 0; i < (s[k] == '#' ? 2 * k : k); i++)
				fputc('\\', f);
			if (!s[k])
				fputs("$(KILN_EMPTY)", f);
			s += k;
			continue;
		}
		if (*s == '$')
			fputs("$$", f);
		else if (*s == '#')
			fputs("\\#", f);
		else if (*s == '\n')
			fputs("$(KILN_NL)", f);
		else
			fputc(*s, f);
		s++;
	}
}

static void mk_var(FILE *f, const char *name, const char *value)
{
	fprintf(f, "%s := ", name);
	mk_escape(f, value);
	fputc('\n', f);
}

/* A list of words (paths under dir when dir is given and not "."). */
static void mk_words(FILE *f, const char *name, const struct cat_strv *v, const char *dir)
{
	fprintf(f, "%s :=", name);
	for (size_t i = 0; i < v->n; i++) {
		fputc(' ', f);
		if (dir && strcmp(dir, ".")) {
			mk_escape(f, dir);
			fputc('/', f);
		}
		mk_escape(f, v->v[i]);
	}
	fputc('\n', f);
}

/* A path in a library folder, or nothing when file is NULL. */
static void mk_path(FILE *f, const char *name, const char *dir, const char *file)
{
	struct cat_strv one = { .v = (char **)&file, .n = file ? 1 : 0 };

	mk_words(f, name, &one, dir);
}

/*
 * KILN_LIB_<l>_SEES: the libraries whose include folders l compiles with, in catalog (name)
 * order. Written out in full while short; a long one (hundreds of names on a catalog of
 * deep chains, megabytes in all) is written as what it is, l and what the libraries it
 * names see, $(sort)ed by Make into the same list. Libraries that name each other round a
 * cycle see the same ones: the first of them says so, the others take its list. So that
 * each list is defined above those that use it, libraries are written by Tarjan's strongly
 * connected components, which ends each cycle after every cycle it reaches.
 */
#define SEES_SPELLED_MAX 32

struct sees {
	const struct cat_result *r;
	FILE *f;
	unsigned char *seen; /* cat_result_sees's answer, by library */
	uint32_t *index;     /* by library: visiting order + 1, 0 not yet */
	uint32_t *low;	     /* lowest index reached: the first of its cycle */
	uint8_t *open;	     /* on the stack: its cycle not written yet */
	uint32_t *stack;
	size_t nstack;
	uint32_t next;
	int bad; /* out of memory */
};

static void sees_full(struct sees *w)
{
	const struct cat_catalog *cat = cat_result_catalog(w->r);
	size_t len = 0, at = 0;
	char *line;

	for (size_t i = 0; i < cat_nlibs(cat); i++)
		len += w->seen[i] ? 1 + strlen(cat_lib_at(cat, i)->name) : 0;
	/* Hundreds of names per library on a large catalog: one write of the whole line. */
	if (!(line = malloc(len + 1))) {
		w->bad = 1;
		return;
	}
	for (size_t i = 0; i < cat_nlibs(cat); i++)
		if (w->seen[i]) {
			size_t n = strlen(cat_lib_at(cat, i)->name);

			line[at++] = ' ';
			memcpy(line + at, cat_lib_at(cat, i)->name, n);
			at += n;
		}
	fwrite(line, 1, at, w->f);
	free(line);
}

/* The cycle (or lone library) members[0..n), every library it reaches outside written. */
static void sees_cycle(struct sees *w, const uint32_t *members, size_t n)
{
	const struct cat_catalog *cat = cat_result_catalog(w->r);
	const char *first = cat_lib_at(cat, members[0])->name;
	size_t count = 0;

	cat_result_sees(w->r, members[0], w->seen);
	for (size_t i = 0; i < cat_nlibs(cat); i++)
		count += w->seen[i];
	fprintf(w->f, "KILN_LIB_%s_SEES :=", first);
	if (count <= SEES_SPELLED_MAX) {
		sees_full(w);
	} else {
		fputs(" $(sort", w->f);
		for (size_t m = 0; m < n; m++) {
			size_t k, nn;
			const uint32_t *named = cat_result_named(w->r, members[m], &nn);

			fprintf(w->f, " %s", cat_lib_at(cat, members[m])->name);
			for (k = 0; k < nn; k++)
				if (!w->open[named[k]]) /* outside the cycle */
					fprintf(w->f, " $(KILN_LIB_%s_SEES)",
						cat_lib_at(cat, named[k])->name);
		}
		fputc(')', w->f);
	}
	fputc('\n', w->f);
	for (size_t m = 1; m < n; m++) { /* the same list: spelled as short ones are */
		fprintf(w->f, "KILN_LIB_%s_SEES :=", cat_lib_at(cat, members[m])->name);
		if (count <= SEES_SPELLED_MAX)
			sees_full(w);
		else
			fprintf(w->f, " $(KILN_LIB_%s_SEES)", first);
		fputc('\n', w->f);
	}
}

static void sees_lib(struct sees *w, uint32_t li)
{
	size_t n, base;
	const uint32_t *named = cat_result_named(w->r, li, &n);

	w->index[li] = w->low[li] = ++w->next;
	w->stack[w->nstack++] = li;
	w->open[li] = 1;
	for (size_t k = 0; k < n; k++) {
		uint32_t m = named[k];

		if (!w->index[m]) {
			sees_lib(w, m);
			w->low[li] = w->low[m] < w->low[li] ? w->low[m] : w->low[li];
		} else if (w->open[m] && w->index[m] < w->low[li]) {
			w->low[li] = w->index[m];
		}
	}
	if (w->low[li] != w->index[li])
		return;
	for (base = w->nstack; w->stack[base - 1] != li; base--)
		;
	sees_cycle(w, w->stack + base - 1, w->nstack - base + 1);
	while (w->nstack >= base)
		w->open[w->stack[--w->nstack]] = 0;
}

static int mk_sees(FILE *f, const struct cat_result *r)
{
	size_t nlibs = cat_nlibs(cat_result_catalog(r)) + 1;
	struct sees w = { .r = r, .f = f };
	int ok;

	w.seen = malloc(nlibs);
	w.index = calloc(nlibs, sizeof(*w.index));
	w.low = calloc(nlibs, sizeof(*w.low));
	w.open = calloc(nlibs, 1);
	w.stack = malloc(nlibs * sizeof(*w.stack));
	ok = w.seen && w.index && w.low && w.open && w.stack;
	for (uint32_t i = 0; ok && i + 1 < nlibs; i++)
		if (cat_result_lib(r, i)->on && !w.index[i])
			sees_lib(&w, i);
	free(w.seen);
	free(w.index);
	free(w.low);
	free(w.open);
	free(w.stack);
	return ok && !w.bad ? 0 : -1;
}

/* A library's archive (catalog's struct cat_archive): the tarball, its checksum and the
 * package that installs it, the folder it unpacks to under build/_sources/ (named after
 * the library and the checksum, so another archive never reuses a stale tree), and its
 * sources and flags. Its include folders join the library's own, after them. */
static void mk_archive(FILE *f, const struct cat_result *r, size_t li)
{
	const struct cat_lib *l = cat_lib_at(cat_result_catalog(r), li);
	const struct cat_archive *a = l->archive;
	struct cat_strv srcs = { 0 };
	char var[160], dir[160];

	if (!a)
		return;
	snprintf(dir, sizeof(dir), "build/_sources/%s-%.12s", l->name, a->sha256);
	fprintf(f, "KILN_LIB_%s_ARCHIVE := %s\n", l->name, a->path);
	fprintf(f, "KILN_LIB_%s_ARCHIVE_SHA256 := %s\n", l->name, a->sha256);
	snprintf(var, sizeof(var), "KILN_LIB_%s_ARCHIVE_PACKAGE", l->name);
	mk_var(f, var, a->package);
	fprintf(f, "KILN_LIB_%s_ARCHIVE_DIR := %s\n", l->name, dir);
	snprintf(var, sizeof(var), "KILN_LIB_%s_ARCHIVE_OVERLAY", l->name);
	mk_path(f, var, l->dir, a->overlay);
	cat_result_archive_sources(r, li, &srcs);
	snprintf(var, sizeof(var), "KILN_LIB_%s_ARCHIVE_SRCS", l->name);
	mk_words(f, var, &srcs, dir);
	cat_strv_free(&srcs);
	snprintf(var, sizeof(var), "KILN_LIB_%s_ARCHIVE_CFLAGS", l->name);
	mk_words(f, var, &a->cflags, NULL);
	fprintf(f, "KILN_LIB_%s_ARCHIVE_CONFIGURED := %s\n", l->name, a->configured ? "1" : "");
	fprintf(f, "KILN_LIB_%s_INCLUDES +=", l->name);
	for (size_t i = 0; i < a->includes.n; i++) {
		fprintf(f, " %s/", dir);
		mk_escape(f, a->includes.v[i]);
	}
	fputc('\n', f);
}

/* Per library: its folder, resolved sources, include folders, flags, config header. */
static void mk_lib(FILE *f, const struct cat_result *r, size_t li, const char *cfgdir)
{
	const struct cat_lib *l = cat_lib_at(cat_result_catalog(r), li);
	struct cat_strv srcs = { 0 };
	char var[160];

	snprintf(var, sizeof(var), "KILN_LIB_%s_DIR", l->name);
	mk_var(f, var, l->dir);
	snprintf(var, sizeof(var), "KILN_LIB_%s_FILE", l->name);
	mk_path(f, var, l->dir, "lib.json"); /* through dir: a link of kiln's when Make needs one */
	cat_result_sources(r, li, &srcs);
	snprintf(var, sizeof(var), "KILN_LIB_%s_SRCS", l->name);
	mk_words(f, var, &srcs, NULL);
	cat_strv_free(&srcs);
	snprintf(var, sizeof(var), "KILN_LIB_%s_INCLUDES", l->name);
	mk_words(f, var, &l->includes, l->dir);
	if (l->nsyshdrs) /* host header folders, linked there by drv_link_syshdrs */
		fprintf(f, "KILN_LIB_%s_INCLUDES += %s/sysinclude/%s\n", l->name, cfgdir, l->name);
	snprintf(var, sizeof(var), "KILN_LIB_%s_CFLAGS", l->name);
	mk_words(f, var, &l->cflags, NULL);
	mk_archive(f, r, li);
	fprintf(f, "KILN_LIB_%s_CONFIG := %s/config/%s.h\n", l->name, cfgdir, l->name);
}

static void mk_option(FILE *f, const struct cat_result *r, size_t oi)
{
	const struct cat_opt *o = cat_opt_at(cat_result_catalog(r), oi);
	const struct cat_setting *st = cat_result_opt(r, oi);

	if (!st->on)
		return;
	fprintf(f, "CONFIG_%s := ", o->name);
	if (o->type == CAT_BOOL)
		fputs("y", f);
	else if (o->type == CAT_INT)
		fprintf(f, "%lld", st->val.num);
	else if (o->type == CAT_HEX)
		fprintf(f, "0x%llx", (unsigned long long)st->val.num);
	else
		mk_escape(f, st->val.str);
	fputc('\n', f);
}

/* CONFIG_LIB<NAME>: upper case, other characters as '_' (as config.h spells it). */
static void mk_lib_macro(FILE *f, const char *name)
{
	fputs("CONFIG_LIB", f);
	for (; *name; name++)
		fputc(isalnum((unsigned char)*name) ? toupper((unsigned char)*name) : '_', f);
	fputs(" := y\n", f);
}

/* KILN_ARGS: the profile's app arguments as one kernel command line (drv_join_args). */
static void mk_args(FILE *f, const struct cat_profile *p)
{
	char *a = drv_join_args(p->args, p->nargs);

	mk_var(f, "KILN_ARGS", a ? a : "");
	free(a);
}

static void mk_header(FILE *f, const struct cat_result *r)
{
	const struct cat_catalog *cat = cat_result_catalog(r);
	const struct cat_profile *p = cat_result_profile(r);
	long app = cat_result_app(r);

	fprintf(f, "# Generated by kiln for profile %s: do not edit, change the profile.\n",
		p->name);
	fputs("KILN_EMPTY :=\ndefine KILN_NL\n\n\nendef\n", f);
	mk_var(f, "KILN_PROFILE_NAME", p->name);
	mk_var(f, "KILN_APP", app < 0 ? "" : cat_lib_at(cat, (size_t)app)->name);
	mk_args(f, p);
	fputs("KILN_TARGETS :=", f);
	for (size_t i = 0; i < p->ntargets; i++)
		fprintf(f, " %s", p->targets[i]);
	fputs("\nKILN_LIBS :=", f);
	for (size_t i = 0; i < cat_nlibs(cat); i++)
		if (cat_result_lib(r, i)->on && cat_lib_at(cat, i)->kind != CAT_PLATFORM)
			fprintf(f, " %s", cat_lib_at(cat, i)->name);
	fputs("\nKILN_PLATS :=", f);
	for (size_t i = 0; i < cat_nlibs(cat); i++)
		if (cat_result_lib(r, i)->on && cat_lib_at(cat, i)->kind == CAT_PLATFORM)
			fprintf(f, " %s", cat_lib_at(cat, i)->platform);
	fputc('\n', f);
	for (size_t i = 0; i < cat_nlibs(cat); i++)
		if (cat_result_lib(r, i)->on && cat_lib_at(cat, i)->kind == CAT_PLATFORM)
			fprintf(f, "KILN_PLAT_%s := %s\n", cat_lib_at(cat, i)->platform,
				cat_lib_at(cat, i)->name);
}

/* Per target: its platform, architecture and the platform library's target data, so that
 * Make never takes a target string apart itself. */
static void mk_target(FILE *f, const struct cat_result *r, const char *t)
{
	const struct cat_catalog *cat = cat_result_catalog(r);
	char plat[CAT_PLAT_NAME_MAX + 1], arch[CAT_PLAT_NAME_MAX + 1], var[128];
	long li = cat_target_lib(cat, t);

	if (li < 0 || cat_target_split(t, plat, sizeof(plat), arch, sizeof(arch)) < 0)
		return; /* the resolver refuses such a profile before anything is written */
	const struct cat_lib *l = cat_lib_at(cat, (size_t)li);

	fprintf(f, "KILN_TARGET_%s_PLAT := %s\nKILN_TARGET_%s_ARCH := %s\n", t, plat, t, arch);
	fprintf(f, "KILN_TARGET_%s_PLATLIB := %s\n", t, l->name);
	snprintf(var, sizeof(var), "KILN_TARGET_%s_CFLAGS", t);
	mk_words(f, var, &cat_plat_arch(l, arch)->cflags, NULL);
	snprintf(var, sizeof(var), "KILN_TARGET_%s_LDS", t);
	mk_path(f, var, l->dir, l->plat->linker_script);
	snprintf(var, sizeof(var), "KILN_TARGET_%s_RUNCFG", t);
	mk_path(f, var, l->dir, l->plat->run_config);
}

char *drv_config_mk(const struct cat_result *r, const char *cfgdir)
{
	const struct cat_catalog *cat = cat_result_catalog(r);
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);

	if (!f)
		return NULL;
	mk_header(f, r);
	fprintf(f, "KILN_CONFIG_DIR := %s\n", cfgdir);
	for (size_t i = 0; i < cat_result_profile(r)->ntargets; i++)
		mk_target(f, r, cat_result_profile(r)->targets[i]);
	for (size_t i = 0; i < cat_nlibs(cat); i++)
		if (cat_result_lib(r, i)->on)
			mk_lib(f, r, i, cfgdir);
	if (mk_sees(f, r) < 0) {
		fclose(f);
		free(text);
		return NULL;
	}
	for (size_t i = 0; i < cat_nlibs(cat); i++) {
		const struct cat_lib *l = cat_lib_at(cat, i);

		if (!cat_result_lib(r, i)->on)
			continue;
		mk_lib_macro(f, l->name);
		for (size_t k = 0; k < l->nopts; k++)
			mk_option(f, r, l->opt_first + k);
	}
	if (fclose(f) != 0) {
		free(text);
		return NULL;
	}
	return text;
}

/* mkdir -p */
int drv_mkdirs(const char *path)
{
	char p[PATH_MAX];

	snprintf(p, sizeof(p), "%s", path);
	for (char *s = p + 1; *s; s++)
		if (*s == '/') {
			*s = '\0';
			if (mkdir(p, 0777) < 0 && errno != EEXIST)
				return -1;
			*s = '/';
		}
	return mkdir(p, 0777) < 0 && errno != EEXIST ? -1 : 0;
}

/* The output folder as config.mk names it: relative to the root when inside it; a folder
 * whose path Make cannot carry is named by a link of kiln's to it. */
static char *shown_dir(const struct cat_result *r, const char *outdir, struct cat_err *err)
{
	const char *root = cat_root(cat_result_catalog(r));
	char cwd[PATH_MAX], *abs = NULL, *shown;
	size_t n = root ? strlen(root) : 0;

	if (outdir[0] == '/')
		abs = strdup(outdir);
	else if (getcwd(cwd, sizeof(cwd)) && asprintf(&abs, "%s/%s", cwd, outdir) < 0)
		abs = NULL;
	if (!abs) {
		cat_err_add(err, NULL, 0, 0, "%s: %s", outdir, strerror(errno));
		return NULL;
	}
	if (root &&
	    !cat_path_portable(abs)) { /* Make sees a link of kiln's (catalog/src/alias.c) */
		char *real = drv_mkdirs(abs) == 0 ? realpath(abs, NULL) : NULL;

		free(abs);
		abs = real ? cat_path_alias(root, real, err) : NULL;
		if (!real)
			cat_err_add(err, NULL, 0, 0, "%s: %s", outdir, strerror(errno));
		free(real);
		if (!abs)
			return NULL;
	}
	if (n && !strncmp(abs, root, n) && abs[n] == '/')
		shown = strdup(abs + n + 1);
	else
		shown = strdup(abs);
	free(abs);
	return shown;
}

/* outdir/sysinclude/<lib>/<as> -> the host folder, for each library's system_headers: the
 * library then sees that folder and nothing else of the host's. */
static int drv_link_syshdr(const char *outdir, const struct cat_lib *l, const struct cat_syshdr *h,
			   struct cat_err *err)
{
	char dir[PATH_MAX], link[PATH_MAX], old[PATH_MAX];
	struct stat st;
	ssize_t n;

	if (stat(h->path, &st) < 0 || !S_ISDIR(st.st_mode)) {
		cat_err_add(err, l->file, 0, 0,
			    "%s needs the headers in %s: install Debian's %s (make deps does)",
			    l->name, h->path, h->package);
		return -1;
	}
	snprintf(dir, sizeof(dir), "%s/sysinclude/%s", outdir, l->name);
	if (snprintf(link, sizeof(link), "%s/%s", dir, h->as) >= (int)sizeof(link))
		return -1;
	n = readlink(link, old, sizeof(old) - 1);
	if (n >= 0 && (size_t)n == strlen(h->path) && !strncmp(old, h->path, (size_t)n))
		return 0; /* already there: leave its mtime alone */
	if (drv_mkdirs(dir) < 0 || (unlink(link) < 0 && errno != ENOENT) ||
	    symlink(h->path, link) < 0) {
		cat_err_add(err, NULL, 0, 0, "cannot link %s: %s", link, strerror(errno));
		return -1;
	}
	return 0;
}

static int drv_link_syshdrs(const struct cat_result *r, const char *outdir, struct cat_err *err)
{
	const struct cat_catalog *cat = cat_result_catalog(r);
	int rc = 0;

	for (size_t i = 0; i < cat_nlibs(cat); i++) {
		const struct cat_lib *l = cat_lib_at(cat, i);

		for (size_t k = 0; cat_result_lib(r, i)->on && k < l->nsyshdrs; k++)
			rc |= drv_link_syshdr(outdir, l, &l->syshdrs[k], err);
	}
	return rc;
}

int drv_write_config(const struct cat_result *r, const char *outdir, struct cat_err *err)
{
	char *shown, *path = NULL, *text;
	int rc = -1;

	if (!(shown = shown_dir(r, outdir, err)))
		return -1;
	if (cat_write_config(r, outdir, err) < 0 || drv_link_syshdrs(r, outdir, err) < 0 ||
	    drv_write_stamps(r, outdir, err) < 0 || drv_write_run_vars(r, outdir, err) < 0) {
		free(shown);
		return -1;
	}
	text = drv_config_mk(r, shown);
	if (text && asprintf(&path, "%s/config.mk", outdir) >= 0)
		rc = cat_write_file(path, text, err);
	else
		cat_err_add(err, NULL, 0, 0, "%s: out of memory", outdir);
	free(path);
	free(text);
	free(shown);
	return rc;
}
