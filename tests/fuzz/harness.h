/*
 * The fuzz harnesses: one function per input format, shared by the libFuzzer targets
 * (fuzz_*.c, built with clang) and the replay of kept inputs in the host unit tests
 * (tests/host/test_fuzz_replay.c), so that a crash found once stays fixed.
 * Each returns 0; a broken invariant aborts.
 */
#ifndef KILN_FUZZ_HARNESS_H
#define KILN_FUZZ_HARNESS_H

#include <stddef.h>
#include <stdint.h>

/* A lib.json text added to a small fixed catalog, then resolved and explained. */
int fuzz_lib(const uint8_t *data, size_t size);
/* A profile text against the same catalog: checked, resolved, explained, saved back. */
int fuzz_profile(const uint8_t *data, size_t size);
/* An expression: parsed, printed, parsed again; both prints must agree. */
int fuzz_expr(const uint8_t *data, size_t size);

#endif
