/*
 * make bench-resolver: the pieces of the benchmark (bench_resolver.c: load and resolve;
 * bench_explain.c: explanations and checks on the generated catalog).
 */
#ifndef KILN_BENCH_H
#define KILN_BENCH_H

#include <stddef.h>

#include "kiln/cat.h"

struct explain_figures {
	double why, why_max, whynot, whynot_cold, fixes, check; /* milliseconds */
	size_t why_count, why_steps, whynot_steps, whynot_core, nfixes, issues, check_calls;
	int blocked; /* the why-not wish was indeed ruled out */
	char whynot_summary[400];
};

/* bench_resolver.c: a monotonic clock in milliseconds; the median of v (sorts it). */
double now_ms(void);
double median(double *v, int n);

void bench_explain(const char *root, const char *profile, struct explain_figures *f);

#endif
