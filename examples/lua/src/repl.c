/*
 * The interactive prompt, as lua(1) has it: a line is first tried as an expression
 * ("return LINE"), whose values are printed; else as a statement, and a statement the
 * compiler finds unfinished (its error ends in "<eof>") asks for more lines with ">> ".
 * Lines come from stdin: on kiln the console, cooked (echoed, backspace erases, ^D at the
 * start of a line ends input, which ends the prompt with status 0).
 */
#include <stdio.h>
#include <string.h>
#include "lauxlib.h"
#include "lua.h"
#include "lua_app.h"

#define LUA_APP_PROMPT	"> "
#define LUA_APP_PROMPT2 ">> "

/* Prints PROMPT and pushes the next line without its '\n'; 0 at the end of input. */
static int lua_app_read_line(lua_State *L, const char *prompt)
{
	char buf[256];
	luaL_Buffer b;
	size_t n = 0;

	fputs(prompt, stdout);
	fflush(stdout);
	luaL_buffinit(L, &b);
	while (fgets(buf, sizeof buf, stdin)) {
		n = strlen(buf);
		if (n && buf[n - 1] == '\n') {
			luaL_addlstring(&b, buf, n - 1);
			break;
		}
		luaL_addlstring(&b, buf, n);
	}
	luaL_pushresult(&b);
	if (n == 0 && lua_rawlen(L, -1) == 0) { /* nothing before the end of input */
		lua_pop(L, 1);
		return 0;
	}
	return 1;
}

/* A syntax error at the end of the chunk: the statement is not finished yet. */
static int lua_app_incomplete(lua_State *L, int status)
{
	size_t len;
	const char *msg;

	if (status != LUA_ERRSYNTAX)
		return 0;
	msg = lua_tolstring(L, -1, &len);
	if (len < 5 || strcmp(msg + len - 5, "<eof>") != 0)
		return 0;
	lua_pop(L, 1);
	return 1;
}

/* The line on top as an expression: replaced by its function if it compiles as one. */
static int lua_app_load_expr(lua_State *L)
{
	const char *code = lua_pushfstring(L, "return %s;", lua_tostring(L, -1));
	int status = luaL_loadbuffer(L, code, strlen(code), "=stdin");

	lua_remove(L, -2); /* the "return" text */
	if (status == LUA_OK)
		lua_remove(L, -2); /* the line */
	else
		lua_pop(L, 1); /* its error */
	return status;
}

/* The line on top as a statement, reading more while it is unfinished. */
static int lua_app_load_stat(lua_State *L)
{
	for (;;) {
		size_t len;
		const char *code = lua_tolstring(L, -1, &len);
		int status = luaL_loadbuffer(L, code, len, "=stdin");

		if (!lua_app_incomplete(L, status)) {
			lua_remove(L, -2); /* the code */
			return status;
		}
		if (!lua_app_read_line(L, LUA_APP_PROMPT2)) {
			lua_pop(L, 1); /* the code */
			lua_pushliteral(L, "stdin: unfinished statement at the end of input");
			return LUA_ERRSYNTAX;
		}
		lua_pushliteral(L, "\n");
		lua_insert(L, -2);
		lua_concat(L, 3);
	}
}

/* Prints the values a line left on the stack with the global print. */
static void lua_app_print(lua_State *L)
{
	int n = lua_gettop(L);
	int status;

	if (n == 0)
		return;
	luaL_checkstack(L, LUA_MINSTACK, "too many results to print");
	lua_getglobal(L, "print");
	lua_insert(L, 1);
	status = lua_pcall(L, n, 0, 0);
	if (status != LUA_OK)
		lua_app_report(L, status);
}

int lua_app_repl(lua_State *L)
{
	printf("%s\n", LUA_COPYRIGHT);
	lua_settop(L, 0);
	while (lua_app_read_line(L, LUA_APP_PROMPT)) {
		int status = lua_app_load_expr(L);

		if (status != LUA_OK)
			status = lua_app_load_stat(L);
		if (status == LUA_OK)
			status = lua_app_call(L, 0);
		if (status == LUA_OK)
			lua_app_print(L);
		else
			lua_app_report(L, status);
		lua_settop(L, 0);
	}
	fputs("\n", stdout);
	fflush(stdout);
	return LUA_OK;
}
