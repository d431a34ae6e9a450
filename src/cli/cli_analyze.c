/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cli_analyze.c - `rehearse analyze [--json] FILE...`. No screen, no audio
 * system: libsndfile reads the file, the analysis library does the rest. */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "cli_story.h"
#include "rehearse/analysis.h"
#include "rehearse/metrics.h"
#include "rehearse/wavio.h"

/* --story ID: the story to follow (or, for "any", the bank's stories),
 * and how it went for this file. */
struct story_opt {
	const char *id;
	const struct story *st;
	const struct story **any; /* --story any: every story of the bank */
	size_t nany;
	const char *state; /* "on", "off", "not built" */
	struct follow_result r;
};

#define STORY_ANY "any"

static bool story_asked(const struct story_opt *so)
{
	return so->st || so->any;
}

/* The story the report names: the one asked for, or the one of the bank
 * recognised (NULL: none was). */
static const char *story_named(const struct story_opt *so)
{
	if (so->st)
		return so->st->id;
	const struct story *heard = follow_heard_story(&so->r, so->any, so->nany);
	return heard ? heard->id : NULL;
}

static void print_json(const char *file, const struct audio_buf *b, const struct analysis *a,
		       const struct story_opt *so)
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
	printf("]");
	if (story_asked(so))
		story_json(stdout, story_named(so), so->state, &so->r);
	printf("}\n");
}

static void print_figure(const char *label, const char *text, bool warn, void *ctx)
{
	(void)warn, (void)ctx;
	printf("  %-12s %s\n", label, text);
}

/* The result card's figures, then where each long pause was. */
static void print_plain(const char *file, const struct audio_buf *b, const struct analysis *a,
			const struct story_opt *so)
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
		if (story_asked(so))
			story_plain(stdout, story_named(so), so->state, &so->r);
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
	if (story_asked(so))
		story_plain(stdout, story_named(so), so->state, &so->r);
}

/* The story --story names, from the bank (or all of them, for "any");
 * -1 when there is none. */
static int find_story(struct app *a, struct story_opt *so, bool follow)
{
	so->state = !follow ? "off" : story_follow_built() ? "on" : "not built";
	if (!so->id)
		return 0;
	if (app_bank(a) < 0)
		return -1;
	/* A story of the bank's own called "any" is that story. */
	if (!strcmp(so->id, STORY_ANY) && !bank_story(&a->bank, so->id)) {
		so->any = story_followable_all(&a->bank, &so->nany);
		if (!so->any)
			return error("no story in %s has STAR sections to follow", a->bank_dir);
		return 0;
	}
	so->st = bank_story(&a->bank, so->id);
	if (!so->st)
		return error("no story '%s' in %s", so->id, a->bank_dir);
	if (so->st->is_moment)
		return error("'%s' is a moment, not a story: it has no STAR sections to follow",
			     so->id);
	return 0;
}

/* Follow the story in one file, when asked and built. */
static int follow_file(const char *path, struct story_opt *so)
{
	memset(&so->r, 0, sizeof so->r);
	if (!story_asked(so) || strcmp(so->state, "on"))
		return 0;
	char errbuf[ERRBUF_SIZE];
	const struct story *const *st = so->st ? &so->st : so->any;
	if (story_follow_file(path, st, so->st ? 1 : so->nany, !so->st, &so->r, errbuf) < 0)
		return error("%s", errbuf);
	return 0;
}

int cmd_analyze(struct app *a, int argc, char **argv)
{
	bool json = false, no_follow = false;
	struct story_opt so = {0};
	const struct cli_option opts[] = {
		OPT_FLAG("json", &json, "one JSON object per file, one per line"),
		OPT_STRING("story", "ID", &so.id,
			   "follow the bank's story ID (any: whichever of its stories is told)"),
		OPT_FLAG("no-story-follow", &no_follow, "do not follow the story (--story ignored)"),
		OPT_END,
	};
	const struct cli_command cmd = {
		"analyze", "rehearse analyze [--json] [--story ID [--no-story-follow]] FILE...", opts,
		1, -1, false};
	int n = parse_options(a, &cmd, argc, argv);
	if (n < 0)
		return parse_exit_code(n);
	if (find_story(a, &so, !no_follow) < 0) {
		free(so.any);
		return 1;
	}
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
		if (follow_file(argv[i], &so) < 0) {
			failed++;
			analysis_free(&an);
			continue;
		}
		if (story_asked(&so) && !strcmp(so.state, "on")) /* its story_* figures, as history's */
			metric_story_set(&an, &so.r);
		if (json)
			print_json(argv[i], &b, &an, &so);
		else
			print_plain(argv[i], &b, &an, &so);
		follow_result_free(&so.r);
		analysis_free(&an);
	}
	free(so.any);
	return failed ? 1 : 0;
}
