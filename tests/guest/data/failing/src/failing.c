/*
 * A ktest suite with one passing and one failing case. tests/guest/failing.sh expects
 * "1 passed, 1 failed" (cases, not assertions), a FAIL line for each of the two failing
 * assertions (a failure does not end its case), with file:line, and exit status 1.
 */
#include <kiln/test.h>

KTEST_SUITE(failing, NULL);

KTEST_CASE(failing, holds)
{
	KTEST_EQ(2 + 2, 4);
}

KTEST_CASE(failing, does_not_hold)
{
	KTEST_EQ(2 + 2, 5); /* tests/guest/failing.sh names this line: keep it 17 */
	KTEST_STREQ("kiln", "klin");
}
