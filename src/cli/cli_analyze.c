/* cli_analyze.c - `rehearse analyze [--json] FILE...`. No screen, no audio
 * system: libsndfile reads the file, the analysis library does the rest. */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "rehearse/analysis.h"
#include "rehearse/wavio.h"

static void print_json(const char *file, const struct audio_buf *b, const struct analysis *a)
{
	printf("{\"file\":");
	json_string(stdout, file);
	printf(",\"sample_rate\":%d,\"channels\":%d", b->sample_rate, b->channels);
#define NUM(name, v)                                                                         \
	do {                                                                                 \
		printf(",\"%s\":", name);                                                    \
		json_number(stdout, v);                                                      \
	} while (0)
	NUM("duration_s", a->duration_s);
	NUM("first_speech_s", a->first_speech_s);
	NUM("last_speech_s", a->last_speech_s);
	NUM("speech_s", a->speech_s);
	printf(",\"pauses\":[");
	for (size_t i = 0; i < a->npauses; i++) {
		printf("%s{\"start_s\":", i ? "," : "");
		json_number(stdout, a->pauses[i].start_s);
		printf(",\"end_s\":");
		json_number(stdout, a->pauses[i].end_s);
		printf("}");
	}
	printf("]");
	NUM("long_pause_count", a->long_pause_count);
	NUM("longest_pause_s", a->longest_pause_s);
	NUM("syllables", a->syllables);
	NUM("syllables_per_min", a->syllables_per_min);
	NUM("articulation_rate", a->articulation_rate);
	NUM("wpm_estimate", a->wpm_estimate);
	NUM("speech_rms_dbfs", a->speech_rms_dbfs);
	NUM("peak_dbfs", a->peak_dbfs);
	NUM("clipped_samples", (double)a->clipped_samples);
	NUM("noise_floor_dbfs", a->noise_floor_dbfs);
	printf(",\"has_speech\":%s,\"wpm_source\":\"%s\"", a->has_speech ? "true" : "false",
	       a->wpm_source == WPM_TEXT ? "text" : "typical");
	NUM("syllables_per_word", a->syllables_per_word);
	NUM("snr_db", a->snr_db);
	NUM("nonfinite_samples", (double)a->nonfinite_samples);
	printf(",\"pace\":[");
	for (size_t i = 0; i < a->npace; i++) {
		printf("%s", i ? "," : "");
		json_number(stdout, a->pace[i]);
	}
	printf("]}\n");
#undef NUM
}

static void print_plain(const char *file, const struct audio_buf *b, const struct analysis *a)
{
	char d[16], f[16];
	format_mmss(a->duration_s, d, sizeof d);
	printf("%s  (%d Hz, %d channel%s, %s)\n", file, b->sample_rate, b->channels,
	       b->channels == 1 ? "" : "s", d);
	if (a->nonfinite_samples > 0)
		printf("  %lld samples were not numbers (NaN or infinite) and were skipped\n",
		       a->nonfinite_samples);
	if (!a->has_speech) {
		printf("  no speech found (peak %.1f dBFS)\n", a->peak_dbfs);
		return;
	}
	format_mmss(a->speech_s, f, sizeof f);
	printf("  time to first word  %.1f s\n", a->first_speech_s);
	printf("  speaking time       %s (%.1f s of %.1f s)\n", f, a->speech_s, a->duration_s);
	printf("  pauses              %zu of 0.3 s or more, %d long (1 s or more), longest %.1f s\n",
	       a->npauses, a->long_pause_count, a->longest_pause_s);
	for (size_t i = 0; i < a->npauses; i++)
		if (a->pauses[i].end_s - a->pauses[i].start_s >= 1.0)
			printf("                        long pause at %.1f s (%.1f s)\n",
			       a->pauses[i].start_s, a->pauses[i].end_s - a->pauses[i].start_s);
	printf("  syllables           %d (%.0f per minute; %.0f per minute of speaking)\n",
	       a->syllables, a->syllables_per_min, a->articulation_rate);
	printf("  speech rate         about %.0f words per minute (at %.1f syllables a word)\n",
	       a->wpm_estimate, a->syllables_per_word);
	printf("  level               speech %.1f dBFS, peak %.1f dBFS, %lld clipped samples\n",
	       a->speech_rms_dbfs, a->peak_dbfs, a->clipped_samples);
}

int cmd_analyze(struct app *a, int argc, char **argv)
{
	static const struct option opts[] = {
		{"json", no_argument, NULL, 'j'}, COMMON_LONG_OPTS, {NULL, 0, NULL, 0}};
	bool json = false;
	int opt;
	while ((opt = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		int c = app_common_option(a, opt, "analyze");
		if (c < 0)
			return 0;
		if (c > 0)
			continue;
		if (opt != 'j')
			return app_usage_error("analyze");
		json = true;
	}
	if (optind >= argc)
		return app_usage_error("analyze");
	int failed = 0;
	for (int i = optind; i < argc; i++) {
		char errbuf[ERRBUF_SIZE];
		struct audio_buf b;
		struct analysis an;
		if (audio_analyze_file(argv[i], &b, &an, errbuf) < 0) {
			error("%s", errbuf);
			failed++;
			continue;
		}
		if (json)
			print_json(argv[i], &b, &an);
		else
			print_plain(argv[i], &b, &an);
		analysis_free(&an);
	}
	return failed ? 1 : 0;
}
