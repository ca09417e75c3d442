/*
 * tui/runpane.c — `b` builds, `r` runs: `kiln build|run PROFILE` as a child on a pseudo
 * terminal, its output streamed into a full-screen pane.
 *
 * A pty rather than pipes so the child line-buffers and QEMU's serial console behaves as
 * in a terminal. The child is its own session (forkpty), so stopping it signals the whole
 * process group: kiln, make, the compilers, QEMU. Build output gets a progress bar from the
 * backend's "[ n/m]" step counters; when a build fails, the pane names the failing line
 * (the compiler's error or make's "Error"). In a run, q or Ctrl-C stops the guest; other
 * keys go to the guest's console; after a stop the menu is back at once. When the child
 * ends by itself, the pane stays until a key, so the result can be read. The pane is one
 * of the stack's (tui.h): the loop looks at the child on every turn (run_tick) and waits
 * for its output as well as for keys.
 */
#include <ctype.h>
#include <curses.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "tui.h"

#define MAX_LINES 4000

struct run_pane {
	struct pane base;
	enum run_mode mode;
	pid_t pid;
	int fd;	    /* pty master, -1 once the child closed it */
	int status; /* wait status, once exited */
	bool exited;
	bool stopped;	  /* the user stopped it */
	struct lines out; /* finished lines */
	char cur[1024];	  /* the line being received */
	size_t curlen;
	int esc;	  /* inside an escape sequence: 1 after ESC, 2 inside CSI/OSC */
	bool cr;	  /* a \r came last: the next text starts the line over */
	int done, total;  /* progress from "[ n/m]" */
	char failed[256]; /* the first line that names the failure, path shortened */
	bool booted;	  /* kiln run printed the runner's command: the guest's output follows */
	char step[256];	  /* the build step (quiet command) that failed */
	int scroll;	  /* lines scrolled back from the end */
	int rows, cols;	  /* the size the child was told */
};

static int out_height(const struct tui *ui)
{
	return ui->lay.rows - 5; /* title, progress, failed step, status, legend */
}

static void set_winsize(struct tui *ui, int fd)
{
	struct winsize ws = { .ws_row = (unsigned short)out_height(ui),
			      .ws_col = (unsigned short)ui->lay.cols };
	ioctl(fd, TIOCSWINSZ, &ws);
}

static int spawn(struct tui *ui, struct run_pane *p)
{
	struct winsize ws = { .ws_row = (unsigned short)out_height(ui),
			      .ws_col = (unsigned short)ui->lay.cols };
	const char *verb = p->mode == RUN_BUILD ? "build" : "run";
	p->pid = forkpty(&p->fd, NULL, NULL, &ws);
	if (p->pid < 0)
		return -1;
	if (p->pid == 0) {
		setenv("NO_COLOR", "1", 1);
		execl(ui->kiln, "kiln", verb, ui->path, (char *)NULL);
		fprintf(stderr, "kiln: cannot run %s: %s\n", ui->kiln, strerror(errno));
		_exit(127);
	}
	fcntl(p->fd, F_SETFL, O_NONBLOCK);
	return 0;
}

/* "[ 3/12]" anywhere in a line: the backend's step counter. */
static void parse_progress(struct run_pane *p, const char *line)
{
	const char *b = strchr(line, '[');
	int done, total;
	if (b && sscanf(b, "[ %d/%d]", &done, &total) == 2 && total > 0 && done <= total) {
		p->done = done;
		p->total = total;
	}
}

static bool failure_line(const char *s)
{
	return strstr(s, "error:") || strstr(s, "Error ") || strstr(s, "*** ") ||
	       !strncmp(s, "kiln: ", 6);
}

/* The step whose file the compiler's error names ("src/main.c:4:16: error: ..."): its
 * quiet line ("[  1/21] CC    src/main.c") is the failing command. */
static void find_step(struct run_pane *p, const char *line)
{
	size_t flen = strcspn(line, ":");
	for (size_t i = p->out.n; flen && i-- > 0;) {
		const char *s = p->out.v[i], *f = strstr(s, "] ");
		if (f && strstr(f, line) == NULL && memmem(f, strlen(f), line, flen)) {
			snprintf(p->step, sizeof p->step, "%.255s", s);
			return;
		}
	}
}

/* Keeps the first failure line, with its file's folders cut so the message fits. */
static void note_failure(struct run_pane *p)
{
	const char *line = p->cur, *colon = strchr(line, ':'), *slash = line;
	find_step(p, line);
	for (const char *c = line; colon && c < colon; c++)
		if (*c == '/')
			slash = c + 1;
	snprintf(p->failed, sizeof p->failed, "%.255s", slash);
}

/* "kiln: run: qemu-system-x86_64 -kernel ...": the command kiln run starts (its errors,
 * "kiln: run: -m 8M is too small: ...", always say why after a colon). */
static bool is_run_command(const char *s)
{
	return !strncmp(s, "kiln: run: ", 11) && !strstr(s + 11, ": ");
}

static void end_line(struct run_pane *p)
{
	p->cur[p->curlen] = 0;
	parse_progress(p, p->cur);
	if (is_run_command(p->cur) && !p->booted) { /* the build's lines make way */
		p->booted = true;
		lines_reset(&p->out);
		p->scroll = 0;
	} else if (failure_line(p->cur) && !p->failed[0])
		note_failure(p);
	if (p->out.n == MAX_LINES) {
		free(p->out.v[0]);
		memmove(p->out.v, p->out.v + 1, (p->out.n - 1) * sizeof *p->out.v);
		p->out.n--;
	}
	lines_add(&p->out, "%s", p->cur);
	p->curlen = 0;
	p->cr = false;
}

/* Takes bytes from the child: lines on \n, \r restarts the line, escape sequences and
 * other control characters are dropped (the pane is not a terminal emulator). */
static void feed(struct run_pane *p, const char *buf, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)buf[i];
		if (p->esc == 1) {
			p->esc = (c == '[' || c == ']') ? 2 : 0;
		} else if (p->esc == 2) {
			p->esc = (c >= 0x40 && c <= 0x7e && c != '[' && c != ']') || c == 7 ? 0 : 2;
		} else if (c == '\033') {
			p->esc = 1;
		} else if (c == '\n') {
			end_line(p);
		} else if (c == '\r') {
			p->cr = true; /* "\r\r\n" (a pty adds one) still ends the line */
		} else if ((c >= 32 || c == '\t') && p->curlen + 1 < sizeof p->cur) {
			if (p->cr)
				p->curlen = 0; /* text after a bare \r overwrites the line */
			p->cr = false;
			p->cur[p->curlen++] = c == '\t' ? ' ' : (char)c;
		}
	}
}

static void drain(struct run_pane *p)
{
	char buf[4096];
	for (;;) {
		ssize_t n = read(p->fd, buf, sizeof buf);
		if (n > 0) {
			feed(p, buf, (size_t)n);
			continue;
		}
		if (n < 0 && (errno == EAGAIN || errno == EINTR))
			return;
		close(p->fd); /* EOF or EIO: the child side is gone */
		p->fd = -1;
		if (p->curlen)
			end_line(p);
		return;
	}
}

static void reap(struct run_pane *p, bool wait)
{
	if (p->exited)
		return;
	if (waitpid(p->pid, &p->status, wait ? 0 : WNOHANG) == p->pid)
		p->exited = true;
}

/* Stops the child's whole process group: TERM, then KILL if it lingers. */
static void stop(struct run_pane *p)
{
	if (p->exited)
		return;
	p->stopped = true;
	kill(-p->pid, SIGTERM);
	for (int i = 0; i < 20 && !p->exited; i++) {
		struct timespec ts = { 0, 50 * 1000 * 1000 };
		nanosleep(&ts, NULL);
		reap(p, false);
	}
	if (!p->exited)
		kill(-p->pid, SIGKILL);
	reap(p, true);
}

static void draw_progress(struct tui *ui, const struct run_pane *p)
{
	int w = ui->lay.cols - 16;
	if (p->mode != RUN_BUILD || w < 10) {
		mvaddstr(1, 0,
			 p->mode == RUN_BUILD ? ""
			 : p->booted	      ? "guest console:"
					      : "building:");
		return;
	}
	int fill = p->total ? w * p->done / p->total : 0;
	if (p->exited && WIFEXITED(p->status) && WEXITSTATUS(p->status) == 0)
		fill = w;
	mvaddch(1, 1, '[');
	for (int i = 0; i < w; i++)
		addch(i < fill ? '#' : '.');
	if (p->total) /* no "[ n/m]" step at all: make found nothing to do */
		printw("] %d/%d", p->done, p->total);
	else
		addstr(fill ? "] up to date" : "]");
}

/* "failed step: [  1/22] CC    ...end/of/the/path.c": the step's verb stays, a long
 * path keeps its end, which names the file. */
static void draw_step(struct tui *ui, const char *step, int y)
{
	const char *path = strrchr(step, ' ');
	int head = path ? (int)(path + 1 - step) : 0, len = (int)strlen(step);
	int room = ui->lay.cols - 14 - head;
	if (len - head <= room || room < 8)
		mvprintw(y, 0, "failed step: %.*s", ui->lay.cols - 14, step);
	else
		mvprintw(y, 0, "failed step: %.*s...%s", head, step, step + len - room + 3);
}

/* A run that ended with the app's own status (0-125, kiln run passes it exactly, and no
 * kiln error line came): the status the user chose, not a failure. -1 otherwise. */
static int app_status(const struct run_pane *p)
{
	if (p->mode != RUN_BOOT || !p->exited || p->stopped || !WIFEXITED(p->status) ||
	    WEXITSTATUS(p->status) > 125 || !p->booted)
		return -1;
	return WEXITSTATUS(p->status);
}

static void draw_status(struct tui *ui, const struct run_pane *p)
{
	int y = ui->lay.rows - 2;
	bool ok = app_status(p) >= 0 ||
		  (p->exited && WIFEXITED(p->status) && WEXITSTATUS(p->status) == 0);
	attrset(p->exited && !ok && !p->stopped ? view_attr(ui, COL_ERROR) : (int)A_BOLD);
	if (!p->exited)
		mvprintw(y, 0, "%s...", p->mode == RUN_BUILD ? "building" : "running");
	else if (p->stopped)
		mvprintw(y, 0, "stopped.");
	else if (app_status(p) > 0)
		mvprintw(y, 0, "run: done, the app exited with status %d.", app_status(p));
	else if (ok)
		mvprintw(y, 0, "%s: done (exit 0).", p->mode == RUN_BUILD ? "build" : "run");
	else if (WIFEXITED(p->status))
		mvprintw(y, 0, "FAILED (exit %d): %.*s", WEXITSTATUS(p->status), ui->lay.cols - 20,
			 p->failed[0] ? p->failed : "see the output above");
	else
		mvprintw(y, 0, "killed by signal %d", WTERMSIG(p->status));
	if (p->exited && !ok && !p->stopped && p->step[0])
		draw_step(ui, p->step, y - 1);
	attrset(0);
}

/* Output line i (the one still arriving when i == out.n). */
static const char *out_line(const struct run_pane *p, int i, int *len)
{
	const char *s = i < (int)p->out.n ? p->out.v[i] : p->cur;
	*len = i < (int)p->out.n ? (int)strlen(s) : (int)p->curlen;
	return s;
}

/* The output from the bottom up, each line wrapped at the width, so that a long line (the
 * runner's command) shows whole; the scroll goes back by lines. */
static void draw_output(struct tui *ui, const struct run_pane *p)
{
	int h = out_height(ui), cols = ui->lay.cols, bottom = 2 + h;
	int end = (int)p->out.n - p->scroll + (p->curlen && !p->scroll ? 1 : 0);
	for (int i = end - 1; i >= 0 && bottom > 2; i--) {
		int len;
		const char *s = out_line(p, i, &len);
		int rows = len ? (len + cols - 1) / cols : 1;
		attrset(failure_line(s) && i < (int)p->out.n ? view_attr(ui, COL_ERROR) : 0);
		for (int r = rows - 1; r >= 0; r--) {
			int y = bottom - rows + r;
			if (y < 2)
				continue;
			int off = r * cols;
			mvaddnstr(y, 0, s + off, len - off < cols ? len - off : cols);
		}
		bottom -= rows;
	}
	attrset(0);
}

static void run_draw(struct tui *ui, struct pane *base)
{
	struct run_pane *p = (struct run_pane *)base;
	attrset(view_attr(ui, COL_TITLE));
	mvhline(0, 0, ' ', ui->lay.cols);
	mvprintw(0, 1, "%s %.*s", p->mode == RUN_BUILD ? "kiln build" : "kiln run",
		 ui->lay.cols - 14, ui->path);
	attrset(0);
	draw_progress(ui, p);
	draw_output(ui, p);
	draw_status(ui, p);
}

/* A resized terminal: the child's terminal takes the new size too. */
static void run_layout(struct tui *ui, struct pane *base)
{
	struct run_pane *p = (struct run_pane *)base;
	if (p->rows == ui->lay.rows && p->cols == ui->lay.cols)
		return;
	p->rows = ui->lay.rows;
	p->cols = ui->lay.cols;
	if (p->fd >= 0)
		set_winsize(ui, p->fd);
}

/* The child's output and exit, looked at on every turn of the loop. */
static int run_tick(struct tui *ui, struct pane *base)
{
	struct run_pane *p = (struct run_pane *)base;
	if (p->fd >= 0)
		drain(p);
	reap(p, false);
	return p->fd;
}

static void act_scroll_back(struct tui *ui, struct pane *base, int ch)
{
	struct run_pane *p = (struct run_pane *)base;
	int page = out_height(ui), max = (int)p->out.n;
	p->scroll = p->scroll + page < max ? p->scroll + page : max;
}

static void act_scroll_on(struct tui *ui, struct pane *base, int ch)
{
	struct run_pane *p = (struct run_pane *)base;
	int page = out_height(ui);
	p->scroll = p->scroll > page ? p->scroll - page : 0;
}

/* Stops the child if it still runs and goes back to the menu, at once; the status line
 * says how it ended. */
static void act_leave(struct tui *ui, struct pane *base, int ch)
{
	struct run_pane *p = (struct run_pane *)base;
	stop(p);
	bool ok = app_status(p) >= 0 || (WIFEXITED(p->status) && WEXITSTATUS(p->status) == 0);
	if (app_status(p) > 0) {
		view_status(ui, false, "run done: the app exited with status %d", app_status(p));
		pane_remove(ui, base);
		return;
	}
	view_status(ui, !ok && !p->stopped, "%s %s%s", p->mode == RUN_BUILD ? "build" : "run",
		    p->stopped ? "stopped"
		    : ok       ? "done"
			       : "failed: ",
		    p->stopped || ok ? "" : p->failed);
	pane_remove(ui, base);
}

/* Keys no binding takes go to the guest's console while it runs. */
static void run_other(struct tui *ui, struct pane *base, int ch)
{
	struct run_pane *p = (struct run_pane *)base;
	if (p->exited || p->fd < 0 || p->mode != RUN_BOOT || ch <= 0 || ch >= 256)
		return;
	char c = ch == '\n' ? '\r' : (char)ch;
	if (write(p->fd, &c, 1) < 0)
		return;
}

static const struct key_def running_keys[] = {
	{ .codes = { 'q', KEY_CTRL('c'), KEY_ESCAPE }, .act = act_leave, .legend = "q/^C:stop" },
	{ .codes = { KEY_PPAGE }, .act = act_scroll_back, .legend = "PgUp/PgDn:scroll" },
	{ .codes = { KEY_NPAGE }, .act = act_scroll_on },
	{ .act = NULL } /* the end */
};

static const struct key_def ended_keys[] = {
	{ .codes = { 'q', KEY_CTRL('c'), KEY_ESCAPE, '\n', '\r', KEY_ENTER },
	  .act = act_leave,
	  .legend = "q/Enter:back to the menu" },
	{ .codes = { KEY_PPAGE }, .act = act_scroll_back, .legend = "PgUp/PgDn:scroll" },
	{ .codes = { KEY_NPAGE }, .act = act_scroll_on },
	{ .act = NULL } /* the end */
};

static const struct key_def *run_keys(struct tui *ui, struct pane *base)
{
	return ((struct run_pane *)base)->exited ? ended_keys : running_keys;
}

static void run_free(struct pane *base)
{
	struct run_pane *p = (struct run_pane *)base;
	stop(p);
	if (p->fd >= 0)
		close(p->fd);
	lines_free(&p->out);
}

static const struct pane_ops run_ops = {
	.name = "run",
	.layout = run_layout,
	.draw = run_draw,
	.keys = run_keys,
	.other = run_other,
	.tick = run_tick,
	.free = run_free,
	.fullscreen = true,
};

static void run_now(struct tui *ui, enum run_mode mode)
{
	struct run_pane *p = calloc(1, sizeof *p);
	if (!p)
		return;
	p->base.ops = &run_ops;
	p->mode = mode;
	p->fd = -1;
	if (spawn(ui, p) < 0) {
		view_status(ui, true, "kiln: cannot start %s: %s", ui->kiln, strerror(errno));
		free(p);
		return;
	}
	p->rows = ui->lay.rows;
	p->cols = ui->lay.cols;
	pane_push(ui, &p->base);
}

static void saved_answer(struct tui *ui, enum dialog_answer a, const struct pane_arg *arg)
{
	if (a == ANSWER_YES)
		profile_save(ui, false);
	if (a == ANSWER_NO || (a == ANSWER_YES && !ui->dirty))
		run_now(ui, (enum run_mode)arg->index);
}

/* Build and run read the profile from disk: offer to save unsaved changes first. */
void runpane_start(struct tui *ui, enum run_mode mode)
{
	if (!ui->dirty) {
		run_now(ui, mode);
		return;
	}
	const char *line = "The build reads the profile file, not the menu.";
	struct pane_arg arg = { .index = (int)mode };
	dialog_confirm(ui, "Unsaved changes", &line, 1, "Save them first?", true, saved_answer,
		       &arg);
}
