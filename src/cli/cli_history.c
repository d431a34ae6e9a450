/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cli_history.c - `rehearse history`, `delete` and `stats`: the stored
 * attempts, for reading, exporting, deleting and seeing progress. None of
 * them starts the screen or the audio system. */
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "cli_story.h"
#include "rehearse/analysis.h"
#include "rehearse/compare.h"
#include "rehearse/feedback.h"
#include "rehearse/metrics.h"
#include "rehearse/progress.h"

enum format { PLAIN, JSON, CSV };

struct list_ctx {
	int format; /* enum format */
	struct store *store;
	int n;
	bool failed; /* a row's marks, pauses or checklist could not be read */
	FILE *out;   /* JSON goes here (stdout, or an export's file) */
	int fit;     /* > 0: a terminal of this many columns (see print_plain) */
	char errbuf[ERRBUF_SIZE];
	/* Follow-ups come before their answer, newest first: each is held
	 * until its answer has been listed, and shown under it (list_plain). */
	struct held_row *held;
	size_t nheld, capheld;
};

struct held_row {
	struct listing_row r; /* its strings owned here */
	long long parent;
};

/* The listing on a terminal, as ls and git log --oneline fit theirs:
 * no recording column, the day without its year, one space between
 * columns and the story cut to what is left (at least FIT_STORY_MIN);
 * --long, or output that is not a terminal, keeps the whole row, which
 * scripts read. */
#define FIT_FIXED 70 /* every column but the story and the mode, with their spaces */
#define FIT_MODE 10  /* the mode column ("follow-up") and its space, from FIT_MODE_COLS on */
#define FIT_MODE_COLS 100
#define FIT_STORY_MIN 8

static int fit_story_width(int cols)
{
	int w = cols - FIT_FIXED - 1 - (cols >= FIT_MODE_COLS ? FIT_MODE : 0);
	return w > FIT_STORY_MIN ? w : FIT_STORY_MIN;
}

/* text then spaces to width columns. */
static void left(const char *text, int width)
{
	fputs(text, stdout);
	for (int pad = width - utf8_width(text); pad > 0; pad--)
		putchar(' ');
}

static void print_fit_header(int cols)
{
	printf("%5s %-11s %s%-11s %-10s %-*s %5s %4s %4s %5s %6s\n", "id", "when",
	       cols >= FIT_MODE_COLS ? "mode      " : "", "status", "question", fit_story_width(cols),
	       "story", "time", "wpm", "long", "first", "rating");
}

/* s cut in place to at most width characters, the last an ellipsis. */
static void cut_to(char *s, int width)
{
	int n = 0;
	for (char *p = s; *p; p++)
		if (((unsigned char)*p & 0xC0) != 0x80 && ++n == width && p[1]) {
			for (char *q = p + 1; *q; q++)
				if (((unsigned char)*q & 0xC0) != 0x80) {
					strcpy(p, "…");
					return;
				}
		}
}

static void print_plain_header(void)
{
	printf("%5s  %-16s  %-8s  %-11s  %-10s  %-20s  %5s  %4s  %4s  %5s  %6s  %s\n", "id", "when",
	       "mode", "status", "question", "story", "time", "wpm", "long", "first", "rating",
	       "recording");
}

/* Right-aligned in width columns, counting "—" as the one column it takes. */
static void cell(const char *text, int width)
{
	for (int pad = width - utf8_width(text); pad > 0; pad--)
		putchar(' ');
	fputs(text, stdout);
}

/* localtime for every row is most of the cost of a long listing: keep the
 * local hour of the last row seen, as the span of seconds it covers. The
 * span is measured from the local minutes, not the UTC hour: zones are
 * offset by half and quarter hours too (Asia/Kolkata, Asia/Kathmandu). */
static void row_time(long long t, char *buf, size_t n)
{
	static bool cached;
	static long long start, end; /* [start, end): one local hour, one offset */
	static int first_min;        /* the local minute at start */
	static char prefix[24];      /* "YYYY-MM-DD HH:" of that hour */
	if (!cached || t < start || t >= end) {
		time_t tt = (time_t)t;
		struct tm tm, last;
		localtime_r(&tt, &tm);
		start = t - tm.tm_min * 60 - tm.tm_sec;
		end = start + 3600;
		first_min = 0;
		time_t tl = (time_t)(end - 1);
		localtime_r(&tl, &last);
		/* An offset change inside the hour (a half-hour shift): cache
		 * only this minute. */
		if (last.tm_gmtoff != tm.tm_gmtoff || last.tm_hour != tm.tm_hour) {
			start = t - tm.tm_sec;
			end = start + 60;
			first_min = tm.tm_min;
		}
		strftime(prefix, sizeof prefix, "%Y-%m-%d %H:", &tm);
		cached = true;
	}
	snprintf(buf, n, "%s%02u", prefix, (unsigned)(first_min + (t - start) / 60) % 60u);
}

/* The pacing cells: "-" when the take was not analysed (timer only), "—"
 * when it was and no speech was heard (0 wpm would be a lie). */
static void pacing_cells(const struct listing_row *r, char wpm[8], char lp[8], char fw[8])
{
	const char *none = r->has_stats ? "—" : "-";
	struct take_meaning m = take_meaning(r->status, r->has_stats, r->has_speech, r->speech_s,
					     r->duration_s, r->limit_s);
	snprintf(wpm, 8, "%s", none);
	snprintf(lp, 8, "%s", none);
	snprintf(fw, 8, "%s", none);
	if (!m.heard)
		return;
	if (m.pace_known) /* as the card: too little speech gives no pace */
		snprintf(wpm, 8, "%d", (int)(r->wpm_estimate + 0.5));
	snprintf(lp, 8, "%d", r->long_pause_count);
	/* %.1f rounds as the screens do (2.9868 s is 3.0 s, never 2.0 s). */
	snprintf(fw, 8, "%.1fs", r->first_speech_s);
}

/* The start of a row fitted to the terminal: a follow-up's question
 * under its answer's with an arrow (list_plain). Takes qid and returns
 * the text to free instead. */
static char *print_fit_cells(int fit, const struct listing_row *r, const char *when,
			     const char *status, char *qid, char *sid, const char *dur)
{
	if (attempt_mode_is_follow_up(r->mode)) {
		char *arrowed = xasprintf("↳ %s", qid);
		free(qid);
		qid = arrowed;
	}
	cut_to(qid, 10);
	cut_to(sid, fit_story_width(fit));
	printf("%5lld %-11s ", r->id, when + 5);
	if (fit >= FIT_MODE_COLS)
		printf("%-9s ", r->mode);
	printf("%-11s ", status);
	left(qid, 10);
	putchar(' ');
	left(sid, fit_story_width(fit));
	printf(" %5s ", dur);
	return qid;
}

/* Ids are printed whole: a long one shifts its row rather than being cut. */
static int print_plain(const struct listing_row *r, void *arg)
{
	struct list_ctx *c = arg;
	if (c->n++ == 0 && c->fit)
		print_fit_header(c->fit);
	else if (c->n == 1)
		print_plain_header();
	char when[32], dur[16], wpm[8], lp[8], fw[8], rating[8] = "-";
	row_time(r->started_at, when, sizeof when);
	format_mmss(r->duration_s, dur, sizeof dur);
	pacing_cells(r, wpm, lp, fw);
	if (r->rating)
		snprintf(rating, sizeof rating, "%d/5", r->rating);
	const char *status =
		take_meaning(r->status, r->has_stats, r->has_speech, r->speech_s, r->duration_s,
			     r->limit_s).status;
	/* Rows from before ids were checked may hold any bytes: shown
	 * escaped, never as terminal control. */
	char *qid = printable(r->question_id ? r->question_id : "-");
	char *sid = printable(r->story_id ? r->story_id : "-");
	const char *gap = c->fit ? " " : "  ";
	if (c->fit) {
		qid = print_fit_cells(c->fit, r, when, status, qid, sid, dur);
	} else {
		/* As before follow-ups, which scripts read: "follow-up" runs one
		 * column into the gap after it. */
		printf("%5lld  %-16s  %-8s  %-11s  %-10s  %-20s  %5s  ", r->id, when, r->mode, status,
		       qid, sid, dur);
	}
	cell(wpm, 4);
	fputs(gap, stdout);
	cell(lp, 4);
	fputs(gap, stdout);
	cell(fw, 5);
	/* Only a name rehearse makes is shown: any other text a row holds may
	 * carry escape sequences for the terminal. */
	const char *wav = !r->wav_name ? "(timer only)"
			  : attempt_name_ok(r->wav_name) ? r->wav_name
							 : "(not a recording of this folder)";
	if (c->fit)
		printf(" %6s\n", rating);
	else
		printf("  %6s  %s\n", rating, wav);
	free(qid);
	free(sid);
	return 0;
}

static char *dup_or_null(const char *s)
{
	return s ? xstrdup(s) : NULL;
}

static void hold_row(struct list_ctx *c, const struct listing_row *r, long long parent)
{
	GROW(c->held, c->capheld, c->nheld + 1);
	struct held_row *h = &c->held[c->nheld++];
	h->r = *r;
	h->r.mode = dup_or_null(r->mode);
	h->r.question_id = dup_or_null(r->question_id);
	h->r.story_id = dup_or_null(r->story_id);
	h->r.wav_name = dup_or_null(r->wav_name);
	h->parent = parent;
}

/* The follow-ups held for parent, or (parent 0) every one still held:
 * those whose answer is not in the listing (an older page, --since). */
static void print_held(struct list_ctx *c, long long parent)
{
	size_t keep = 0;
	for (size_t i = 0; i < c->nheld; i++) {
		struct held_row *h = &c->held[i];
		if (parent && h->parent != parent) {
			c->held[keep++] = *h;
			continue;
		}
		print_plain(&h->r, c);
		free((char *)h->r.mode);
		free((char *)h->r.question_id);
		free((char *)h->r.story_id);
		free((char *)h->r.wav_name);
	}
	c->nheld = keep;
	if (!parent) {
		free(c->held);
		c->held = NULL;
		c->capheld = 0;
	}
}

/* A row of the listing; a follow-up waits for its answer (print_held).
 * When its answer cannot be found it is listed where it is. */
static int list_plain(const struct listing_row *r, void *arg)
{
	struct list_ctx *c = arg;
	long long parent = 0;
	char errbuf[ERRBUF_SIZE];
	if (attempt_mode_is_follow_up(r->mode) && store_follow_up_parent(c->store, r->id, &parent, errbuf) == 0 &&
	    parent) {
		hold_row(c, r, parent);
		return 0;
	}
	print_plain(r, c);
	print_held(c, r->id);
	return 0;
}

/* Every stored field. The pacing figures come from the metrics table,
 * under the names `rehearse analyze` uses; missing values are null (JSON)
 * or empty (CSV). */
struct field {
	const char *json, *csv;
	bool is_text;
	const char *text;
	double num;
	const struct metric *metric; /* NULL: a plain number or text */
};
#define MAX_FIELDS (28 + METRIC_MAX) /* the attempt's 26, with room */

static void text_field(struct field *f, int *k, const char *name, const char *v)
{
	f[(*k)++] = (struct field){name, name, true, v, 0, NULL};
}

static void num_field(struct field *f, int *k, const char *name, double v)
{
	f[(*k)++] = (struct field){name, name, false, NULL, v, NULL};
}

/* "2026-01-01T12:00:00+01:00": local time with its offset, which a
 * spreadsheet reads as a time (the epoch column stays for programs). */
static void iso_time(long long t, char *buf, size_t n)
{
	time_t tt = (time_t)t;
	struct tm tm;
	char off[8];
	if (!localtime_r(&tt, &tm) || !strftime(buf, n, "%Y-%m-%dT%H:%M:%S", &tm) ||
	    !strftime(off, sizeof off, "%z", &tm) || strlen(off) != 5) {
		snprintf(buf, n, "%s", "");
		return;
	}
	size_t used = strlen(buf);
	snprintf(buf + used, n - used, "%.3s:%s", off, off + 3);
}

static void attempt_fields(const struct attempt_row *r, const char *iso, long long parent,
			   struct field *f, int *k)
{
	num_field(f, k, "id", (double)r->id);
	num_field(f, k, "round_id", r->round_id ? (double)r->round_id : NAN);
	num_field(f, k, "started_at", (double)r->started_at);
	text_field(f, k, "started_at_iso", iso);
	text_field(f, k, "mode", r->mode);
	/* A follow-up's answer (store_follow_up_parent); null for the others. */
	num_field(f, k, "parent_id", parent ? (double)parent : NAN);
	text_field(f, k, "status", attempt_status_name(r->status));
	text_field(f, k, "reason", r->reason);
	text_field(f, k, "question_id", r->question_id);
	text_field(f, k, "question_text", r->question_text);
	text_field(f, k, "category", r->category);
	text_field(f, k, "story_id", r->story_id);
	text_field(f, k, "story_title", r->story_title);
	text_field(f, k, "wav_path", r->wav_path);
	num_field(f, k, "sample_rate", r->sample_rate ? r->sample_rate : NAN);
	num_field(f, k, "duration_s", r->duration_s);
	num_field(f, k, "limit_s", r->limit_s);
	num_field(f, k, "overflows", (double)r->overflows);
	/* 1 or 0; null when the take was not analysed (timer only). */
	num_field(f, k, "dropped_frames", (double)r->dropped_frames);
}

static void row_fields(const struct attempt_row *r, long long parent, struct field *f, int *n,
		       double *marks, char iso[40])
{
	static const char *const mark_names[4] = {"mark_situation_s", "mark_task_s",
						  "mark_action_s", "mark_result_s"};
	int k = 0;
	iso_time(r->started_at, iso, 40);
	attempt_fields(r, iso, parent, f, &k);
	for (size_t i = 0; i < metric_count && i < METRIC_MAX; i++) {
		const struct metric *m = &metrics[i];
		if (!m->since_schema)
			continue;
		bool missing = !r->has_stats || (r->stats_missing >> i & 1);
		f[k++] = (struct field){m->json, m->csv, false, NULL,
					missing ? NAN : metric_get(m, &r->stats), m};
	}
	text_field(f, &k, "feedback", r->feedback);
	for (int i = 0; i < 4; i++)
		num_field(f, &k, mark_names[i], marks[i] >= 0 ? marks[i] : NAN);
	num_field(f, &k, "rating", r->rating ? r->rating : NAN);
	text_field(f, &k, "note", r->note);
	*n = k;
}

/* A CSV reader takes UTF-8: a byte that is not, or a control character
 * other than a line break or tab, becomes U+FFFD. */
static void csv_text(const char *s)
{
	if (!s)
		return;
	bool quote = strpbrk(s, ",\"\n\r") != NULL;
	if (quote)
		putchar('"');
	for (size_t n = strlen(s), k; n; s += k, n -= k) {
		unsigned char c = (unsigned char)*s;
		k = utf8_seq(s, n);
		if (k == 0 || (c < 0x20 && !strchr("\t\n\r", c)) || c == 0x7f) {
			fputs("\xEF\xBF\xBD", stdout);
			k = 1;
			continue;
		}
		if (c == '"')
			putchar('"');
		fwrite(s, 1, k, stdout);
	}
	if (quote)
		putchar('"');
}

static void csv_num(double v)
{
	if (!isnan(v))
		json_number(stdout, v);
}

static void print_csv_header(const struct field *f, int n)
{
	for (int i = 0; i < n; i++)
		printf("%s%s", i ? "," : "", f[i].csv);
	printf("\n");
}

/* An empty export still says which columns there would be. */
static void print_empty_csv_header(void)
{
	struct attempt_row none = {0};
	struct field f[MAX_FIELDS];
	double marks[4] = {-1, -1, -1, -1};
	char iso[40];
	int n;
	row_fields(&none, 0, f, &n, marks, iso);
	print_csv_header(f, n);
}

static void print_csv(const struct list_ctx *c, const struct field *f, int n)
{
	if (c->n == 0)
		print_csv_header(f, n);
	for (int i = 0; i < n; i++) {
		if (i)
			putchar(',');
		if (f[i].is_text)
			csv_text(f[i].text);
		else if (f[i].metric)
			metric_csv(stdout, f[i].metric, f[i].num);
		else
			csv_num(f[i].num);
	}
	putchar('\n');
}

/* The story follower's answer, as `analyze --story --json` prints it;
 * null for a take it did not follow (off, no story, an older row). */
static void print_story(FILE *out, const struct attempt_row *r, const struct follow_result *fr)
{
	if (r->has_stats && r->stats.has_story)
		story_json(out, r->story_id ? r->story_id : "", "on", fr);
	else
		fprintf(out, ",\"story\":null");
}

static void print_json(const struct list_ctx *c, const struct field *f, int n,
		       const struct pause *pz, size_t np, const struct critique *cr)
{
	fprintf(c->out, "%s\n {", c->n ? "," : "");
	for (int i = 0; i < n; i++) {
		fprintf(c->out, "%s\"%s\":", i ? "," : "", f[i].json);
		if (f[i].is_text)
			json_string(c->out, f[i].text);
		else if (f[i].metric)
			metric_json(c->out, f[i].metric, f[i].num);
		else
			json_number(c->out, f[i].num);
	}
	fprintf(c->out, ",\"pauses\":[");
	for (size_t i = 0; i < np; i++) {
		fprintf(c->out, "%s{\"start_s\":", i ? "," : "");
		json_number(c->out, pz[i].start_s);
		fprintf(c->out, ",\"end_s\":");
		json_number(c->out, pz[i].end_s);
		fprintf(c->out, "}");
	}
	fprintf(c->out, "],\"checklist\":[");
	for (size_t i = 0; i < cr->items.n; i++) {
		fprintf(c->out, "%s{\"item\":", i ? "," : "");
		json_string(c->out, cr->items.v[i]);
		fprintf(c->out, ",\"ticked\":%s}", cr->ticked[i] ? "true" : "false");
	}
	fprintf(c->out, "]");
}

/* One row of an export. A row whose marks, pauses or checklist cannot be
 * read ends the export with that error rather than leaving them out. */
static int print_export(const struct attempt_row *r, void *arg)
{
	struct list_ctx *c = arg;
	double marks[4];
	struct field f[MAX_FIELDS];
	char iso[40];
	struct pause *pz = NULL;
	size_t np = 0;
	struct critique cr = {0};
	struct follow_result story = {0};
	int n;
	long long parent = 0;
	int rc = store_get_marks(c->store, r->id, marks, c->errbuf);
	if (rc == 0 && attempt_mode_is_follow_up(r->mode))
		rc = store_follow_up_parent(c->store, r->id, &parent, c->errbuf);
	if (rc == 0 && c->format == JSON)
		rc = store_get_pauses(c->store, r->id, &pz, &np, c->errbuf);
	if (rc == 0 && c->format == JSON)
		rc = store_get_critique(c->store, r->id, &cr, c->errbuf);
	if (rc == 0 && c->format == JSON)
		rc = store_get_story(c->store, r, &story, c->errbuf);
	if (rc == 0) {
		row_fields(r, parent, f, &n, marks, iso);
		if (c->format == CSV) {
			print_csv(c, f, n);
		} else {
			print_json(c, f, n, pz, np, &cr);
			print_story(c->out, r, &story);
			fputc('}', c->out);
		}
		c->n++;
	}
	free(pz);
	critique_free(&cr);
	follow_result_free(&story);
	c->failed = rc < 0;
	return c->failed;
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

static int set_since(const struct cli_option *o, const char *arg)
{
	return (*(long long *)o->value = parse_since(arg)) < 0 ? -1 : 0;
}

/* After the listing: how much was left out, or that there was nothing. */
static void listing_footer(struct store *st, struct history_query *q, const struct list_ctx *c,
			   bool paged)
{
	char errbuf[ERRBUF_SIZE];
	if (paged && c->n == q->limit) {
		long long total = store_count_attempts(st, q, errbuf);
		if (total < 0)
			warning("%s", errbuf);
		else if (total > c->n)
			printf("(the newest %d of %lld; --limit N or --all for more, --csv or --json "
			       "to export)\n",
			       c->n, total);
	} else if (c->n == 0) {
		printf("no attempts%s; start one with 'rehearse practice'\n",
		       q->story || q->category || q->question || q->since ? " match" : " yet");
	}
}

/* The newest answered take of a question against the one before it. */
static int print_comparison(struct app *a, const char *question)
{
	char errbuf[ERRBUF_SIZE];
	struct attempt_row cur, prev, probe = {.id = LLONG_MAX, .question_id = (char *)question};
	double mc[STAR_COUNT], mp[STAR_COUNT];
	int rc = compare_find_previous(&a->store, &probe, &cur, mc, errbuf);
	if (rc == 1)
		rc = compare_find_previous(&a->store, &cur, &prev, mp, errbuf);
	if (rc < 0)
		return error("%s", errbuf);
	if (rc == 0) {
		if (cur.id)
			attempt_row_free(&cur);
		return 0;
	}
	const struct category *cat = NULL;
	if (cur.category && app_bank(a) == 0 && bank_category_index(&a->bank, cur.category) >= 0)
		cat = &a->bank.cats[bank_category_index(&a->bank, cur.category)];
	struct compare_take before, after;
	compare_take_from_row(&prev, mp, &before);
	compare_take_from_row(&cur, mc, &after);
	struct compare_line l[COMPARE_MAX];
	int n = compare_takes(&before, &after, cat, l);
	printf("\nAttempt %lld against the take before it, %lld:\n", cur.id, prev.id);
	for (int i = 0; i < n; i++) {
		printf("  %-12s ", l[i].label);
		cell(l[i].before, 14);
		printf(" → %s", l[i].after);
		cell("", 14 - utf8_width(l[i].after));
		printf("  %s %s\n", compare_verdict_mark(l[i].verdict), l[i].change);
	}
	attempt_row_free(&cur);
	attempt_row_free(&prev);
	return 0;
}

/* Nothing matched a category the bank does not have: name the ones it
 * has (a category of an older bank with takes still lists them). */
static bool unknown_in(const struct bank *b, enum bank_name_kind kind, const char *name)
{
	static const char *const what[] = {"category", "question", "story"};
	char hint[600] = "";
	bool unknown = kind == BANK_CATEGORY ? bank_category_index(b, name) < 0
		       : kind == BANK_QUESTION ? !bank_question(b, name)
					       : !bank_story(b, name);
	const char *near = kind == BANK_CATEGORY ? NULL : bank_suggest(b, kind, name);
	if (kind == BANK_CATEGORY)
		bank_category_hint(b, name, hint, sizeof hint);
	else if (near)
		snprintf(hint, sizeof hint, "did you mean '%s'?", near);
	if (unknown)
		error("no %s '%s' in the bank%s%s", what[kind], name, *hint ? "; " : "", hint);
	return unknown;
}

/* Nothing matched a filter the bank does not know: say so, with a guess
 * (an id of an older bank with takes still lists them). */
static bool unknown_filter(struct app *a, const struct history_query *q)
{
	char *dir = app_bank_dir(a, &a->bank_why), errbuf[ERRBUF_SIZE];
	struct bank b;
	bool unknown = false;
	if (bank_load(&b, dir, errbuf) == 0) {
		unknown = (q->category && unknown_in(&b, BANK_CATEGORY, q->category)) ||
			  (q->question && unknown_in(&b, BANK_QUESTION, q->question)) ||
			  (q->story && unknown_in(&b, BANK_STORY, q->story));
		bank_free(&b);
	}
	free(dir);
	return unknown;
}

/* Under a plain listing: how much was left out, and for one question the
 * newest take against the one before it. */
static int plain_tail(struct app *a, struct history_query *q, const struct list_ctx *c,
		      bool paged)
{
	if (c->n == 0 && unknown_filter(a, q))
		return EXIT_USAGE;
	listing_footer(&a->store, q, c, paged);
	return q->question && print_comparison(a, q->question) < 0 ? 1 : 0;
}

/* The end of an export: JSON's closing bracket, or an empty CSV's header. */
static void export_end(const struct list_ctx *c, int rc)
{
	if (c->format == JSON)
		printf("%s]\n", c->n ? "\n" : "");
	else if (c->format == CSV && c->n == 0 && rc == 0 && !c->failed)
		print_empty_csv_header();
}

/* The terminal's width when stdout is one, else 0. */
static int terminal_columns(void)
{
	struct winsize ws;
	if (isatty(STDOUT_FILENO) && ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
		return ws.ws_col;
	return 0;
}

int history_json_of(struct app *a, const struct attempt_row *r, FILE *out, char *errbuf)
{
	struct list_ctx c = {.format = JSON, .store = &a->store, .out = out};
	print_export(r, &c);
	fputc('\n', out);
	return c.failed ? set_err(errbuf, "%s", c.errbuf) : 0;
}

int cmd_history(struct app *a, int argc, char **argv)
{
	struct list_ctx c = {.out = stdout};
	struct history_query q = {0};
	bool all = false, full = false;
	const struct cli_option opts[] = {
		OPT_SET_INT("json", &c.format, JSON, "one JSON list with every stored field"),
		OPT_SET_INT("csv", &c.format, CSV, "every stored field as CSV, for spreadsheets"),
		OPT_STRING("story", "ID", &q.story, "only this story's attempts"),
		OPT_STRING("category", "NAME", &q.category, "only this category's"),
		OPT_STRING("question", "ID", &q.question, "only this question's"),
		OPT_CALLBACK("since", "DATE", &q.since, set_since,
			     "a date like 2026-11-25 or '2026-11-25 14:30'",
			     "from this day on (2026-11-25 or '2026-11-25 14:30')"),
		OPT_INT("limit", "N", &q.limit, 1, 1 << 30, "a whole number of 1 or more",
			"at most N attempts (the listing shows the newest 100)"),
		OPT_FLAG("all", &all, "list every attempt"),
		OPT_FLAG("long", &full, "whole rows with the recording's name (a terminal gets them "
					"cut to its width)"),
		OPT_END,
	};
	const struct cli_command cmd = {"history", "rehearse history [--json | --csv] [FILTERS]",
					opts, 0, 0, false};
	int n = parse_options(a, &cmd, argc, argv);
	if (n < 0)
		return parse_exit_code(n);
	c.store = &a->store;
	if (c.format == PLAIN && !full)
		c.fit = terminal_columns();
	/* A person reading the listing wants the latest page, not 100,000
	 * lines; exports and --all give everything. */
	bool paged = c.format == PLAIN && !all && q.limit == 0;
	if (paged)
		q.limit = 100;
	/* A long listing goes out in large writes. */
	static char outbuf[1 << 16];
	setvbuf(stdout, outbuf, _IOFBF, sizeof outbuf);
	char errbuf[ERRBUF_SIZE];
	if (c.format == JSON)
		printf("[");
	int rc = c.format == PLAIN ? store_each_listing(&a->store, &q, list_plain, &c, errbuf)
				   : store_each_attempt(&a->store, &q, print_export, &c, errbuf);
	print_held(&c, 0);
	export_end(&c, rc);
	if (rc < 0 || c.failed) {
		error("%s", rc < 0 ? errbuf : c.errbuf);
		return 1;
	}
	return c.format == PLAIN ? plain_tail(a, &q, &c, paged) : 0;
}

int cmd_delete(struct app *a, int argc, char **argv)
{
	bool yes = false;
	const struct cli_option opts[] = {
		{"yes", 'y', NULL, "do not ask first (for scripts)", opt_flag, &yes, 0, 0, NULL},
		OPT_END,
	};
	const struct cli_command cmd = {"delete", "rehearse delete ID [--yes]", opts, 1, 1, false};
	long long id;
	int done = parse_id_command(a, &cmd, argc, argv, &id);
	if (done >= 0)
		return done;
	char errbuf[ERRBUF_SIZE];
	struct attempt_row r;
	if (app_attempt(a, id, &r) < 0)
		return 1;
	if (!yes) {
		printf("Delete attempt %lld (%s, %s) and its recording? [y/N] ", id,
		       r.question_id ? r.question_id : "story", attempt_status_name(r.status));
		fflush(stdout);
		char ans[16] = "";
		if (!fgets(ans, sizeof ans, stdin) || (ans[0] != 'y' && ans[0] != 'Y')) {
			printf("%skept\n", ans[0] ? "" : "\n");
			attempt_row_free(&r);
			return 1;
		}
	}
	attempt_row_free(&r);
	bool had_file;
	int rc = attempt_delete(&a->store, id, &had_file, errbuf);
	if (rc < 0) {
		error("%s", errbuf);
		return 1;
	}
	if (rc > 0)
		warning("%s", errbuf);
	printf("deleted attempt %lld%s\n", id, had_file ? " and its recording" : "");
	return 0;
}

/* The terminal's width, or 80 (the size terminals open at) for a pipe. */
static int terminal_width(void)
{
	int cols = terminal_columns();
	return cols >= 80 ? cols : 80;
}

static int add_progress(const struct attempt_row *r, void *ctx)
{
	progress_add(ctx, r);
	return 0;
}

int cmd_stats(struct app *a, int argc, char **argv)
{
	static const struct cli_command cmd = {"stats", "rehearse stats", NULL, 0, 0, false};
	int n = parse_options(a, &cmd, argc, argv);
	if (n < 0)
		return parse_exit_code(n);
	struct progress p = {0};
	struct history_query q = {.oldest_first = true};
	char errbuf[ERRBUF_SIZE];
	int rc = store_each_attempt(&a->store, &q, add_progress, &p, errbuf);
	if (rc == 0)
		progress_print(&p, &a->bank, (long long)now_s(), 7, terminal_width(), stdout);
	else
		error("%s", errbuf);
	progress_free(&p);
	return rc ? 1 : 0;
}
