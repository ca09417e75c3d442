/*
 * argparse's splitter (kargs_split) in the guest: the quoting rules a kernel command line
 * is read with.
 */
#include <string.h>
#include <kiln/args.h>
#include <kiln/test.h>

KTEST_SUITE(argparse_split, NULL);

KTEST_CASE(argparse_split, quotes_escapes_and_dashes)
{
	char line[] = "  a 'b c' \"d\\\"e\" f\\ g  -- h ";
	char *argv[8];

	if (!KTEST_EQ(kargs_split(line, argv, 7), 6))
		return;
	KTEST_STREQ(argv[0], "a");
	KTEST_STREQ(argv[1], "b c");
	KTEST_STREQ(argv[2], "d\"e");
	KTEST_STREQ(argv[3], "f g");
	KTEST_STREQ(argv[4], "--");
	KTEST_STREQ(argv[5], "h");
	KTEST_TRUE(argv[6] == NULL);
}

/* Inside single quotes a backslash is an ordinary byte; inside double quotes it escapes
 * only '"' and '\\', as in a POSIX shell. */
KTEST_CASE(argparse_split, backslashes_inside_quotes)
{
	char line[] = "'a\\\"b' \"c\\d\" \"e\\\\f\"";
	char *argv[4];

	if (!KTEST_EQ(kargs_split(line, argv, 3), 3))
		return;
	KTEST_STREQ(argv[0], "a\\\"b");
	KTEST_STREQ(argv[1], "c\\d");
	KTEST_STREQ(argv[2], "e\\f");
}

KTEST_CASE(argparse_split, too_many_words)
{
	char many[] = "1 2 3 4";
	char *argv[4];

	KTEST_EQ(kargs_split(many, argv, 3), -1);
}

KTEST_CASE(argparse_split, empty_line)
{
	char none[] = "   ";
	char *argv[4];

	KTEST_EQ(kargs_split(none, argv, 3), 0);
	KTEST_TRUE(argv[0] == NULL);
}
