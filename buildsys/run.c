/*
 * buildsys/run.c — the run behind `kiln run` (cli/run.c): build a profile
 * (buildsys/driver.c), then boot one of its images the way its platform's lib.json says
 * ("run": the command with its tokens filled in, how the exit status comes back, the
 * machines and accelerators offered), and hand the guest's exit status back. No platform
 * is named here: the run description is data (catalog/README.md has its format).
 *
 * Exit status (buildsys/README.md):
 *   0-125  the app's exit status, exactly
 *   255    the guest crashed (fatal exception or panic)
 *   254    the guest stopped without a status (reset, triple fault, power-off)
 *   253    the runner itself failed (QEMU's bad options) or was killed
 *   1      kiln failed before the runner started (the runner missing too)
 * A "debug-exit" status is QEMU's isa-debug-exit: the guest writes v = status + 1 (127 for
 * a crash), QEMU exits with (v << 1) | 1. An "exit" status is the runner's own, already in
 * the convention above.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <ctype.h>
#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <kiln/build.h>

/* Everything a run command's tokens may stand for. */
struct drv_runctx {
	const struct cat_run *run;
	const struct cat_accel *accel;
	char image[PATH_MAX], config[PATH_MAX], dir[PATH_MAX], initrd[PATH_MAX];
	const char *machine, *mem;
	char cmdline[4096];
	char **args;
	int nargs;
	char *ports;			/* @PORTS@ */
	const char *tap;		/* @TAP@ */
	const struct cat_run_word *net; /* what @NET_ARGS@ spreads into, NULL: nothing */
	size_t nnet;
};

/* "auto": the first accelerator whose device opens and whose "unless" path is absent. */
static const struct cat_accel *drv_pick_accel(const struct cat_run *run, const char *want,
					      const char **why)
{
	static char why_buf[PATH_MAX + 64];

	for (size_t i = 0; want && i < run->naccels; i++)
		if (!strcmp(run->accels[i].name, want)) {
			*why = "asked for";
			return &run->accels[i];
		}
	if (want)
		return NULL;
	for (size_t i = 0; i < run->naccels; i++) {
		const struct cat_accel *a = &run->accels[i];
		int fd = a->device ? open(a->device, O_RDWR | O_CLOEXEC) : -1;

		if (fd >= 0)
			close(fd);
		if (a->device && fd < 0) {
			snprintf(why_buf, sizeof(why_buf), "auto: %s cannot be opened", a->device);
			continue;
		}
		if (a->unless && access(a->unless, F_OK) == 0) {
			snprintf(why_buf, sizeof(why_buf), "auto: not %s, as %s exists here",
				 a->name, a->unless);
			continue;
		}
		if (i == 0)
			snprintf(why_buf, sizeof(why_buf), "auto: the first that works here");
		*why = why_buf;
		return a;
	}
	return NULL;
}

/* Appends word to the command line, escaping what the guest's splitter (kiln/args.h)
 * treats specially; an empty word as "" (else it would vanish). -1 when it does not fit. */
static int drv_append_word(char *buf, size_t size, const char *word)
{
	size_t n = strlen(buf);
	int empty = !*word;

	if (n && n + 1 < size)
		buf[n++] = ' ';
	for (word = empty ? "\"\"" : word; *word; word++) {
		int esc = !empty && strchr(" \t\n\r'\"\\", *word) != NULL;

		if (n + esc + 1 >= size)
			break;
		if (esc)
			buf[n++] = '\\';
		buf[n++] = *word;
	}
	buf[n] = '\0';
	return *word ? -1 : 0;
}

/* Prints argv as one shell-quoted line on stderr: pasted into a shell, it runs as is. */
static void drv_print_cmd(char **argv)
{
	fprintf(stderr, "kiln: run:");
	for (int i = 0; argv[i]; i++) {
		if (strpbrk(argv[i], " \t\n'\"\\$`;&|<>()*?![]{}~#") || !argv[i][0]) {
			fputs(" '", stderr);
			for (const char *c = argv[i]; *c; c++)
				*c == '\'' ? fputs("'\\''", stderr) : fputc(*c, stderr);
			fputc('\'', stderr);
		} else {
			fprintf(stderr, " %s", argv[i]);
		}
	}
	fputc('\n', stderr);
}

/* The runner's exit status -> kiln run's (see the top of this file). */
static int drv_map_status(const struct cat_run *run, int status)
{
	if (!WIFEXITED(status)) {
		int sig = WTERMSIG(status);

		/* A runner that is the guest (status "exit") dies of a fault its own handler
		 * could not report: that is a crash. Any other signal stopped the runner. */
		if (run->status == CAT_STATUS_EXIT &&
		    (sig == SIGSEGV || sig == SIGBUS || sig == SIGILL || sig == SIGFPE ||
		     sig == SIGABRT)) {
			fprintf(stderr, "kiln: run: the guest crashed (signal %d)\n", sig);
			return DRV_EXIT_CRASH;
		}
		fprintf(stderr, "kiln: run: the runner was killed by signal %d\n", sig);
		return DRV_EXIT_QEMU_FAILED;
	}
	int h = WEXITSTATUS(status);
	if (run->status == CAT_STATUS_EXIT)
		return h;
	if (h == 0) {
		fprintf(stderr, "kiln: run: the guest stopped without an exit status\n");
		return DRV_EXIT_NO_STATUS;
	}
	if (h == 1 || !(h & 1)) {
		fprintf(stderr, "kiln: run: the runner failed (exit status %d)\n", h);
		return DRV_EXIT_QEMU_FAILED;
	}
	if (h >> 1 == 127) {
		fprintf(stderr, "kiln: run: the guest crashed\n");
		return DRV_EXIT_CRASH;
	}
	return (h >> 1) - 1;
}

/* Bytes in a QEMU -m SIZE (a whole number, M unless a K, M, G or T suffix says otherwise);
 * 0 when it does not parse, which is left for the runner to report. */
static unsigned long long drv_mem_bytes(const char *size)
{
	char *end;
	unsigned long long n = strtoull(size, &end, 10);
	const char *units = "KMGT", *u = *end ? strchr(units, toupper(*end)) : units + 1;

	if (end == size || !u || !*u || (*end && end[1] && strcmp(end + 1, "B") != 0))
		return 0;
	return n << (10 * (u - units + 1));
}

/* The highest physical address the image's loadable segments reach (the ELF64 program
 * headers a loader reads), or 0 when the file does not say. */
static unsigned long long drv_image_end(const char *image)
{
	FILE *f = fopen(image, "rb");
	Elf64_Ehdr eh;
	Elf64_Phdr ph;
	unsigned long long end = 0;

	if (!f)
		return 0;
	if (fread(&eh, sizeof(eh), 1, f) == 1 && !memcmp(eh.e_ident, ELFMAG, SELFMAG) &&
	    eh.e_ident[EI_CLASS] == ELFCLASS64 && eh.e_phentsize == sizeof(ph)) {
		for (int i = 0; i < eh.e_phnum; i++) {
			if (fseek(f, (long)(eh.e_phoff + (Elf64_Off)i * sizeof(ph)), SEEK_SET) ||
			    fread(&ph, sizeof(ph), 1, f) != 1)
				break;
			if (ph.p_type == PT_LOAD && ph.p_paddr + ph.p_memsz > end)
				end = ph.p_paddr + ph.p_memsz;
		}
	}
	fclose(f);
	return end;
}

/* With too little memory the image loads partly into nothing and the guest hangs without a
 * word: say so instead. */
static int drv_check_mem(const char *mem, const char *image)
{
	unsigned long long bytes = drv_mem_bytes(mem), end = drv_image_end(image);

	if (!bytes || bytes >= end)
		return 0;
	fprintf(stderr,
		"kiln: run: -m %s is too small: the image reaches address 0x%llx, "
		"so it needs at least %lluK\n",
		mem, end, (end + 1023) / 1024);
	return -1;
}

static void drv_free_argv(char **argv)
{
	for (size_t i = 0; argv && argv[i]; i++)
		free(argv[i]);
	free(argv);
}

/* The value of a single token ("@MEM@"), or NULL when it is not one. */
static const char *drv_token(const struct drv_runctx *c, const char *tok, size_t len)
{
	static const char *const names[] = { "IMAGE", "CONFIG", "DIR",	   "MACHINE",
					     "ACCEL", "MEM",	"CMDLINE", "INITRD",
					     "PORTS", "TAP",	NULL };
	const char *vals[] = {
		c->image, c->config,  c->dir,	 c->machine, c->accel ? c->accel->name : "",
		c->mem,	  c->cmdline, c->initrd, c->ports,   c->tap
	};

	for (size_t i = 0; names[i]; i++)
		if (strlen(names[i]) == len && !strncmp(tok, names[i], len))
			return vals[i] ? vals[i] : "";
	return drv_machine_var(c->run, c->machine, tok, len);
}

/* Fills the tokens of one word; NULL (said) for an unknown token. */
static char *drv_fill_word(const struct drv_runctx *c, const char *w)
{
	char *out = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&out, &len);

	while (f && *w) {
		const char *end = *w == '@' ? strchr(w + 1, '@') : NULL;
		const char *v = end ? drv_token(c, w + 1, (size_t)(end - w - 1)) : NULL;

		if (*w == '@' && !v) {
			fprintf(stderr, "kiln: run: unknown token in the run command: %s\n", w);
			fclose(f);
			free(out);
			return NULL;
		}
		if (v) {
			fputs(v, f);
			w = end + 1;
		} else {
			fputc(*w++, f);
		}
	}
	if (f)
		fclose(f);
	return out;
}

/* Fills words [i, end) of one group into argv at *n; drops them all when one comes out
 * empty. -1 (said) on an unknown token. */
static int drv_fill_group(const struct drv_runctx *c, const struct cat_run_word *words, size_t i,
			  size_t end, char **argv, size_t *n)
{
	size_t first = *n;
	int empty = 0;

	for (; i < end; i++) {
		if (!(argv[*n] = drv_fill_word(c, words[i].text)))
			return -1;
		empty |= !argv[(*n)++][0];
	}
	while (empty && *n > first) {
		free(argv[--*n]);
		argv[*n] = NULL;
	}
	return 0;
}

/* Fills words[0, n) into argv at *n: groups dropped when one of their words comes out
 * empty, @ACCEL_ARGS@, @ARGS@ and @NET_ARGS@ spread into words. -1 (said) on an unknown
 * token. */
static int drv_fill_words(const struct drv_runctx *c, const struct cat_run_word *words,
			  size_t nwords, char **argv, size_t *n)
{
	const struct cat_strv none = { 0 }, *accel = c->accel ? &c->accel->args : &none;
	size_t end;

	for (size_t i = 0; i < nwords; i = end) {
		const char *w = words[i].text;

		for (end = i + 1;
		     words[i].group && end < nwords && words[end].group == words[i].group; end++)
			;
		if (!strcmp(w, "@ACCEL_ARGS@"))
			for (size_t j = 0; j < accel->n; j++)
				argv[(*n)++] = strdup(accel->v[j]);
		else if (!strcmp(w, "@ARGS@"))
			for (int j = 0; j < c->nargs; j++)
				argv[(*n)++] = strdup(c->args[j]);
		else if (!strcmp(w, "@NET_ARGS@")) {
			if (c->net && drv_fill_words(c, c->net, c->nnet, argv, n) < 0)
				return -1;
		} else if (drv_fill_group(c, words, i, end, argv, n) < 0)
			return -1;
	}
	return 0;
}

/* The command: words filled (drv_fill_words), the program replaced by command_env when
 * that is set. Returns a NULL-terminated array to free with drv_free_argv, or NULL (said). */
static char **drv_build_argv(const struct drv_runctx *c)
{
	const struct cat_run *run = c->run;
	const struct cat_strv none = { 0 }, *accel = c->accel ? &c->accel->args : &none;
	char **argv =
		calloc(run->nwords + (size_t)c->nargs + accel->n + c->nnet + 1, sizeof(*argv));
	const char *env = run->command_env ? getenv(run->command_env) : NULL;
	size_t n = 0;

	if (argv && drv_fill_words(c, run->words, run->nwords, argv, &n) < 0) {
		drv_free_argv(argv);
		return NULL;
	}
	if (argv && n && env && *env) {
		free(argv[0]);
		argv[0] = strdup(env);
	}
	if (argv && (!n || !argv[0])) {
		drv_free_argv(argv);
		return NULL;
	}
	return argv;
}

/* build/<name>/<target>/<app>.<target>.<ext>, absolute, so a printed command runs from any
 * folder. */
static void drv_target_file(const struct drv_resolved *r, const char *target, const char *ext,
			    char *buf, size_t size)
{
	char cwd[PATH_MAX];

	if (!getcwd(cwd, sizeof(cwd)))
		strcpy(cwd, ".");
	if (snprintf(buf, size, "%.1024s/%s/%s/%s.%s.%s", cwd, r->outdir, target, r->app, target,
		     ext) >= (int)size)
		buf[0] = '\0'; /* too long to name: the access check below says so */
}

/* The target to run: the one asked for, else the profile's first. */
static const char *drv_pick_target(const struct drv_opts *o, const struct drv_resolved *r)
{
	for (size_t i = 0; i < r->targets.n; i++)
		if (!o->target || !strcmp(o->target, r->targets.v[i]))
			return r->targets.v[i];
	fprintf(stderr, "kiln: run: %s has no target %s (it has:", o->profile, o->target);
	for (size_t i = 0; i < r->targets.n; i++)
		fprintf(stderr, " %s", r->targets.v[i]);
	fprintf(stderr, ")\n");
	return NULL;
}

/* A value the user gave (machine, accelerator) must be one the platform offers. */
static int drv_offered(const char *what, const char *plat, const char *want, size_t n,
		       const char *(*name)(const struct cat_run *, size_t),
		       const struct cat_run *run)
{
	if (!want)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (!strcmp(want, name(run, i)))
			return 0;
	fprintf(stderr, "kiln: run: platform %s offers no %s %s (it offers:%s", plat, what, want,
		n ? "" : " none");
	for (size_t i = 0; i < n; i++)
		fprintf(stderr, " %s", name(run, i));
	fprintf(stderr, ")\n");
	return -1;
}

static const char *drv_machine_at(const struct cat_run *run, size_t i)
{
	return run->machines.v[i];
}

static const char *drv_accel_at(const struct cat_run *run, size_t i)
{
	return run->accels[i].name;
}

/* The network asked for (-p, --net): the platform's words for it, or -1 (said) when the
 * platform offers none such. */
static int drv_pick_net(const struct drv_opts *o, const struct cat_lib *l, struct drv_runctx *c)
{
	const struct cat_run *run = l->plat->run;

	if (o->tap && o->ports.n) {
		fprintf(stderr,
			"kiln: run: -p maps ports of the user network: not with --net tap\n");
		return -1;
	}
	if ((o->ports.n && !run->nnet_user) || (o->tap && !run->nnet_tap)) {
		fprintf(stderr,
			"kiln: run: platform %s offers no %s network (no \"network\" in %s)\n",
			l->platform, o->tap ? "tap" : "user", l->file);
		return -1;
	}
	if (o->ports.n) {
		c->net = run->net_user;
		c->nnet = run->nnet_user;
		c->ports = drv_ports_value(run, &o->ports);
	} else if (o->tap) {
		c->net = run->net_tap;
		c->nnet = run->nnet_tap;
		c->tap = o->tap;
	}
	return 0;
}

/* Fills the context for target t of platform library l; an exit status (said) when it
 * cannot run: DRV_EXIT_USAGE for an option the platform does not offer. */
static int drv_prepare_run(const struct drv_opts *o, const struct drv_resolved *r, const char *t,
			   const struct cat_lib *l, struct drv_runctx *c)
{
	const struct cat_run *run = l->plat->run;
	const char *why = "";

	if (!run) {
		fprintf(stderr,
			"kiln: run: %s: platform %s says no way to run its images "
			"(no \"run\" in %s)\n",
			t, l->platform, l->file);
		return DRV_EXIT_KILN_FAILED;
	}
	if (drv_offered("machine", l->platform, o->machine, run->machines.n, drv_machine_at, run) <
		    0 ||
	    drv_offered("accelerator", l->platform, o->accel, run->naccels, drv_accel_at, run) < 0)
		return DRV_EXIT_USAGE;
	if (o->mem && !run->memory) {
		fprintf(stderr, "kiln: run: platform %s takes no memory size (-m)\n", l->platform);
		return DRV_EXIT_USAGE;
	}
	*c = (struct drv_runctx){ .run = run, .mem = o->mem ? o->mem : run->memory };
	c->machine = o->machine ? o->machine : run->machines.n ? run->machines.v[0] : "";
	if (run->naccels) {
		c->accel = drv_pick_accel(run, o->accel, &why);
		if (!c->accel) {
			fprintf(stderr, "kiln: run: no accelerator of %s works here\n",
				l->platform);
			return DRV_EXIT_KILN_FAILED;
		}
		fprintf(stderr, "kiln: run: accelerator %s (%s)\n", c->accel->name, why);
	}
	drv_target_file(r, t, "elf", c->image, sizeof(c->image));
	drv_target_file(r, t, "cfg", c->config, sizeof(c->config));
	if (!realpath(l->dir, c->dir))
		snprintf(c->dir, sizeof(c->dir), "%s", l->dir);
	if (drv_pick_net(o, l, c) < 0)
		return DRV_EXIT_USAGE;
	c->args = o->app_args ? o->app_args : r->args;
	c->nargs = o->app_args ? o->napp_args : (int)r->nargs;
	if (c->nargs)
		drv_append_word(c->cmdline, sizeof(c->cmdline), "--");
	for (int i = 0; i < c->nargs; i++)
		if (drv_append_word(c->cmdline, sizeof(c->cmdline), c->args[i]) < 0) {
			fprintf(stderr,
				"kiln: run: the app's arguments make a command line longer than "
				"%zu bytes, from argument %d on\n",
				sizeof(c->cmdline) - 1, i + 1);
			return DRV_EXIT_USAGE;
		}
	return 0;
}

/* Whether some word of the run command names token (e.g. "@INITRD@"). */
static int drv_run_names(const struct cat_run *run, const char *token)
{
	for (size_t i = 0; i < run->nwords; i++)
		if (strstr(run->words[i].text, token))
			return 1;
	return 0;
}

/* --initrd: a file as it is, a folder packed into build/<name>/<target>/initrd.cpio.
 * Empty when not asked for (the command's group naming @INITRD@ is then dropped). */
static int drv_prepare_initrd(const struct drv_opts *o, const struct drv_resolved *r, const char *t,
			      const struct cat_lib *l, struct drv_runctx *c)
{
	struct stat st;

	c->initrd[0] = '\0';
	if (!o->initrd)
		return 0;
	if (!drv_run_names(c->run, "@INITRD@")) {
		fprintf(stderr,
			"kiln: run: platform %s takes no initrd (its run command in %s names no "
			"@INITRD@)\n",
			l->platform, l->file);
		return DRV_EXIT_USAGE;
	}
	if (stat(o->initrd, &st) < 0 || !S_ISDIR(st.st_mode)) {
		snprintf(c->initrd, sizeof(c->initrd), "%s", o->initrd);
		return 0;
	}
	drv_target_file(r, t, "initrd.cpio", c->initrd, sizeof(c->initrd));
	/* <app>.<target>.initrd.cpio: beside the image, named like it */
	if (!o->dry_run && drv_pack_cpio(o->initrd, c->initrd) < 0)
		return DRV_EXIT_KILN_FAILED;
	return 0;
}

/* Boots target t's image and returns the run's exit status. */
static int drv_boot(const struct drv_opts *o, const struct drv_resolved *r, const char *t)
{
	const struct cat_lib *l = cat_lib_at(r->cat, (size_t)cat_target_lib(r->cat, t));
	struct drv_runctx c;
	char **argv;
	int status, rc = drv_prepare_run(o, r, t, l, &c);

	if (rc == 0)
		rc = drv_prepare_initrd(o, r, t, l, &c);
	if (rc != 0)
		return rc;
	if (!(argv = drv_build_argv(&c))) {
		free(c.ports);
		return DRV_EXIT_KILN_FAILED;
	}
	rc = DRV_EXIT_KILN_FAILED;
	drv_print_cmd(argv);
	if (o->dry_run)
		rc = 0;
	else if (access(c.image, R_OK) != 0)
		fprintf(stderr, "kiln: run: %s: %s\n", c.image, strerror(errno));
	else if (c.mem && drv_check_mem(c.mem, c.image) < 0)
		;
	else if (drv_spawn(argv, 0, &status) == 0)
		rc = drv_map_status(c.run, status);
	drv_free_argv(argv);
	free(c.ports);
	return rc;
}

int drv_run(const struct drv_opts *o, struct drv_resolved *r)
{
	const char *t = drv_pick_target(o, r);

	if (!t)
		return DRV_EXIT_USAGE;
	if (o->napp_args && !r->takes_args) {
		fprintf(stderr,
			"kiln: run: the app takes no arguments: library " CAT_ARGS_LIB
			" is off in %s (turn it on to pass arguments after --)\n",
			o->profile);
		return DRV_EXIT_USAGE;
	}
	if (!o->no_build && !o->dry_run && drv_make(o, r->outdir, 1) < 0)
		return DRV_EXIT_KILN_FAILED;
	drv_unlock(&r->lock_fd); /* built: another build may go on while this one boots */
	return drv_boot(o, r, t);
}
