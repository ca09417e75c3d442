/*
 * What main.c and repl.c share: running a function with Lua's traceback as message
 * handler, and printing an error as lua(1) does.
 */
#ifndef LUA_APP_H
#define LUA_APP_H

#include "lua.h"

/* Calls the function below its nargs arguments in protected mode; all results stay. */
int lua_app_call(lua_State *L, int nargs);
/* A status other than LUA_OK: prints the error on top of the stack ("lua: ...") and pops it. */
void lua_app_report(lua_State *L, int status);
/* The interactive prompt until the end of input; LUA_OK then. */
int lua_app_repl(lua_State *L);

#endif
