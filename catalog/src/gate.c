/*
 * The validity gate: nothing that breaks a constraint leaves the library. A result is
 * checked clause by clause against its final assignment before anyone can write it (the
 * resolver builds it from a model, so this never fails unless the resolver has a bug),
 * and a profile is saved only when it resolves.
 */
#include <stdlib.h>

#include "explain_int.h"

int result_verify(const struct cat_result *r, struct cat_err *err)
{
	const struct cat_solver *s = r->s;

	for (size_t c = 0; c < s->ncl; c++) {
		int ok = s->orig[c].kind >= O_PREF_OPT;

		for (uint32_t i = s->start[c]; i < s->start[c + 1] && !ok; i++) {
			int l = s->lits[i];

			ok = r->model[abs(l)] == (l > 0 ? 1 : -1);
		}
		if (ok)
			continue;
		struct cat_cref at;
		char *what = phrase_of(s, (long)c, 0);

		cref_of(s, (long)c, &at);
		cat_err_add(err, at.file, at.line, at.col,
			    "resolver: the result breaks \"%s\" (a bug: nothing written)", what);
		free(what);
		return -1;
	}
	return 0;
}

int cat_profile_save_checked(const struct cat_profile *p, struct cat_solver *s, const char *path,
			     struct cat_err *err)
{
	struct cat_result *r = NULL;

	if (cat_solve(s, p, &r, err) != 0)
		return -1;
	cat_result_free(r);
	return cat_profile_save(p, path, err);
}
