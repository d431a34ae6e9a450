/* cli_history.c - `rehearse history`, `delete` and `stats`: the stored
 * attempts, for reading, exporting, deleting and seeing progress. None of
 * them starts the screen or the audio system. */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "rehearse/analysis.h"
#include "rehearse/progress.h"

enum format { PLAIN, JSON, CSV };

struct list_ctx {
	enum format format;
	struct store *store;
	int n;
};

static void print_plain_header(void)
{
	printf("%5s  %-16s  %-8s  %-11s  %-10s  %-20s  %5s  %4s  %4s  %5s  %6s  %s\n", "id", "when",
	       "mode", "status", "question", "story", "time", "wpm", "long", "first", "rating",
	       "recording");
}

/* localtime for every row is most of the cost of a long listing: keep the
 * broken-down time of the last hour seen (zones shift by whole hours). */
static void row_time(long long t, char *buf, size_t n)
{
	static long long hour = -1;
	static char prefix[32];
	if (t / 3600 != hour) {
		hour = t / 3600;
		format_local_time(hour * 3600, prefix, sizeof prefix);
		prefix[strlen(prefix) - 2] = '\0'; /* drop the minutes */
	}
	snprintf(buf, n, "%s%02lld", prefix, (t % 3600) / 60);
}

static int print_plain(const struct listing_row *r, void *arg)
{
	struct list_ctx *c = arg;
	if (c->n++ == 0)
		print_plain_header();
	char when[32], dur[16], wpm[8] = "-", lp[8] = "-", fw[8] = "-", rating[8] = "-";
	row_time(r->started_at, when, sizeof when);
	format_mmss(r->duration_s, dur, sizeof dur);
	if (r->has_stats) {
		snprintf(wpm, sizeof wpm, "%d", (int)(r->wpm_estimate + 0.5));
		snprintf(lp, sizeof lp, "%d", r->long_pause_count);
		snprintf(fw, sizeof fw, "%d.%ds", (int)r->first_speech_s,
			 (int)(r->first_speech_s * 10 + 0.5) % 10);
	}
	if (r->rating)
		snprintf(rating, sizeof rating, "%d/5", r->rating);
	printf("%5lld  %-16s  %-8s  %-11s  %-10.10s  %-20.20s  %5s  %4s  %4s  %5s  %6s  %s\n",
	       r->id, when, r->mode, r->status, r->question_id ? r->question_id : "-",
	       r->story_id ? r->story_id : "-", dur, wpm, lp, fw, rating,
	       r->wav_path ? r->wav_path : "(timer only)");
	return 0;
}

/* Every stored field, under the names `rehearse analyze` uses for the
 * statistics. Missing values are null (JSON) or empty (CSV). */
struct field {
	const char *name;
	bool is_text;
	const char *text;
	double num;
};

static void row_fields(const struct attempt_row *r, struct field *f, int *n, double *marks)
{
	double na = NAN, st = r->has_stats ? 0 : NAN;
	int k = 0;
#define T(nm, v) f[k++] = (struct field){nm, true, v, 0}
#define N(nm, v) f[k++] = (struct field){nm, false, NULL, v}
	N("id", (double)r->id);
	N("round_id", r->round_id ? (double)r->round_id : na);
	N("started_at", (double)r->started_at);
	T("mode", r->mode);
	T("status", r->status);
	T("reason", r->reason);
	T("question_id", r->question_id);
	T("question_text", r->question_text);
	T("category", r->category);
	T("story_id", r->story_id);
	T("story_title", r->story_title);
	T("wav_path", r->wav_path);
	N("sample_rate", r->sample_rate ? r->sample_rate : na);
	N("duration_s", r->duration_s);
	N("limit_s", r->limit_s);
	N("overflows", (double)r->overflows);
	N("dropped_frames", (double)r->dropped_frames);
	N("first_speech_s", r->first_speech_s + st);
	N("last_speech_s", r->last_speech_s + st);
	N("speech_s", r->speech_s + st);
	N("long_pause_count", r->long_pause_count + st);
	N("longest_pause_s", r->longest_pause_s + st);
	N("syllables", r->syllables + st);
	N("syllables_per_min", r->syllables_per_min + st);
	N("articulation_rate", r->articulation_rate + st);
	N("wpm_estimate", r->wpm_estimate + st);
	N("speech_rms_dbfs", r->speech_rms_dbfs + st);
	N("peak_dbfs", r->peak_dbfs + st);
	N("clipped_samples", (double)r->clipped_samples + st);
	T("feedback", r->feedback);
	N("mark_situation_s", marks[0] >= 0 ? marks[0] : na);
	N("mark_task_s", marks[1] >= 0 ? marks[1] : na);
	N("mark_action_s", marks[2] >= 0 ? marks[2] : na);
	N("mark_result_s", marks[3] >= 0 ? marks[3] : na);
	N("rating", r->rating ? r->rating : na);
	T("note", r->note);
#undef T
#undef N
	*n = k;
}

static void csv_text(const char *s)
{
	if (!s)
		return;
	if (!strpbrk(s, ",\"\n\r")) {
		fputs(s, stdout);
		return;
	}
	putchar('"');
	for (; *s; s++) {
		if (*s == '"')
			putchar('"');
		putchar(*s);
	}
	putchar('"');
}

static void csv_num(double v)
{
	if (!isnan(v))
		json_number(stdout, v);
}

static int print_export(const struct attempt_row *r, void *arg)
{
	struct list_ctx *c = arg;
	char errbuf[ERRBUF_SIZE];
	double marks[4];
	struct field f[48];
	int n;
	store_get_marks(c->store, r->id, marks, errbuf);
	row_fields(r, f, &n, marks);
	struct pause *pz = NULL;
	size_t np = 0;
	struct critique cr = {0};
	if (c->format == JSON) {
		store_get_pauses(c->store, r->id, &pz, &np, errbuf);
		store_get_critique(c->store, r->id, &cr, errbuf);
	}
	if (c->format == CSV && c->n == 0) {
		for (int i = 0; i < n; i++)
			printf("%s%s", i ? "," : "", f[i].name);
		printf("\n");
	}
	if (c->format == CSV) {
		for (int i = 0; i < n; i++) {
			if (i)
				putchar(',');
			if (f[i].is_text)
				csv_text(f[i].text);
			else
				csv_num(f[i].num);
		}
		putchar('\n');
	} else {
		printf("%s\n {", c->n ? "," : "");
		for (int i = 0; i < n; i++) {
			printf("%s\"%s\":", i ? "," : "", f[i].name);
			if (f[i].is_text)
				json_string(stdout, f[i].text);
			else
				json_number(stdout, f[i].num);
		}
		printf(",\"pauses\":[");
		for (size_t i = 0; i < np; i++) {
			printf("%s{\"start_s\":", i ? "," : "");
			json_number(stdout, pz[i].start_s);
			printf(",\"end_s\":");
			json_number(stdout, pz[i].end_s);
			printf("}");
		}
		printf("],\"checklist\":[");
		for (size_t i = 0; i < cr.items.n; i++) {
			printf("%s{\"item\":", i ? "," : "");
			json_string(stdout, cr.items.v[i]);
			printf(",\"ticked\":%s}", cr.ticked[i] ? "true" : "false");
		}
		printf("]}");
	}
	free(pz);
	critique_free(&cr);
	c->n++;
	return 0;
}

/* "2026-11-25" or "2026-11-25 14:30", local time. */
static long long parse_since(const char *s)
{
	struct tm tm = {0};
	int y, mo, d, h = 0, mi = 0, used = 0;
	if (sscanf(s, "%4d-%2d-%2d%n", &y, &mo, &d, &used) != 3)
		return -1;
	if (s[used] && sscanf(s + used + 1, "%2d:%2d", &h, &mi) != 2)
		return -1;
	tm.tm_year = y - 1900;
	tm.tm_mon = mo - 1;
	tm.tm_mday = d;
	tm.tm_hour = h;
	tm.tm_min = mi;
	tm.tm_isdst = -1;
	if (mo < 1 || mo > 12 || d < 1 || d > 31)
		return -1;
	return (long long)mktime(&tm);
}

int cmd_history(struct app *a, int argc, char **argv)
{
	static const struct option opts[] = {{"json", no_argument, NULL, 'j'},
					     {"csv", no_argument, NULL, 'c'},
					     {"limit", required_argument, NULL, 'n'},
					     {"story", required_argument, NULL, 's'},
					     {"category", required_argument, NULL, 'g'},
					     {"question", required_argument, NULL, 'q'},
					     {"since", required_argument, NULL, 'd'},
					     {"all", no_argument, NULL, 'a'},
					     COMMON_LONG_OPTS,
					     {NULL, 0, NULL, 0}};
	struct list_ctx c = {0};
	struct history_query q = {0};
	bool all = false;
	int opt;
	while ((opt = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		int k = app_common_option(a, opt, "history");
		if (k < 0)
			return 0;
		if (k > 0)
			continue;
		long long v;
		switch (opt) {
		case 'j':
			c.format = JSON;
			break;
		case 'c':
			c.format = CSV;
			break;
		case 'a':
			all = true;
			break;
		case 'n':
			if ((v = parse_count(optarg)) < 1 || v > (1 << 30)) {
				error("--limit takes a whole number of 1 or more, not '%s'", optarg);
				return EXIT_USAGE;
			}
			q.limit = (int)v;
			break;
		case 's':
			q.story = optarg;
			break;
		case 'g':
			q.category = optarg;
			break;
		case 'q':
			q.question = optarg;
			break;
		case 'd':
			if ((q.since = parse_since(optarg)) < 0) {
				error("--since takes a date like 2026-11-25 or '2026-11-25 14:30', not "
				      "'%s'",
				      optarg);
				return EXIT_USAGE;
			}
			break;
		default:
			return app_usage_error("history");
		}
	}
	if (optind < argc)
		return app_usage_error("history");
	if (app_store(a) < 0)
		return 1;
	c.store = &a->store;
	char errbuf[ERRBUF_SIZE];
	if (c.format == JSON)
		printf("[");
	/* A person reading the listing wants the latest page, not 100,000
	 * lines; exports and --all give everything. */
	bool paged = c.format == PLAIN && !all && q.limit == 0;
	if (paged)
		q.limit = 100;
	/* A long listing goes out in large writes. */
	static char outbuf[1 << 16];
	setvbuf(stdout, outbuf, _IOFBF, sizeof outbuf);
	int rc = c.format == PLAIN ? store_each_listing(&a->store, &q, print_plain, &c, errbuf)
				   : store_each_attempt(&a->store, &q, print_export, &c, errbuf);
	if (c.format == JSON)
		printf("%s]\n", c.n ? "\n" : "");
	else if (rc == 0 && c.format == PLAIN && paged && c.n == q.limit) {
		long long total = store_count_attempts(&a->store, &q, errbuf);
		if (total > c.n)
			printf("(the newest %d of %lld; --limit N or --all for more, --csv or --json "
			       "to export)\n",
			       c.n, total);
	} else if (c.format == PLAIN && rc == 0 && c.n == 0)
		printf("no attempts%s; start one with 'rehearse practice'\n",
		       q.story || q.category || q.question || q.since ? " match" : " yet");
	if (rc < 0) {
		error("%s", errbuf);
		return 1;
	}
	return 0;
}

int cmd_delete(struct app *a, int argc, char **argv)
{
	static const struct option opts[] = {
		{"yes", no_argument, NULL, 'y'}, COMMON_LONG_OPTS, {NULL, 0, NULL, 0}};
	bool yes = false;
	int opt;
	while ((opt = getopt_long(argc, argv, "y", opts, NULL)) != -1) {
		int k = app_common_option(a, opt, "delete");
		if (k < 0)
			return 0;
		if (k > 0)
			continue;
		if (opt != 'y')
			return app_usage_error("delete");
		yes = true;
	}
	long long id = optind == argc - 1 ? parse_count(argv[optind]) : -1;
	if (id <= 0)
		return app_usage_error("delete");
	if (app_store(a) < 0)
		return 1;
	char errbuf[ERRBUF_SIZE];
	struct attempt_row r;
	if (store_get_attempt(&a->store, id, &r, errbuf) < 0) {
		error("%s", errbuf);
		return 1;
	}
	if (!yes) {
		printf("Delete attempt %lld (%s, %s) and its recording? [y/N] ", id,
		       r.question_id ? r.question_id : "story", r.status);
		fflush(stdout);
		char ans[16] = "";
		if (!fgets(ans, sizeof ans, stdin) || (ans[0] != 'y' && ans[0] != 'Y')) {
			printf("%skept\n", ans[0] ? "" : "\n");
			attempt_row_free(&r);
			return 1;
		}
	}
	int rc = 0;
	bool shared = false; /* another row's recording is never ours to delete */
	if (store_wav_shared(&a->store, id, &shared, errbuf) < 0)
		rc = error("%s", errbuf);
	/* The row goes first: a row without its file is worse than a file
	 * without its row, which a person can still find and play. */
	else if (store_delete_attempt(&a->store, id, errbuf) < 0)
		rc = error("%s", errbuf);
	else if (r.wav_path && !shared && unlink(r.wav_path) < 0 && errno != ENOENT)
		rc = error("%s: cannot delete: %s", r.wav_path, strerror(errno));
	else
		printf("deleted attempt %lld%s\n", id,
		       r.wav_path && !shared ? " and its recording" : "");
	attempt_row_free(&r);
	return rc ? 1 : 0;
}

static int add_progress(const struct attempt_row *r, void *ctx)
{
	progress_add(ctx, r);
	return 0;
}

int cmd_stats(struct app *a, int argc, char **argv)
{
	static const struct option opts[] = {COMMON_LONG_OPTS, {NULL, 0, NULL, 0}};
	int opt;
	while ((opt = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		int k = app_common_option(a, opt, "stats");
		if (k < 0)
			return 0;
		if (k == 0)
			return app_usage_error("stats");
	}
	if (optind < argc)
		return app_usage_error("stats");
	if (app_bank(a) < 0 || app_store(a) < 0)
		return 1;
	struct progress p = {0};
	struct history_query q = {.oldest_first = true};
	char errbuf[ERRBUF_SIZE];
	int rc = store_each_attempt(&a->store, &q, add_progress, &p, errbuf);
	if (rc == 0)
		progress_print(&p, &a->bank, (long long)now_s(), 7, stdout);
	else
		error("%s", errbuf);
	progress_free(&p);
	return rc ? 1 : 0;
}
