/*
 * lua: Lua 5.4 as a unikernel, with the command line of lua(1) cut to what a unikernel
 * needs:
 *
 *   lua [-e STAT]... [SCRIPT [ARGS...]]
 *
 * runs each -e chunk, then SCRIPT (a file, e.g. from the initrd; "-" reads standard input
 * to its end) with ARGS in the global `arg` (arg[0] the script), and exits with 0, with
 * os.exit's status, or with 1 after printing Lua's message and a traceback on stderr.
 * With neither a script nor -e it is the interactive prompt (repl.c). Written for kiln
 * rather than taken from lua.c, whose signals, LUA_INIT and readline a unikernel has no
 * use for.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "lauxlib.h"
#include "lua.h"
#include "lualib.h"
#include "lua_app.h"

/* Prints an error value on stderr as lua(1) does: "lua: " and the message. */
void lua_app_report(lua_State *L, int status)
{
	const char *msg;

	if (status == LUA_OK)
		return;
	msg = lua_tostring(L, -1);
	if (!msg)
		msg = lua_pushfstring(L, "(error object is a %s value)", luaL_typename(L, -1));
	fprintf(stderr, "lua: %s\n", msg);
	fflush(stderr);
	lua_pop(L, 1);
}

/* Message handler of every call: the message with a traceback of where it came from. */
static int lua_app_traceback(lua_State *L)
{
	const char *msg = lua_tostring(L, 1);

	if (!msg && !luaL_callmeta(L, 1, "__tostring"))
		msg = lua_pushfstring(L, "(error object is a %s value)", luaL_typename(L, 1));
	else if (!msg)
		msg = lua_tostring(L, -1);
	luaL_traceback(L, L, msg, 1);
	return 1;
}

/* Calls the function below its nargs arguments, results left on the stack (all of them). */
int lua_app_call(lua_State *L, int nargs)
{
	int base = lua_gettop(L) - nargs;
	int status;

	lua_pushcfunction(L, lua_app_traceback);
	lua_insert(L, base);
	status = lua_pcall(L, nargs, LUA_MULTRET, base);
	lua_remove(L, base);
	return status;
}

/* The global `arg`: the script (else the program) at 0, its arguments from 1, what came
 * before negative, as lua(1) has it. */
static void lua_app_set_arg(lua_State *L, char **argv, int argc, int script)
{
	lua_createtable(L, argc - script - 1, script + 1);
	for (int i = 0; i < argc; i++) {
		lua_pushstring(L, argv[i]);
		lua_rawseti(L, -2, i - script);
	}
	lua_setglobal(L, "arg");
}

static int lua_app_chunk(lua_State *L, const char *code)
{
	int status = luaL_loadbuffer(L, code, strlen(code), "=(command line)");

	if (status == LUA_OK)
		status = lua_app_call(L, 0);
	if (status == LUA_OK)
		lua_settop(L, 0); /* else the message stays for lua_app_report */
	return status;
}

/* Loads SCRIPT ("-": standard input) and calls it with the words after it as its `...`. */
static int lua_app_script(lua_State *L, char **argv, int argc, int script)
{
	int status = luaL_loadfile(L, strcmp(argv[script], "-") == 0 ? NULL : argv[script]);

	if (status != LUA_OK)
		return status;
	for (int i = script + 1; i < argc; i++)
		lua_pushstring(L, argv[i]);
	status = lua_app_call(L, argc - script - 1);
	if (status == LUA_OK)
		lua_settop(L, 0);
	return status;
}

/* The index of the script's name among the words (the first not an option), else 0. */
static int lua_app_script_index(int argc, char **argv)
{
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "-e") == 0)
			i++;
		else if (argv[i][0] != '-' || !argv[i][1])
			return i;
	}
	return 0;
}

static int lua_app_usage(void)
{
	fprintf(stderr, "usage: lua [-e STAT]... [SCRIPT|- [ARGS...]]\n");
	return 2;
}

int main(int argc, char **argv)
{
	lua_State *L = luaL_newstate();
	int script = argc, ran = 0, status = LUA_OK;

	if (!L) {
		fprintf(stderr, "lua: cannot create state: not enough memory\n");
		return 1;
	}
	luaL_openlibs(L);
	lua_app_set_arg(L, argv, argc, lua_app_script_index(argc, argv));
	for (int i = 1; i < argc && script == argc && status == LUA_OK; i++) {
		if (strcmp(argv[i], "-e") == 0) {
			if (++i == argc)
				return lua_app_usage();
			status = lua_app_chunk(L, argv[i]);
			ran = 1;
		} else if (argv[i][0] == '-' && argv[i][1]) {
			return lua_app_usage();
		} else {
			script = i;
		}
	}
	if (status == LUA_OK && script < argc) {
		status = lua_app_script(L, argv, argc, script);
	} else if (status == LUA_OK && !ran) {
		status = lua_app_repl(L);
	}
	lua_app_report(L, status);
	lua_close(L);
	return status == LUA_OK ? 0 : 1;
}
