/*
 * The trust model, for compiler flags: a library's C code runs in the guest, and nothing of
 * its metadata runs on the host. Flags from a lib.json reach a compiler command line, so
 * each must be a plain flag of a known harmless family: defines, warnings, code generation,
 * optimisation and debug levels, the C standard (include folders go in "includes", which
 * must stay inside the library). No
 * shell or Make characters at all ($, backticks, quotes, blanks, ...), and none of the flags
 * that make gcc run or load another program or read host files: -wrapper, -fplugin, -specs,
 * -B, -Wl/-Wa/-Wp (options handed to other tools), @file, -include and the like.
 */
#include <string.h>

#include "lctx.h"

/* Characters a flag may hold: nothing the shell or Make would read. */
static int flag_chars_ok(const char *f)
{
	for (; *f; f++)
		if (!((*f >= 'a' && *f <= 'z') || (*f >= 'A' && *f <= 'Z') ||
		      (*f >= '0' && *f <= '9') || strchr("_.,+=:/-", *f)))
			return 0;
	return 1;
}

static int starts(const char *s, const char *prefix)
{
	return !strncmp(s, prefix, strlen(prefix));
}

/* NULL when the flag is accepted, else why not. */
static const char *flag_refusal(const char *f)
{
	static const char *const bad_f[] = { "-fplugin",
					     "-fdump",
					     "-fprofile",
					     "-fauto-profile",
					     "-fcallgraph-info",
					     "-fstack-usage",
					     "-fopt-info",
					     "-fsave-optimization-record",
					     "-fuse-ld",
					     "-fself-test",
					     "-fdiagnostics-format",
					     "-fcreate-profile",
					     "-fbranch-probabilities",
					     NULL };

	if (!flag_chars_ok(f))
		return "holds a character the shell or Make would read (only A-Z a-z 0-9 _ . , + "
		       "= : / -)";
	if (starts(f, "-I"))
		return "names an include folder: list it in \"includes\" (inside the library)";
	if (starts(f, "-D") || starts(f, "-U"))
		return f[2] && f[2] != '=' ? NULL : "names no macro";
	if (starts(f, "-Wl,") || starts(f, "-Wa,") || starts(f, "-Wp,"))
		return "hands options to another program (linker, assembler, preprocessor)";
	if (starts(f, "-f")) {
		for (size_t i = 0; bad_f[i]; i++)
			if (starts(f, bad_f[i]))
				return "loads or writes files on the host";
		return NULL;
	}
	if (starts(f, "-W") || starts(f, "-m") || starts(f, "-O") || starts(f, "-g") ||
	    starts(f, "-std="))
		return f[2] || f[1] == 'O' || f[1] == 'g' ? NULL : "is incomplete";
	return "is not a flag kiln accepts from a library (-D, -U, -W, -f, -m, -O, -g, -std=)";
}

void lc_flags(struct lctx *c, const char *key, const struct cat_strv *flags)
{
	lc_push_key(c, key);
	for (size_t i = 0; i < flags->n; i++) {
		const char *f = flags->v[i];
		const char *why = flag_refusal(f);

		lc_push_index(c, i);
		if (why)
			lc_err(c, 0, "flag \"%s\" %s", f, why);
		lc_pop(c);
	}
	lc_pop(c);
}
