/* SPDX-License-Identifier: GPL-3.0-or-later */
/* story_align.c - recognised words against the written sentences (see
 * story_text.h).
 *
 * Only content words count (not "the", "and", "I"): a retelling keeps the
 * names, numbers and verbs and changes the glue. The longest common
 * subsequence of the story's content words and the heard ones anchors each
 * sentence in time; order across sentences is kept, as people tell a story
 * in its order. A sentence whose clauses were swapped keeps its longer
 * half in the subsequence, so its start is then moved back to any of its
 * own words heard just before, and to the last pause since the sentence
 * before (start_of). A sentence whose content words all changed gets a
 * second look at all its words between its neighbours (rescue_pass). */
#include "rehearse/story_text.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* A sentence is heard when this share of its content words is matched in
 * place, and at least two of them (or all, for a shorter one). */
#define HEARD_SHARE 0.3
/* A matched word further than this from every other match of its
 * sentence is a stray hit of a common word, not the sentence. */
#define STRAY_S 8.0
/* How far before its first anchor a sentence's start may move. */
#define EXTEND_S 4.0
/* A sentence's start also takes in up to this many of its glue words
 * ("the", "at") said just before its first content word, in one breath. */
#define LEAD_IN_WORDS 4
#define LEAD_IN_GAP_S 0.5
/* A sentence none of whose content words survived in the first pass (a
 * short one retold without them: "We launched on the original date" as
 * "we on the date") is still heard when, in the words between its heard
 * neighbours, this share of all its words is said in order, at least
 * RESCUE_WORDS of them and one content word. A sentence left out leaves
 * no such words there. */
#define RESCUE_SHARE 0.5
#define RESCUE_WORDS 3
/* At most this many of a sentence's last matches, and a third of its
 * matches, may go to the next one (see release_tail). */
#define RELEASE_WORDS 2
#define RELEASE_PART 3
/* Followed: this share of the sentences heard, and this share of the
 * heard content words in the told span belonging to the story. */
#define FOLLOW_COVERAGE 0.35
#define FOLLOW_PRECISION 0.3
/* Or, for a telling that stopped part-way (cut off by a short limit, or
 * ended early): at least this many sentences heard, and this share of
 * those up to the last one heard. Another story's chance matches are one
 * sentence here and there, never a run of the story's own beginning. */
#define FOLLOW_PARTIAL_SENTENCES 3
#define FOLLOW_PARTIAL_SHARE 0.6

static const char *const stop_words[] = {
	"a", "about", "after", "all", "also", "am", "an", "and", "any", "are", "as", "at", "be",
	"been", "but", "by", "can", "could", "did", "do", "for", "from", "had", "has", "have",
	"he", "her", "him", "his", "i", "if", "in", "into", "is", "it", "it's", "its", "me", "my",
	"no", "not", "of", "on", "one", "or", "our", "out", "she", "so", "than", "that", "the",
	"their", "them", "then", "there", "they", "this", "to", "up", "us", "was", "we", "were",
	"what", "when", "which", "who", "will", "with", "would", "you", "your"};

static int cmp_cstr(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static bool is_content(const char *w)
{
	return w[0] && !bsearch(&w, stop_words, ARRAY_SIZE(stop_words), sizeof *stop_words, cmp_cstr);
}

struct token {
	const char *word;
	int owner; /* story: sentence index; heard: index into the heard words */
};

struct tokens {
	struct token *t;
	size_t n, cap;
};

static void push_token(struct tokens *ts, const char *w, int owner)
{
	GROW(ts->t, ts->cap, ts->n + 1);
	ts->t[ts->n].word = w;
	ts->t[ts->n++].owner = owner;
}

/* match[k]: the heard token matched with story token k, or -1. */
static void lcs(const struct tokens *s, const struct tokens *h, int *match)
{
	size_t cols = h->n + 1;
	uint16_t *dp = xcalloc((s->n + 1) * cols, sizeof *dp);
	for (size_t i = s->n; i-- > 0;)
		for (size_t j = h->n; j-- > 0;) {
			uint16_t *c = &dp[i * cols + j];
			if (!strcmp(s->t[i].word, h->t[j].word))
				*c = (uint16_t)(dp[(i + 1) * cols + j + 1] + 1);
			else {
				uint16_t down = dp[(i + 1) * cols + j], right = dp[i * cols + j + 1];
				*c = down > right ? down : right;
			}
		}
	size_t i = 0, j = 0;
	for (size_t k = 0; k < s->n; k++)
		match[k] = -1;
	while (i < s->n && j < h->n) {
		if (!strcmp(s->t[i].word, h->t[j].word) &&
		    dp[i * cols + j] == dp[(i + 1) * cols + j + 1] + 1)
			match[i++] = (int)j++;
		else if (dp[(i + 1) * cols + j] >= dp[i * cols + j + 1])
			i++;
		else
			j++;
	}
	free(dp);
}

/* Drop matches of sentence tokens [a, b) far from all the others. */
static void drop_strays(const struct tokens *h, const struct heard_word *hw, int *match, size_t a,
			size_t b)
{
	for (size_t k = a; k < b; k++) {
		if (match[k] < 0)
			continue;
		double t = hw[h->t[match[k]].owner].start_s;
		bool near = false;
		int others = 0;
		for (size_t m = a; m < b; m++)
			if (m != k && match[m] >= 0) {
				others++;
				near |= fabs(hw[h->t[match[m]].owner].start_s - t) <= STRAY_S;
			}
		if (others && !near)
			match[k] = -1;
	}
}

/* The earliest heard token of the sentence's words in (lo, first], not
 * more than EXTEND_S before it; returns that heard token. */
static int extend_back(const struct tokens *s, const struct tokens *h, const struct heard_word *hw,
		       size_t a, size_t b, int lo, int first)
{
	int best = first;
	double t0 = hw[h->t[first].owner].start_s;
	for (int j = first - 1; j > lo; j--) {
		if (t0 - hw[h->t[j].owner].start_s > EXTEND_S)
			break;
		for (size_t k = a; k < b; k++)
			if (!strcmp(s->t[k].word, h->t[j].word))
				best = j;
	}
	return best;
}

/* Step back from heard word j over the sentence's own glue words said
 * just before it ("At the" of "At the company"), not past heard word lo.
 * Other words said in the same breath as the sentence before, with no
 * pause, are its end misheard ("data" heard as "night"), not this
 * sentence's start. */
static int lead_in(const struct story_sentence *ss, const struct heard_word *hw, int j, int lo)
{
	for (int steps = 0; steps < LEAD_IN_WORDS && j - 1 > lo; steps++) {
		const struct heard_word *prev = &hw[j - 1];
		if (is_content(prev->word) || hw[j].start_s - prev->end_s > LEAD_IN_GAP_S ||
		    !strvec_has(&ss->words, prev->word))
			break;
		j--;
	}
	return j;
}

/* Where a sentence whose first matched word is heard word j starts: after
 * the last pause since the sentence before ended (heard word lo), if there
 * is one within EXTEND_S; the words after it are this sentence's head that
 * the recogniser or the retelling changed (a clause said first, a misheard
 * name). The last pause, not the longest: a told sentence missed before
 * this one must not become its head. The first sentence told starts with
 * the first words heard, when they are that close. Otherwise its glue
 * words said just before it. */
static int start_of(const struct story_sentence *ss, const struct heard_word *hw, int j, int lo)
{
	for (int p = j; p > lo && p > 0 && hw[j].start_s - hw[p - 1].end_s <= EXTEND_S; p--)
		if (hw[p].start_s - hw[p - 1].end_s > LEAD_IN_GAP_S)
			return p;
	if (lo < 0 && hw[j].start_s - hw[0].start_s <= EXTEND_S)
		return 0;
	return lead_in(ss, hw, j, lo);
}

struct align_state {
	const struct story_text *t;
	const struct heard_word *hw;
	struct tokens s, h;
	int *match;
	size_t *first_tok; /* per sentence: its first story token; [n] = end */
	int matched_total;	   /* heard content tokens matched */
	int span_tok0, span_tok1; /* heard content tokens of the told span */
	int first_hw, last_hw;	   /* heard words of the told span */
	int lo_hw;		   /* the last heard word of the sentence before */
	int *from_hw, *to_hw;	   /* per sentence: its first and last heard word */
};

/* Whether there is a pause between heard words a and b. */
static bool pause_between(const struct heard_word *hw, int a, int b)
{
	for (int j = a; j < b; j++)
		if (hw[j + 1].start_s - hw[j].end_s > LEAD_IN_GAP_S)
			return true;
	return false;
}

/* Whether sentence i has matches enough to be heard (two, see judge). */
static bool may_be_heard(const struct align_state *st, size_t i)
{
	int got = 0;
	for (size_t k = st->first_tok[i]; k < st->first_tok[i + 1]; k++)
		got += st->match[k] >= 0;
	return got >= 2;
}

/* The subsequence gives a word both sentences have to the earlier one, so
 * a sentence whose last word the retelling dropped ("the next freeze
 * window" said as "the next freeze") took the same word from the start of
 * the next sentence, and the next sentence then started after it. Its last
 * matches (a few, after a pause, each a word of the next sentence heard)
 * are given back; extend_back then finds them for the next sentence. */
static void release_tail(struct align_state *st, size_t i)
{
	size_t q = i + 1; /* the next sentence heard (one left out has a stray at most) */
	while (q < st->t->n && !may_be_heard(st, q))
		q++;
	if (q >= st->t->n)
		return;
	size_t a = st->first_tok[i], b = st->first_tok[i + 1];
	const struct strvec *next = &st->t->s[q].words;
	int got = 0;
	for (size_t k = a; k < b; k++)
		got += st->match[k] >= 0;
	size_t tail = b, prev = b; /* the tail's first token, the match before it */
	int ntail = 0;
	for (size_t k = b; k-- > a && ntail < RELEASE_WORDS;) {
		if (st->match[k] < 0)
			continue;
		if (!strvec_has(next, st->s.t[k].word))
			break;
		ntail++, tail = k, prev = b;
		for (size_t m = k; m-- > a;)
			if (st->match[m] >= 0) {
				prev = m;
				break;
			}
		if (prev == b)
			return;
		if (RELEASE_PART * ntail <= got && pause_between(st->hw, st->h.t[st->match[prev]].owner,
						     st->h.t[st->match[tail]].owner)) {
			for (size_t m = tail; m < b; m++)
				st->match[m] = -1;
			return;
		}
	}
}

static void judge_sentence(struct align_state *st, size_t i, int *lo, struct follow_result *out)
{
	size_t a = st->first_tok[i], b = st->first_tok[i + 1];
	drop_strays(&st->h, st->hw, st->match, a, b);
	release_tail(st, i);
	int got = 0, first = -1, last = -1;
	for (size_t k = a; k < b; k++)
		if (st->match[k] >= 0) {
			got++;
			if (first < 0)
				first = st->match[k];
			last = st->match[k];
		}
	size_t content = b - a;
	struct follow_sentence *fs = &out->sentences[i];
	fs->match = content ? (double)got / (double)content : 0;
	size_t need = content < 2 ? content : 2;
	fs->heard = content && (size_t)got >= need && fs->match >= HEARD_SHARE;
	if (!fs->heard)
		return;
	first = extend_back(&st->s, &st->h, st->hw, a, b, *lo, first);
	int j = start_of(&st->t->s[i], st->hw, st->h.t[first].owner, st->lo_hw);
	fs->start_s = st->hw[j].start_s;
	st->from_hw[i] = j;
	st->to_hw[i] = st->h.t[last].owner;
	*lo = last;
	st->lo_hw = st->h.t[last].owner;
	st->matched_total += got;
	if (st->first_hw < 0) {
		st->first_hw = j;
		st->span_tok0 = first;
	}
	st->last_hw = st->h.t[last].owner;
	st->span_tok1 = last;
}

static void tokenize(struct align_state *st, const struct heard_word *hw, size_t n)
{
	const struct story_text *t = st->t;
	st->first_tok = xcalloc(t->n + 1, sizeof *st->first_tok);
	for (size_t i = 0; i < t->n; i++) {
		st->first_tok[i] = st->s.n;
		for (size_t k = 0; k < t->s[i].words.n; k++)
			if (is_content(t->s[i].words.v[k]))
				push_token(&st->s, t->s[i].words.v[k], (int)i);
	}
	st->first_tok[t->n] = st->s.n;
	for (size_t j = 0; j < n; j++)
		if (is_content(hw[j].word))
			push_token(&st->h, hw[j].word, (int)j);
	st->match = xcalloc(st->s.n + 1, sizeof *st->match);
}

/* Words of sentence ss said in order among heard words [a, b): how many,
 * how many of them content words, and the first and last of them. */
struct said {
	int words, content, first, last;
};

static struct said said_in_order(const struct story_sentence *ss, const struct heard_word *hw,
				 int a, int b)
{
	struct said r = {0, 0, -1, -1};
	size_t rows = ss->words.n, cols = (size_t)(b - a) + 1;
	if (!rows || b <= a)
		return r;
	uint16_t *dp = xcalloc((rows + 1) * cols, sizeof *dp);
	for (size_t i = rows; i-- > 0;)
		for (size_t j = cols - 1; j-- > 0;) {
			uint16_t *c = &dp[i * cols + j];
			uint16_t down = dp[(i + 1) * cols + j], right = dp[i * cols + j + 1];
			*c = down > right ? down : right;
			if (!strcmp(ss->words.v[i], hw[a + (int)j].word) &&
			    dp[(i + 1) * cols + j + 1] + 1 > *c)
				*c = (uint16_t)(dp[(i + 1) * cols + j + 1] + 1);
		}
	for (size_t i = 0, j = 0; i < rows && j + 1 < cols;) {
		const char *w = ss->words.v[i];
		if (!strcmp(w, hw[a + (int)j].word) && dp[i * cols + j] == dp[(i + 1) * cols + j + 1] + 1) {
			r.words++;
			r.content += is_content(w);
			r.last = a + (int)j;
			if (r.first < 0)
				r.first = r.last;
			i++, j++;
		} else if (dp[(i + 1) * cols + j] >= dp[i * cols + j + 1]) {
			i++;
		} else {
			j++;
		}
	}
	free(dp);
	return r;
}

/* Give sentence i, not heard, a second look in the heard words after
 * heard word lo and before heard word hi (see RESCUE_SHARE); true when it
 * was heard there. */
static bool rescue_sentence(struct align_state *st, size_t i, int lo, int hi,
			    struct follow_result *out)
{
	const struct story_sentence *ss = &st->t->s[i];
	int window = 2 * (int)ss->words.n + 4; /* where it would be, told next */
	if (hi > lo + 1 + window)
		hi = lo + 1 + window;
	struct said r = said_in_order(ss, st->hw, lo + 1, hi);
	if (r.words < RESCUE_WORDS || !r.content ||
	    (double)r.words < RESCUE_SHARE * (double)ss->words.n)
		return false;
	int j = start_of(ss, st->hw, r.first, lo);
	out->sentences[i].heard = true;
	out->sentences[i].start_s = st->hw[j].start_s;
	st->from_hw[i] = j;
	st->to_hw[i] = r.last;
	if (st->first_hw < 0 || j < st->first_hw)
		st->first_hw = j;
	if (r.last > st->last_hw)
		st->last_hw = r.last;
	return true;
}

/* Each sentence not heard, between its heard neighbours (one of them at
 * least: a story not told has none). */
static void rescue_pass(struct align_state *st, size_t n, struct follow_result *out)
{
	int lo = -1;
	bool before = false;
	for (size_t i = 0; i < st->t->n; i++) {
		if (out->sentences[i].heard) {
			lo = st->to_hw[i];
			before = true;
			continue;
		}
		size_t q = i + 1;
		while (q < st->t->n && !out->sentences[q].heard)
			q++;
		bool after = q < st->t->n;
		if ((before || after) && rescue_sentence(st, i, lo, after ? st->from_hw[q] : (int)n, out))
			lo = st->to_hw[i];
	}
}

/* Words a minute over the told span, and whether the story was followed. */
static void summarise(struct align_state *st, size_t n, struct follow_result *out)
{
	size_t heard = 0;
	for (size_t i = 0; i < out->nsentences; i++) {
		heard += out->sentences[i].heard;
		if (out->sentences[i].heard)
			out->nreached = i + 1;
	}
	out->coverage = out->nsentences ? (double)heard / (double)out->nsentences : 0;
	bool partial = heard >= FOLLOW_PARTIAL_SENTENCES &&
		       (double)heard >= FOLLOW_PARTIAL_SHARE * (double)out->nreached;
	out->words_heard = (int)n; /* nothing aligned: all that was recognised */
	if (st->first_hw < 0)
		return;
	int j0 = st->first_hw, j1 = st->last_hw;
	int content = st->span_tok1 - st->span_tok0 + 1;
	out->words_heard = j1 - j0 + 1;
	double span = st->hw[j1].end_s - st->hw[j0].start_s;
	double precision = (double)st->matched_total / content;
	out->followed = (out->coverage >= FOLLOW_COVERAGE || partial) && precision >= FOLLOW_PRECISION;
	out->wpm_words = out->followed && span > 0 ? out->words_heard / span * 60.0 : NAN;
}

static void forget_parts(struct follow_result *out)
{
	for (int p = 0; p < STAR_COUNT; p++) {
		out->part_heard[p] = false;
		out->part_start_s[p] = NAN;
	}
}

/* Not followed: no marks at all, rather than wrong ones. */
static void forget_marks(struct follow_result *out)
{
	for (size_t i = 0; i < out->nsentences; i++) {
		out->sentences[i].heard = false;
		out->sentences[i].start_s = NAN;
	}
	out->wpm_words = NAN;
}

void story_align(const struct story_text *t, const struct heard_word *hw, size_t n,
		 struct follow_result *out)
{
	memset(out, 0, sizeof *out);
	out->built = true;
	out->nsentences = t->n;
	out->sentences = xcalloc(t->n + 1, sizeof *out->sentences);
	out->wpm_words = NAN;
	struct align_state st = {.t = t, .hw = hw, .first_hw = -1, .last_hw = -1, .lo_hw = -1};
	tokenize(&st, hw, n);
	st.from_hw = xcalloc(t->n + 1, sizeof *st.from_hw);
	st.to_hw = xcalloc(t->n + 1, sizeof *st.to_hw);
	lcs(&st.s, &st.h, st.match);
	int lo = -1;
	for (size_t i = 0; i < t->n; i++) {
		out->sentences[i].part = t->s[i].part;
		out->sentences[i].text = xstrdup(t->s[i].text);
		out->sentences[i].start_s = NAN;
		judge_sentence(&st, i, &lo, out);
	}
	rescue_pass(&st, n, out);
	summarise(&st, n, out);
	forget_parts(out);
	if (!out->followed)
		forget_marks(out);
	for (size_t i = 0; i < t->n && out->followed; i++) {
		const struct follow_sentence *fs = &out->sentences[i];
		if (fs->heard && !out->part_heard[fs->part]) {
			out->part_heard[fs->part] = true;
			out->part_start_s[fs->part] = fs->start_s;
		}
	}
	free(st.s.t);
	free(st.h.t);
	free(st.match);
	free(st.first_tok);
	free(st.from_hw);
	free(st.to_hw);
}

/* Not followed over several stories: none of them was told. */
static void none_heard(size_t nhw, struct follow_result *out)
{
	memset(out, 0, sizeof *out);
	out->built = true;
	out->story_index = -1;
	out->sentences = xcalloc(1, sizeof *out->sentences);
	out->wpm_words = NAN;
	out->words_heard = (int)nhw;
	forget_parts(out);
}

void story_align_any(const struct story_text *texts, size_t n, const struct heard_word *hw,
		     size_t nhw, struct follow_result *out)
{
	bool found = false;
	for (size_t i = 0; i < n; i++) {
		struct follow_result r;
		story_align(&texts[i], hw, nhw, &r);
		if (!r.followed || (found && r.coverage <= out->coverage)) {
			follow_result_free(&r);
			continue;
		}
		if (found)
			follow_result_free(out);
		*out = r;
		out->story_index = (int)i;
		found = true;
	}
	if (!found)
		none_heard(nhw, out);
}

const struct story *follow_heard_story(const struct follow_result *r,
				       const struct story *const *stories, size_t n)
{
	if (!stories || !r || !r->followed || r->story_index < 0 || (size_t)r->story_index >= n)
		return NULL;
	return stories[r->story_index];
}

int follow_latest_part(const struct follow_result *r)
{
	int part = -1;
	for (int p = 0; r && r->followed && p < STAR_COUNT; p++)
		if (r->part_heard[p] && (part < 0 || r->part_start_s[p] >= r->part_start_s[part]))
			part = p;
	return part;
}

void follow_result_free(struct follow_result *r)
{
	for (size_t i = 0; i < r->nsentences; i++)
		free(r->sentences[i].text);
	free(r->sentences);
	memset(r, 0, sizeof *r);
}
