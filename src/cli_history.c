/* cli_history.c - `rehearse history`: list stored attempts. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

struct list_ctx {
	bool json;
	int n;
};

static int print_plain(const struct attempt_row *r, void *arg)
{
	struct list_ctx *c = arg;
	char when[32], dur[16];
	format_local_time(r->started_at, when, sizeof when);
	format_mmss(r->duration_s, dur, sizeof dur);
	if (c->n++ == 0)
		printf("%5s  %-16s  %-8s  %-11s  %5s  %-10s  %-18s  %s\n", "id", "when", "mode",
		       "status", "time", "question", "story", "recording");
	printf("%5lld  %-16s  %-8s  %-11s  %5s  %-10.10s  %-18.18s  %s\n", r->id, when, r->mode,
	       r->status, dur, r->question_id ? r->question_id : "-",
	       r->story_id ? r->story_id : "-", r->wav_path ? r->wav_path : "(timer only)");
	return 0;
}

static void json_field_str(const char *name, const char *v, bool comma)
{
	printf("%s\"%s\":", comma ? "," : "", name);
	json_string(stdout, v);
}

static void json_field_num(const char *name, double v)
{
	printf(",\"%s\":", name);
	json_number(stdout, v);
}

static int print_json(const struct attempt_row *r, void *arg)
{
	struct list_ctx *c = arg;
	printf("%s\n {", c->n++ ? "," : "");
	printf("\"id\":%lld", r->id);
	if (r->round_id)
		printf(",\"round_id\":%lld", r->round_id);
	else
		printf(",\"round_id\":null");
	printf(",\"started_at\":%lld", r->started_at);
	json_field_str("mode", r->mode, true);
	json_field_str("status", r->status, true);
	json_field_str("reason", r->reason, true);
	json_field_str("question_id", r->question_id, true);
	json_field_str("question_text", r->question_text, true);
	json_field_str("category", r->category, true);
	json_field_str("story_id", r->story_id, true);
	json_field_str("story_title", r->story_title, true);
	json_field_str("wav_path", r->wav_path, true);
	json_field_num("sample_rate", r->sample_rate);
	json_field_num("duration_s", r->duration_s);
	json_field_num("limit_s", r->limit_s);
	json_field_num("overflows", (double)r->overflows);
	json_field_num("dropped_frames", (double)r->dropped_frames);
	/* The pacing statistics under the names `rehearse analyze` uses. */
	double nan = r->has_stats ? 0 : NAN;
	json_field_num("first_speech_s", r->first_speech_s + nan);
	json_field_num("last_speech_s", r->last_speech_s + nan);
	json_field_num("speech_s", r->speech_s + nan);
	json_field_num("long_pause_count", r->long_pause_count + nan);
	json_field_num("longest_pause_s", r->longest_pause_s + nan);
	json_field_num("syllables", r->syllables + nan);
	json_field_num("syllables_per_min", r->syllables_per_min + nan);
	json_field_num("articulation_rate", r->articulation_rate + nan);
	json_field_num("wpm_estimate", r->wpm_estimate + nan);
	json_field_num("speech_rms_dbfs", r->speech_rms_dbfs + nan);
	json_field_num("peak_dbfs", r->peak_dbfs + nan);
	json_field_num("clipped_samples", (double)r->clipped_samples + nan);
	json_field_str("feedback", r->feedback, true);
	printf("}");
	return 0;
}

int cmd_history(struct app *a, int argc, char **argv)
{
	static const struct option opts[] = {{"json", no_argument, NULL, 'j'},
					     {"limit", required_argument, NULL, 'n'},
					     COMMON_LONG_OPTS,
					     {NULL, 0, NULL, 0}};
	struct list_ctx c = {0};
	struct history_query q = {0};
	int opt;
	while ((opt = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		int k = app_common_option(a, opt, "history");
		if (k < 0)
			return 0;
		if (k > 0)
			continue;
		if (opt == 'j') {
			c.json = true;
		} else if (opt == 'n' && parse_count(optarg) > 0 && parse_count(optarg) < (1 << 30)) {
			q.limit = (int)parse_count(optarg);
		} else {
			if (opt == 'n')
				error("--limit takes a whole number of 1 or more, not '%s'", optarg);
			return app_usage_error("history");
		}
	}
	if (optind < argc)
		return app_usage_error("history");
	if (app_store(a) < 0)
		return 1;
	char errbuf[ERRBUF_SIZE];
	if (c.json)
		printf("[");
	int rc = store_each_attempt(&a->store, &q, c.json ? print_json : print_plain, &c, errbuf);
	if (c.json)
		printf("%s]\n", c.n ? "\n" : "");
	else if (rc == 0 && c.n == 0)
		printf("no attempts yet; start one with 'rehearse practice'\n");
	if (rc < 0)
		return error("%s", errbuf) ? 1 : 1;
	return 0;
}
