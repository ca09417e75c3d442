/*
 * ktest's private pieces shared by the runner and the assertions.
 */
#ifndef KTEST_INT_H
#define KTEST_INT_H

/* Marks the running case failed and prints "FAIL suite.case file:line: " (no newline). */
void ktest_fail_at(const char *file, int line);

#endif
