/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz_wav.c - libFuzzer: an audio file read as `rehearse analyze` reads
 * it (libsndfile, mixed to mono, fed to the analysis in pieces). The
 * bytes go to an in-memory file so the harness never touches the disk. */
#define _GNU_SOURCE
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

#include "rehearse/analysis.h"
#include "rehearse/util.h"
#include "rehearse/wavio.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int fd = -1;
	static char path[64];
	if (fd < 0) {
		fd = memfd_create("fuzz.wav", 0);
		if (fd < 0)
			abort();
		snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
	}
	if (ftruncate(fd, 0) < 0 || pwrite(fd, data, size, 0) != (ssize_t)size)
		abort();
	struct audio_buf info = {0};
	struct analysis a;
	char errbuf[ERRBUF_SIZE];
	if (audio_analyze_file(path, &info, &a, errbuf) == 0) {
		/* analysis.h: levels are finite (never NaN), whatever the file holds. */
		if (!isfinite(a.speech_rms_dbfs) || !isfinite(a.peak_dbfs) || isnan(a.duration_s))
			abort();
		analysis_free(&a);
	}
	return 0;
}
