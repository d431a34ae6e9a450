/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ps-words.c - words PocketSphinx hears in a 16 kHz mono 16-bit WAV, for
 * bench-pacing.py --sphinx (the recogniser route of issue 8, measured
 * against the story-text route). Prints "WORDS SECONDS_OF_CPU". */
#include <pocketsphinx.h>
#include <sndfile.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

int main(int argc, char **argv)
{
	if (argc != 2)
		return 2;
	SF_INFO info = {0};
	SNDFILE *sf = sf_open(argv[1], SFM_READ, &info);
	if (!sf || info.samplerate != 16000 || info.channels != 1)
		return 1;
	clock_t t0 = clock();
	cmd_ln_t *cfg = cmd_ln_init(NULL, ps_args(), TRUE, "-hmm", MODELDIR "/en-us/en-us", "-lm",
				    MODELDIR "/en-us/en-us.lm.bin", "-dict",
				    MODELDIR "/en-us/cmudict-en-us.dict", "-logfn", "/dev/null", NULL);
	ps_decoder_t *ps = ps_init(cfg);
	if (!ps)
		return 1;
	short buf[4096];
	sf_count_t got;
	ps_start_utt(ps);
	while ((got = sf_read_short(sf, buf, 4096)) > 0)
		ps_process_raw(ps, buf, (size_t)got, FALSE, FALSE);
	ps_end_utt(ps);
	int words = 0;
	for (ps_seg_t *s = ps_seg_iter(ps); s; s = ps_seg_next(s)) {
		const char *w = ps_seg_word(s);
		if (w[0] != '<' && w[0] != '[' && strcmp(w, "<sil>") != 0)
			words++;
	}
	printf("%d %.2f\n", words, (double)(clock() - t0) / CLOCKS_PER_SEC);
	ps_free(ps);
	cmd_ln_free_r(cfg);
	sf_close(sf);
	return 0;
}
