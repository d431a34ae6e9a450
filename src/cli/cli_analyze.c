/* cli_analyze.c - `rehearse analyze [--json] FILE...`. No screen, no audio
 * system: libsndfile reads the file, the analysis library does the rest. */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "rehearse/analysis.h"
#include "rehearse/metrics.h"
#include "rehearse/wavio.h"

static void print_json(const char *file, const struct audio_buf *b, const struct analysis *a)
{
	printf("{\"file\":");
	json_string(stdout, file);
	printf(",\"sample_rate\":%d,\"channels\":%d", b->sample_rate, b->channels);
	for (size_t i = 0; i < metric_count; i++) {
		printf(",\"%s\":", metrics[i].json);
		metric_json(stdout, &metrics[i], metric_get(&metrics[i], a));
	}
	printf(",\"pauses\":[");
	for (size_t i = 0; i < a->npauses; i++) {
		printf("%s{\"start_s\":", i ? "," : "");
		json_number(stdout, a->pauses[i].start_s);
		printf(",\"end_s\":");
		json_number(stdout, a->pauses[i].end_s);
		printf("}");
	}
	printf("],\"pace\":[");
	for (size_t i = 0; i < a->npace; i++) {
		printf("%s", i ? "," : "");
		json_number(stdout, a->pace[i]);
	}
	printf("]}\n");
}

static void print_figure(const char *label, const char *text, bool warn, void *ctx)
{
	(void)warn, (void)ctx;
	printf("  %-12s %s\n", label, text);
}

/* The result card's figures, then where each long pause was. */
static void print_plain(const char *file, const struct audio_buf *b, const struct analysis *a)
{
	char d[16];
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
	metric_each_figure(a, a->duration_s, print_figure, NULL);
	printf("  %-12s words per minute at %.2f syllables a word (%s)\n", "Pace basis",
	       a->syllables_per_word,
	       a->wpm_source == WPM_TEXT ? "the story's own" : "typical English");
	for (size_t i = 0; i < a->npauses; i++)
		if (a->pauses[i].end_s - a->pauses[i].start_s >= 1.0)
			printf("  %-12s at %.1f s (%.1f s)\n", "long pause", a->pauses[i].start_s,
			       a->pauses[i].end_s - a->pauses[i].start_s);
}

int cmd_analyze(struct app *a, int argc, char **argv)
{
	bool json = false;
	const struct cli_option opts[] = {
		OPT_FLAG("json", &json, "one JSON object per file, one per line"),
		OPT_END,
	};
	const struct cli_command cmd = {"analyze", "rehearse analyze [--json] FILE...", opts, 1,
					-1, false};
	int n = parse_options(a, &cmd, argc, argv);
	if (n < 0)
		return parse_exit_code(n);
	int failed = 0;
	for (int i = 1; i <= n; i++) {
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
