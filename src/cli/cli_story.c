/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cli_story.c - `rehearse analyze --story ID`: the story follower over a
 * file, and its report as JSON (the "story" object) or as a short block of
 * text. */
#include "cli_story.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "rehearse/wavio.h"

static const char part_letter[STAR_COUNT] = {'S', 'T', 'A', 'R'};

struct follow_feed_ctx {
	const struct story *const *st;
	size_t nst;
	bool any;
	const struct audio_buf *info;
	struct follower *f;
	bool failed;
	char errbuf[ERRBUF_SIZE];
};

static struct follower *new_follower(struct follow_feed_ctx *c, int rate)
{
	return c->any ? follow_new_any(c->st, c->nst, NULL, rate, c->errbuf)
		      : follow_new(c->st[0], NULL, rate, c->errbuf);
}

/* The follower starts with the first piece, when the file's rate is known. */
static void feed_piece(const float *mono, size_t n, void *ctx)
{
	struct follow_feed_ctx *c = ctx;
	if (c->failed)
		return;
	if (!c->f)
		c->f = new_follower(c, c->info->sample_rate);
	if (!c->f || follow_feed(c->f, mono, n, c->errbuf) < 0)
		c->failed = true;
}

int story_follow_file(const char *path, const struct story *const *st, size_t nst, bool any,
		      struct follow_result *out, char *errbuf)
{
	struct audio_buf info;
	struct follow_feed_ctx c = {st, nst, any, &info, NULL, false, ""};
	memset(out, 0, sizeof *out);
	int rc = audio_read_chunks(path, &info, feed_piece, &c, errbuf);
	if (rc == 0 && !c.failed && !c.f) /* an empty file: nothing to feed */
		c.f = new_follower(&c, info.sample_rate > 0 ? info.sample_rate : 16000);
	if (rc == 0 && (c.failed || !c.f)) {
		set_err(errbuf, "%s: %s", path, c.errbuf);
		rc = -1;
	}
	if (rc == 0 && follow_finish(c.f, out, c.errbuf) < 0)
		rc = set_err(errbuf, "%s: %s", path, c.errbuf);
	follow_free(c.f);
	return rc;
}

void story_json(FILE *out, const char *id, const char *state, const struct follow_result *r)
{
	fprintf(out, ",\"story\":{\"id\":");
	if (id && id[0])
		json_string(out, id);
	else /* none of the bank's stories was recognised */
		fprintf(out, "null");
	fprintf(out, ",\"follower\":\"%s\",\"followed\":%s,\"sections\":[", state,
		r->followed ? "true" : "false");
	for (int p = 0; p < STAR_COUNT; p++) {
		fprintf(out, "%s{\"part\":\"%c\",\"start_s\":", p ? "," : "", part_letter[p]);
		json_number(out, r->part_heard[p] ? r->part_start_s[p] : NAN);
		fputc('}', out);
	}
	fprintf(out, "],\"sentences\":[");
	for (size_t i = 0; i < r->nsentences; i++) {
		const struct follow_sentence *s = &r->sentences[i];
		fprintf(out, "%s{\"part\":\"%c\",\"text\":", i ? "," : "", part_letter[s->part]);
		json_string(out, s->text);
		fprintf(out, ",\"heard\":%s,\"start_s\":", s->heard ? "true" : "false");
		json_number(out, s->heard ? s->start_s : NAN);
		fputc('}', out);
	}
	fprintf(out, "],\"coverage\":");
	json_number(out, r->coverage);
	fprintf(out, ",\"words_heard\":%d,\"wpm_words\":", r->words_heard);
	json_number(out, r->followed ? r->wpm_words : NAN);
	fprintf(out, ",\"cpu_s\":");
	json_number(out, r->cpu_s);
	fputc('}', out);
}

/* "That night 1,200 invoices went..." in at most width bytes. */
static void print_short(FILE *out, const char *text, int width)
{
	int len = (int)strlen(text);
	if (len <= width) {
		fprintf(out, "%s", text);
		return;
	}
	int cut = width - 3;
	while (cut > 0 && text[cut] != ' ')
		cut--;
	fprintf(out, "%.*s...", cut > 0 ? cut : width - 3, text);
}

void story_plain(FILE *out, const char *id, const char *state, const struct follow_result *r)
{
	size_t heard = 0;
	for (size_t i = 0; i < r->nsentences; i++)
		heard += r->sentences[i].heard;
	if (!r->followed) {
		const char *why = strcmp(state, "on") ? state
				  : id		      ? "could not follow the story"
						      : "none of the bank's stories was recognised";
		fprintf(out, "  %-12s %s: %s\n", "Story", id ? id : "any", why);
		return;
	}
	fprintf(out, "  %-12s %s: %zu of %zu sentences heard\n", "Story", id, heard, r->nsentences);
	fprintf(out, "  %-12s", "Parts from");
	for (int p = 0; p < STAR_COUNT; p++) {
		char t[16] = "-";
		if (r->part_heard[p])
			format_mmss(r->part_start_s[p], t, sizeof t);
		fprintf(out, " %c %s", part_letter[p], t);
	}
	fprintf(out, "\n  %-12s %d heard, %.0f a minute\n", "Words", r->words_heard, r->wpm_words);
	for (size_t i = 0; i < r->nsentences; i++)
		if (!r->sentences[i].heard) {
			fprintf(out, "  %-12s %c: ", "left out", part_letter[r->sentences[i].part]);
			print_short(out, r->sentences[i].text, 60);
			fputc('\n', out);
		}
}
