/*
 * Splitting a command line into words in place (see kiln/args.h for the quoting rules).
 * Output never grows: each word is written over the text it came from.
 */
#include <kiln/args.h>

static int kargs_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/*
 * Copies one word starting at src into dst (dst <= src), removing quotes and terminating it;
 * returns where the next word may start.
 */
static char *kargs_word(char *src, char *dst)
{
	char quote = 0;

	for (; *src && (quote || !kargs_space(*src)); src++) {
		if (quote && *src == quote) {
			quote = 0;
		} else if (!quote && (*src == '\'' || *src == '"')) {
			quote = *src;
		} else if (*src == '\\' && src[1] && quote != '\'' &&
			   (!quote || src[1] == '"' || src[1] == '\\')) {
			*dst++ = *++src;
		} else {
			*dst++ = *src;
		}
	}
	char *next = *src ? src + 1 : src; /* read before the terminator may overwrite it */
	*dst = '\0';
	return next;
}

int kargs_split(char *buf, char **argv, int max)
{
	int n = 0;

	for (;;) {
		while (kargs_space(*buf))
			buf++;
		if (!*buf)
			break;
		if (n == max) {
			argv[n] = 0;
			return -1;
		}
		argv[n++] = buf;
		buf = kargs_word(buf, buf);
	}
	argv[n] = 0;
	return n;
}
