/*
 * helloworld: the greeting (HELLOWORLD_COUNT times), then each argument on its own line,
 * then exit with HELLOWORLD_STATUS, or with N when an argument reads "exit=N".
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(int argc, char *argv[])
{
	int status = CONFIG_HELLOWORLD_STATUS;

	for (int i = 0; i < CONFIG_HELLOWORLD_COUNT; i++)
		printf("Hello from kiln!\n");
	for (int i = 1; i < argc; i++) {
		printf("arg %d: %s\n", i, argv[i]);
		if (!strncmp(argv[i], "exit=", 5))
			status = atoi(argv[i] + 5);
	}
	return status;
}
