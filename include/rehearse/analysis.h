/* SPDX-License-Identifier: GPL-3.0-or-later */
/* analysis.h - pacing statistics from PCM samples.
 *
 * Pure functions: no I/O, no globals; the caller mixes stereo down to mono
 * and passes float samples in [-1, 1] at any rate in [ANALYSIS_MIN_RATE,
 * ANALYSIS_MAX_RATE]. Every rate is resampled to one analysis rate first,
 * so the figures do not depend on the sound card. NaN and infinite samples
 * are counted and skipped as silence. One call gives speech activity (time
 * to first word, speaking time, pauses), syllable nuclei after de Jong &
 * Wempe (2009) for speech rate, a rolling pace, and level.
 *
 * Speech activity follows a noise floor measured from the recording itself
 * as it changes (a fan starting, a gate opening), decides in the band under
 * 1 kHz where a voice stands out from rooms and fans, and keeps only what
 * holds clearly voiced syllables: a click, a breath or an empty room is not
 * speech. A recording without speech gives zero times and rates and levels
 * at ANALYSIS_FLOOR_DB, never NaN. */
#ifndef REHEARSE_ANALYSIS_H
#define REHEARSE_ANALYSIS_H

#include <stdbool.h>
#include <stddef.h>

#include "rehearse/rate.h"

#define ANALYSIS_FLOOR_DB (-120.0)
/* Rates outside this range are refused: below it there is no speech band
 * left to analyse (issue 9: a 10 Hz file once crashed the analysis). The
 * range rehearse records at (rate.h). */
#define ANALYSIS_MIN_RATE REHEARSE_MIN_RATE
#define ANALYSIS_MAX_RATE REHEARSE_MAX_RATE
/* The longest input analysed, in seconds (3 hours, whatever the rate):
 * the per-frame contours of that stay well under 64 MB. */
#define ANALYSIS_MAX_S 10800
/* Up to this many seconds a replayable stream keeps the 8 kHz signal the
 * voicing of syllables is measured on (19 MB); a longer one is fed its
 * samples a second time (analysis_stream_finish_replay). */
#define ANALYSIS_KEEP_S 600
/* Syllables per word when no text is known: between everyday speech (1.1
 * to 1.3) and the bundled bank's stories (1.35 to 1.49 by syllables.h). */
#define ANALYSIS_TYPICAL_SPW 1.4

enum wpm_source {
	WPM_TYPICAL, /* syllables per word of typical English: about */
	WPM_TEXT,    /* of the text being told (the shown story) */
	WPM_WORDS,   /* not from syllables: the story follower's words heard (a
		      * followed take; set by the take, issue 18) */
};

struct analysis_params {
	double min_pause_s;	   /* a silence at least this long is a pause (0.3) */
	double long_pause_s;	   /* a pause at least this long is long (1.0) */
	double min_speech_s;	   /* shorter bursts are clicks, not speech (0.1) */
	double speech_range_db;	   /* speech is within this of the speech level (35) */
	double floor_margin_db;	   /* and at least this above the local noise floor (9) */
	double min_snr_db;	   /* below this speech-to-floor ratio: no speech (10) */
	double silence_db;	   /* syllable peaks: this far under the 0.99 quantile (25) */
	double min_dip_db;	   /* dip around a syllable peak (1.5) */
	double voicing_threshold;  /* normalised autocorrelation for voiced (0.5),
				    * the best within 30 ms of the peak */
	double high_pitch_hz;	   /* a voice pitched over this (the median at its
				    * nuclei) has them looked for over 400 Hz, above
				    * its fundamental (150); 0 or less: never */
	double syllables_per_word; /* for the WPM estimate (wpm_source text); 0 or
				    * less: typical English (ANALYSIS_TYPICAL_SPW) */
	double pace_window_s;	   /* rolling pace window (10) */
	double pace_step_s;	   /* rolling pace step (1) */
	double clip_level;	   /* |x| at or above this counts as clipped (0.999) */
};
void analysis_default_params(struct analysis_params *p);

struct pause {
	double start_s, end_s;
};

struct analysis {
	int sample_rate;
	double duration_s;
	bool has_speech;
	double first_speech_s, last_speech_s;
	double speech_s; /* span from first to last speech minus the pauses */
	struct pause *pauses;
	size_t npauses;
	int long_pause_count;
	double longest_pause_s;
	int syllables;
	double *syllable_times; /* syllables entries */
	double syllables_per_min;	 /* over first..last speech */
	double articulation_rate;	 /* syllables per minute of speaking time */
	double wpm_estimate;		 /* syllables_per_min / syllables_per_word */
	double syllables_per_word;	 /* what wpm_estimate divided by */
	enum wpm_source wpm_source;	 /* where syllables_per_word came from */
	double *pace;			 /* syllables per minute, every pace_step_s */
	size_t npace;
	double speech_rms_dbfs, peak_dbfs;
	long long clipped_samples;
	double noise_floor_dbfs; /* what the detector measured, for the curious */
	double snr_db;		 /* speech_rms_dbfs - noise_floor_dbfs (0 without speech) */
	long long nonfinite_samples; /* NaN or infinite samples, skipped as silence */
	/* The story follower's single figures (issue 18), for the metrics
	 * table: set by the take from its result (metric_story_set), never
	 * by the analysis itself, which leaves has_story false, and then all
	 * of them are missing (NULL in history, null in JSON). */
	bool has_story;
	bool story_followed;
	double story_coverage; /* share of the written sentences heard, 0..1 */
	int story_words_heard;
	double story_wpm_words; /* NaN: not followed */
	double story_s_start_s, story_t_start_s, story_a_start_s, story_r_start_s; /* NaN: not heard */
	double story_cpu_s;  /* processor time the follower took */
	double story_wait_s; /* from the end of the take to its answer (the take's to set) */
};

/* Analyse n mono samples at rate Hz. params may be NULL for the defaults.
 * Returns 0, or -1 (and a zeroed *out) if rate is outside
 * [ANALYSIS_MIN_RATE, ANALYSIS_MAX_RATE]. Free with analysis_free(). */
int analyze_samples(const float *x, size_t n, int rate, const struct analysis_params *params,
		    struct analysis *out);
void analysis_free(struct analysis *a);

/* The same analysis fed in pieces, so a file or a live recording is never
 * held: new, feed any number of times, then finish (which frees the
 * stream) or abort. Memory grows by 44 bytes per 10 ms, and by the 8 kHz
 * signal up to ANALYSIS_KEEP_S. */
struct analysis_stream;
/* NULL if rate is outside [ANALYSIS_MIN_RATE, ANALYSIS_MAX_RATE]; the
 * other calls accept that NULL (feed and reserve do nothing, finish
 * returns -1 with a zeroed *out). */
struct analysis_stream *analysis_stream_new(int rate);
/* Optional, before the first feed: the parameters the stream counts with
 * (clip_level) and that finish uses when it is given NULL (copied; NULL:
 * the defaults). A recorder gets them from its options. */
void analysis_stream_use(struct analysis_stream *st, const struct analysis_params *p);
/* Optional: the stream will get this many full-rate frames (a file's
 * header says so). A replayable one past ANALYSIS_KEEP_S keeps no signal
 * from the start. */
void analysis_stream_reserve(struct analysis_stream *st, size_t frames);
void analysis_stream_feed(struct analysis_stream *st, const float *x, size_t n);
/* params NULL: those of analysis_stream_use, else the defaults. */
int analysis_stream_finish(struct analysis_stream *st, const struct analysis_params *params,
			   struct analysis *out);
void analysis_stream_abort(struct analysis_stream *st);

/* Finish a stream of any length: when it was longer than ANALYSIS_KEEP_S,
 * replay(ctx, st) is called once and must feed the very same samples again,
 * in order, through analysis_stream_replay, and return 0. Returns 0, or -1
 * (and a zeroed *out) if replay is NULL, fails, or feeds other samples,
 * or ANALYSIS_ENOMEM if memory ran out (never an abort for the take's
 * own arrays). analysis_stream_finish is this with no replay. */
#define ANALYSIS_ENOMEM (-2)
typedef int (*analysis_replay_fn)(void *ctx, struct analysis_stream *st);
/* Say so before feeding when finish will have a replay: only then does the
 * stream stop keeping the 8 kHz signal past ANALYSIS_KEEP_S (32 kB a
 * second). Without it it keeps it all, and finish needs no replay; the
 * recorder says so too, and reads its own file back (recorder.c). */
void analysis_stream_replayable(struct analysis_stream *st);
int analysis_stream_finish_replay(struct analysis_stream *st, const struct analysis_params *params,
				  analysis_replay_fn replay, void *ctx, struct analysis *out);
void analysis_stream_replay(struct analysis_stream *st, const float *x, size_t n);

#endif
