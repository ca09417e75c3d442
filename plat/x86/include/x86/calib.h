/*
 * Calibration of one counter against another, window by window: under TCG on a loaded host
 * the vCPU thread may be descheduled between reading one clock and the other, which spoils
 * a window (by milliseconds) but rarely most of them, so callers keep the median of a few.
 */
#ifndef X86_CALIB_H
#define X86_CALIB_H

#include <stdint.h>

/* The median of n (odd) values of window(), sorted into w as they come. */
static inline uint64_t x86_median_of(uint64_t (*window)(void), uint64_t *w, int n)
{
	for (int i = 0; i < n; i++) {
		uint64_t x = window();
		int j = i;

		for (; j > 0 && w[j - 1] > x; j--)
			w[j] = w[j - 1];
		w[j] = x;
	}
	return w[n / 2];
}

#endif
