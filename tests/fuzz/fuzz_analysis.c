/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz_analysis.c - libFuzzer: the analysis API at any rate with any
 * sample bit pattern (NaN, infinities, denormals included). The first 4
 * bytes are the rate, the rest float samples; the same input goes through
 * the whole-buffer call and the stream fed in uneven pieces. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "rehearse/analysis.h"

/* Whatever the input, the promise of analysis.h: finite levels, never NaN
 * (issue 9 item 9: one NaN sample made them NaN or infinite). */
static void check(const struct analysis *a)
{
	/* FUZZ_LEVELS_UNCHECKED=1 looks past this for other failures. */
	static int unchecked = -1;
	if (unchecked < 0)
		unchecked = getenv("FUZZ_LEVELS_UNCHECKED") != NULL;
	if (unchecked)
		return;
	if (!isfinite(a->speech_rms_dbfs) || !isfinite(a->peak_dbfs) || isnan(a->duration_s) ||
	    a->npauses > 0x10000000 || a->syllables < 0)
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 4)
		return 0;
	int32_t rate;
	memcpy(&rate, data, 4);
	/* Any rate a file header could claim; the cap only keeps libFuzzer's
	 * memory limit from being the finding. */
	if (rate > 768000)
		rate = (int32_t)((uint32_t)rate % 768001);
	size_t n = (size - 4) / sizeof(float);
	float *x = malloc(n * sizeof(float) + 1);
	memcpy(x, data + 4, n * sizeof(float));
	struct analysis a;
	if (analyze_samples(x, n, rate, NULL, &a) == 0) {
		check(&a);
		analysis_free(&a);
	}
	struct analysis_stream *st = analysis_stream_new(rate);
	if (st) {
		size_t step = 1 + (size % 997);
		for (size_t i = 0; i < n; i += step)
			analysis_stream_feed(st, x + i, n - i < step ? n - i : step);
		if (analysis_stream_finish(st, NULL, &a) == 0) {
			check(&a);
			analysis_free(&a);
		}
	}
	free(x);
	return 0;
}
