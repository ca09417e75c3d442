/*
 * tui/main.c — kiln-menu: the menu program (`make menuconfig`, `kiln menu [PROFILE]`).
 *
 *   kiln-menu [--root DIR] [--kiln PATH] [-L LIBDIR]... [PROFILE]
 *
 * Opens the catalog under DIR (default: the kiln tree as cat_find_root finds it: KILN_ROOT,
 * the current folder or above, the binary's folder or above), with KILN_LIBPATH's folders
 * and the -L folders (as the kiln tool takes them), and PROFILE (default: the helloworld example's
 * first profile), then runs the key loop until the user quits. Build and run call PATH (default:
 * $KILN, else the kiln beside this binary, else build/bin/kiln under DIR). All state is in one
 * struct tui; this file sets the terminal up, puts the tree and the why pane on the stack, runs the
 * loop (loop.c) and tears it all down. KILN_MENU_TIMING=FILE writes the start-up time (process
 * start to first full screen) to FILE, for `make bench`; KILN_MENU_KEY_TIMING=FILE appends one
 * line per key: the milliseconds from the key to the screen redrawn after it.
 */
#include <curses.h>
#include <limits.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "tui.h"

static double now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/* Process start in CLOCK_MONOTONIC milliseconds: /proc/self/stat field 22 is the start
 * time in clock ticks since boot (proc(5)), on the same clock as CLOCK_MONOTONIC less
 * suspend time, which is close enough for a start-up figure. */
static double process_start_ms(void)
{
	char buf[1024];
	FILE *f = fopen("/proc/self/stat", "r");
	size_t n = f ? fread(buf, 1, sizeof buf - 1, f) : 0;
	if (f)
		fclose(f);
	buf[n] = 0;
	char *p = strrchr(buf, ')');
	unsigned long long ticks = 0;
	for (int field = 2; p && *p && field < 22; p++)
		if (*p == ' ' && ++field == 22)
			ticks = strtoull(p + 1, NULL, 10);
	return ticks ? ticks * 1e3 / (double)sysconf(_SC_CLK_TCK) : now_ms();
}

/* The directory of this executable, for finding kiln beside it and the repository above. */
static void exe_dir(char *buf, size_t len)
{
	ssize_t n = readlink("/proc/self/exe", buf, len - 1);
	buf[n > 0 ? n : 0] = 0;
	char *slash = strrchr(buf, '/');
	if (slash)
		*slash = 0;
}

static void usage(void)
{
	fprintf(stderr, "usage: kiln-menu [--root DIR] [--kiln PATH] [-L LIBDIR]... [PROFILE]\n");
}

static int parse_args(int argc, char **argv, char *root, size_t rlen, const char **profile,
		      const char **kiln, struct tui *ui)
{
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "-L") && i + 1 < argc) {
			if (ui->nlibdirs == sizeof ui->libdirs / sizeof *ui->libdirs)
				return -1;
			ui->libdirs[ui->nlibdirs++] = argv[++i];
		} else if (!strncmp(argv[i], "-L", 2) && argv[i][2]) {
			if (ui->nlibdirs == sizeof ui->libdirs / sizeof *ui->libdirs)
				return -1;
			ui->libdirs[ui->nlibdirs++] = argv[i] + 2;
		} else if (!strcmp(argv[i], "--root") && i + 1 < argc) {
			snprintf(root, rlen, "%s", argv[++i]);
		} else if (!strcmp(argv[i], "--kiln") && i + 1 < argc) {
			*kiln = argv[++i];
		} else if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) {
			usage();
			exit(0);
		} else if (argv[i][0] == '-' || *profile) {
			usage();
			return -1;
		} else {
			*profile = argv[i];
		}
	}
	return 0;
}

static void start_curses(struct tui *ui)
{
	set_escdelay(25); /* Esc alone must feel instant; escape sequences arrive together */
	initscr();
	raw(); /* Ctrl-C reaches the menu as a key: it stops a guest, it does not kill us */
	noecho();
	keypad(stdscr, TRUE);
	curs_set(0);
	view_init_colors(ui);
}

int main(int argc, char **argv)
{
	static char root[PATH_MAX], bindir[PATH_MAX], kiln[PATH_MAX + 8];
	const char *profile = NULL;
	char *default_profile = NULL;
	char err[1024];
	struct tui ui = { .t_start = process_start_ms(), .why.node = -1 };
	setlocale(LC_ALL, "");
	exe_dir(bindir, sizeof bindir);
	const char *kiln_arg = getenv("KILN");
	if (parse_args(argc, argv, root, sizeof root, &profile, &kiln_arg, &ui) < 0)
		return 2;
	if (tm_find_root(root, sizeof root, err, sizeof err) < 0 ||
	    (!profile &&
	     !(profile = default_profile = tm_default_profile(root, err, sizeof err)))) {
		fprintf(stderr, "%s\n", err);
		return 1;
	}
	snprintf(kiln, sizeof kiln, "%s/kiln", bindir);
	if (access(kiln, X_OK) != 0)
		snprintf(kiln, sizeof kiln, "%.4000s/build/bin/kiln", root);
	ui.root = root;
	ui.kiln = kiln_arg && kiln_arg[0] ? kiln_arg : kiln;
	ui.timing_file = getenv("KILN_MENU_TIMING");
	ui.key_timing_file = getenv("KILN_MENU_KEY_TIMING");
	int loaded = profile_load(&ui, profile, err, sizeof err);
	free(default_profile);
	if (loaded < 0) {
		fprintf(stderr, "%s\n", err);
		return 1;
	}
	start_curses(&ui);
	pane_push(&ui, tree_pane_new());
	pane_push(&ui, why_pane_new());
	if (ui.npanes == 2)
		loop_run(&ui);
	panes_free(&ui);
	endwin();
	tree_free(&ui.tree);
	undo_free(&ui.undo);
	why_free(&ui);
	free(ui.saved);
	tm_close(ui.model);
	return 0;
}
