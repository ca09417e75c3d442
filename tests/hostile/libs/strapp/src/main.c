/* strapp: prints its string option byte for byte, as hex, then its arguments. */
#include <stdio.h>

int main(int argc, char *argv[])
{
	const unsigned char *s = (const unsigned char *)CONFIG_STRAPP_TEXT;

	printf("text:");
	for (; *s; s++)
		printf(" %02x", *s);
	printf("\n");
	for (int i = 1; i < argc; i++)
		printf("arg %d: %s\n", i, argv[i]);
	return 0;
}
