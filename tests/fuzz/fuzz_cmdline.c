/*
 * libFuzzer target: the kiln tool's command-line parsers against argument vectors. The input
 * is split at NUL bytes into at most 32 words; its first byte picks the parser: `kiln build`
 * and `kiln run` (cli_drive_parse: -j, -L, --no-wait, run's options, "--" and the app's
 * words), `kiln resolve -o DIR PROFILE` (cli_start), or the flag remover (cli_flag). Nothing
 * is run: the parsers only fill structures, which are checked here:
 *   - a parse that succeeded without --help has exactly one PROFILE, one of the words;
 *   - -j, when given, is a whole number from 1 to 1024;
 *   - the app's words are the words after the first "--", in order;
 *   - cli_flag removes every copy of the flag and nothing else.
 * A broken invariant aborts. Run it with -close_fd_mask=3 (tests/fuzz/run.sh does): the
 * parsers' one-line errors and usage texts are expected output.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../../cli/cli.h"

#define MAX_WORDS 32

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Splits data[1..] at NUL bytes into argv[1..]; argv[0] is the subcommand. */
static int split(const uint8_t *data, size_t size, char *buf, char **argv, const char *cmd)
{
	int argc = 1;

	memcpy(buf, data, size);
	buf[size] = '\0';
	argv[0] = (char *)cmd;
	for (size_t i = 0; i < size && argc < MAX_WORDS;) {
		argv[argc++] = buf + i;
		i += strlen(buf + i) + 1;
	}
	argv[argc] = NULL;
	return argc;
}

static int jobs_valid(const char *j)
{
	char *end;
	long n = strtol(j, &end, 10);

	return j[0] >= '0' && j[0] <= '9' && !*end && n >= 1 && n <= 1024;
}

static void check_drive(const char *cmd, int argc, char **argv)
{
	char *copy[MAX_WORDS + 1];
	struct drv_opts o;
	int help, dash = -1, found = 0;

	memcpy(copy, argv, sizeof(*argv) * (size_t)(argc + 1));
	for (int i = 1; i < argc && dash < 0; i++)
		if (!strcmp(argv[i], "--"))
			dash = i;
	if (cli_drive_parse(cmd, argc, argv, &o, &help) == 0 && !help) {
		for (int i = 1; i < (dash < 0 ? argc : dash); i++)
			found |= o.profile == copy[i] || (o.profile && !strcmp(o.profile, copy[i]));
		if (!o.profile || !found)
			abort();
		if (o.jobs && !jobs_valid(o.jobs))
			abort();
		if (dash >= 0 && (o.napp_args != argc - dash - 1 ||
				  (o.napp_args && strcmp(o.app_args[0], copy[dash + 1]))))
			abort();
		if (dash < 0 && o.app_args)
			abort();
	}
	drv_opts_free(&o);
}

static void check_start(int argc, char **argv)
{
	static const struct cli_cmd resolve_like = { "kiln resolve [-o DIR] PROFILE", "", 'o', 1,
						     "expected one PROFILE" };
	struct cli_env env = { 0 };
	const char *val = NULL;
	int rc;

	if (cli_start(&env, argc, argv, &resolve_like, &val, &rc) == 0) {
		if (optind != argc - 1 || !argv[optind])
			abort();
		cli_done(&env);
	} else if (rc != KILN_OK && rc != KILN_EUSER && rc != KILN_EUSAGE) {
		abort();
	}
}

static void check_flag(int argc, char **argv)
{
	int before = 0, n = argc;

	for (int i = 0; i < argc; i++)
		before += !strcmp(argv[i], "--json");
	int had = cli_flag(&n, argv, "--json");

	if (had != (before > 0) || n != argc - before || argv[n] != NULL)
		abort();
	for (int i = 0; i < n; i++)
		if (!strcmp(argv[i], "--json"))
			abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *buf, *argv[MAX_WORDS + 1];
	int argc;

	if (size < 1 || size > 4096)
		return 0;
	buf = malloc(size);
	argc = split(data + 1, size - 1, buf, argv, "x");
	switch (data[0] % 4) {
	case 0:
		check_drive("build", argc, argv);
		break;
	case 1:
		check_drive("run", argc, argv);
		break;
	case 2:
		argv[0] = "resolve";
		check_start(argc, argv);
		break;
	default:
		check_flag(argc, argv);
		break;
	}
	free(buf);
	return 0;
}
