/* SPDX-License-Identifier: GPL-3.0-or-later */
/* story_lm.c - a trigram language model of one story, in ARPA text (see
 * story_text.h).
 *
 * Interpolated absolute discounting: each seen n-gram keeps its count less
 * DISCOUNT, and what is taken goes to the lower order, so a word of the
 * story said in another order, or a word of general English, still has a
 * probability. With interpolation the backoff weight of a history is
 * exactly DISCOUNT * (distinct followers) / (count), which ARPA stores. */
#include "rehearse/story_text.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DISCOUNT 0.5

struct gram {
	int w[3];
	int count;
	double p, bow; /* bow: for the gram as a history */
	int followers, hist; /* followers and total count after it */
};

struct grams {
	struct gram *g;
	size_t n, cap;
};

struct lm_build {
	struct strvec vocab; /* sorted, unique */
	double *uni;	     /* probability of each vocab word */
	int *uni_count;
	long story_tokens;
	struct grams bi, tri;
	int bos, eos;
	char *out;
	size_t len, cap;
};

static void out_printf(struct lm_build *b, const char *fmt, ...) PRINTF_LIKE(2, 3);
static void out_printf(struct lm_build *b, const char *fmt, ...)
{
	for (;;) {
		va_list ap;
		va_start(ap, fmt);
		size_t room = b->cap - b->len;
		int n = vsnprintf(b->out ? b->out + b->len : NULL, room, fmt, ap);
		va_end(ap);
		if (n >= 0 && (size_t)n < room) {
			b->len += (size_t)n;
			return;
		}
		b->cap = b->cap * 2 + (size_t)(n > 0 ? n : 0) + 4096;
		b->out = xrealloc(b->out, b->cap);
	}
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int word_id(const struct lm_build *b, const char *w)
{
	char *const *hit = bsearch(&w, b->vocab.v, b->vocab.n, sizeof *b->vocab.v, cmp_str);
	return hit ? (int)(hit - b->vocab.v) : -1;
}

static int cmp_gram(const void *a, const void *b)
{
	const struct gram *x = a, *y = b;
	for (int i = 0; i < 3; i++)
		if (x->w[i] != y->w[i])
			return x->w[i] < y->w[i] ? -1 : 1;
	return 0;
}

static struct gram *find_gram(const struct grams *g, int a, int b2, int c)
{
	struct gram key = {{a, b2, c}, 0, 0, 0, 0, 0};
	return bsearch(&key, g->g, g->n, sizeof *g->g, cmp_gram);
}

static void push_gram(struct grams *g, int a, int b, int c)
{
	GROW(g->g, g->cap, g->n + 1);
	struct gram *x = &g->g[g->n++];
	memset(x, 0, sizeof *x);
	x->w[0] = a, x->w[1] = b, x->w[2] = c;
	x->count = 1;
}

/* Sort and merge equal grams, summing their counts. */
static void merge_grams(struct grams *g)
{
	qsort(g->g, g->n, sizeof *g->g, cmp_gram);
	size_t k = 0;
	for (size_t i = 0; i < g->n; i++)
		if (k && !cmp_gram(&g->g[k - 1], &g->g[i]))
			g->g[k - 1].count += g->g[i].count;
		else
			g->g[k++] = g->g[i];
	g->n = k;
}

/* The known words of one sentence, as ids framed by <s> and </s>. */
static void count_sentence(struct lm_build *b, const struct strvec *words)
{
	int prev2 = -1, prev1 = b->bos;
	for (size_t i = 0; i <= words->n; i++) {
		int w = i < words->n ? word_id(b, words->v[i]) : b->eos;
		if (w < 0)
			continue;
		b->uni_count[w]++;
		b->story_tokens++;
		push_gram(&b->bi, prev1, w, -1);
		if (prev2 >= 0)
			push_gram(&b->tri, prev2, prev1, w);
		prev2 = prev1;
		prev1 = w;
	}
}

static void add_vocab(struct strvec *v, const struct strvec *words,
		      bool (*known)(const char *w, void *ctx), void *ctx)
{
	for (size_t i = 0; i < words->n; i++)
		if (!known || known(words->v[i], ctx))
			strvec_push(v, words->v[i]);
}

static void build_vocab(struct lm_build *b, const struct story_text *t, const struct strvec *extra,
			const struct lm_word *general, size_t ngeneral,
			bool (*known)(const char *w, void *ctx), void *ctx)
{
	for (size_t i = 0; i < t->n; i++)
		add_vocab(&b->vocab, &t->s[i].words, known, ctx);
	add_vocab(&b->vocab, extra, known, ctx);
	for (size_t i = 0; i < ngeneral; i++)
		if (!known || known(general[i].word, ctx))
			strvec_push(&b->vocab, general[i].word);
	strvec_push(&b->vocab, "<s>");
	strvec_push(&b->vocab, "</s>");
	qsort(b->vocab.v, b->vocab.n, sizeof *b->vocab.v, cmp_str);
	size_t k = 0;
	for (size_t i = 0; i < b->vocab.n; i++)
		if (k && !strcmp(b->vocab.v[k - 1], b->vocab.v[i]))
			free(b->vocab.v[i]);
		else
			b->vocab.v[k++] = b->vocab.v[i];
	b->vocab.n = k;
	b->bos = word_id(b, "<s>");
	b->eos = word_id(b, "</s>");
}

/* Unigrams: the story's share and general English's, normalised. */
static void unigram_probs(struct lm_build *b, const struct lm_word *general, size_t ngeneral,
			  double story_weight)
{
	double gen_total = 0;
	double *gen = xcalloc(b->vocab.n, sizeof *gen);
	for (size_t i = 0; i < ngeneral; i++) {
		int w = word_id(b, general[i].word);
		if (w >= 0 && w != b->bos && !gen[w]) {
			gen[w] = pow(10.0, general[i].log10p);
			gen_total += gen[w];
		}
	}
	double ws = gen_total > 0 ? story_weight : 1.0;
	for (size_t w = 0; w < b->vocab.n; w++) {
		double p = b->story_tokens ? ws * b->uni_count[w] / (double)b->story_tokens : 0;
		if (gen_total > 0)
			p += (1 - ws) * gen[w] / gen_total;
		b->uni[w] = p;
	}
	free(gen);
}

/* Totals after each history: for the bigrams, a unigram's; for the
 * trigrams, a bigram's (which every trigram's history is). */
static void history_totals(struct lm_build *b)
{
	for (size_t i = 0; i < b->tri.n; i++) {
		struct gram *t = &b->tri.g[i];
		struct gram *h = find_gram(&b->bi, t->w[0], t->w[1], -1);
		h->followers++;
		h->hist += t->count;
	}
}

static void bigram_probs(struct lm_build *b, int *followers, int *hist)
{
	for (size_t i = 0; i < b->bi.n; i++) {
		struct gram *g = &b->bi.g[i];
		followers[g->w[0]]++;
		hist[g->w[0]] += g->count;
	}
	for (size_t i = 0; i < b->bi.n; i++) {
		struct gram *g = &b->bi.g[i];
		int h = g->w[0];
		g->p = (g->count - DISCOUNT) / hist[h] + DISCOUNT * followers[h] / hist[h] * b->uni[g->w[1]];
		g->bow = g->followers ? DISCOUNT * g->followers / g->hist : 1.0;
	}
	for (size_t i = 0; i < b->tri.n; i++) {
		struct gram *t = &b->tri.g[i];
		struct gram *h = find_gram(&b->bi, t->w[0], t->w[1], -1);
		struct gram *lower = find_gram(&b->bi, t->w[1], t->w[2], -1);
		t->p = (t->count - DISCOUNT) / h->hist +
		       DISCOUNT * h->followers / h->hist * lower->p;
	}
}

static double lg(double p)
{
	return p > 0 ? log10(p) : -99.0;
}

static void write_arpa(struct lm_build *b, const int *followers, const int *hist)
{
	out_printf(b, "\\data\\\nngram 1=%zu\nngram 2=%zu\nngram 3=%zu\n\n\\1-grams:\n",
		   b->vocab.n, b->bi.n, b->tri.n);
	for (size_t w = 0; w < b->vocab.n; w++) {
		double bow = hist[w] ? DISCOUNT * followers[w] / hist[w] : 1.0;
		double p = (int)w == b->bos ? 0 : b->uni[w];
		if (p <= 0 && (int)w != b->bos)
			p = 1e-9; /* a known word nobody uses: still a word */
		out_printf(b, "%.4f %s %.4f\n", lg(p), b->vocab.v[w], lg(bow));
	}
	out_printf(b, "\n\\2-grams:\n");
	for (size_t i = 0; i < b->bi.n; i++) {
		const struct gram *g = &b->bi.g[i];
		out_printf(b, "%.4f %s %s %.4f\n", lg(g->p), b->vocab.v[g->w[0]],
			   b->vocab.v[g->w[1]], lg(g->bow));
	}
	out_printf(b, "\n\\3-grams:\n");
	for (size_t i = 0; i < b->tri.n; i++) {
		const struct gram *g = &b->tri.g[i];
		out_printf(b, "%.4f %s %s %s\n", lg(g->p), b->vocab.v[g->w[0]],
			   b->vocab.v[g->w[1]], b->vocab.v[g->w[2]]);
	}
	out_printf(b, "\n\\end\\\n");
}

char *story_arpa(const struct story_text *t, const char *extra, const struct lm_word *general,
		 size_t ngeneral, double story_weight, bool (*known)(const char *w, void *ctx),
		 void *ctx)
{
	struct lm_build b;
	memset(&b, 0, sizeof b);
	struct strvec ex = {0};
	if (extra)
		story_words(extra, &ex);
	build_vocab(&b, t, &ex, general, ngeneral, known, ctx);
	b.uni = xcalloc(b.vocab.n, sizeof *b.uni);
	b.uni_count = xcalloc(b.vocab.n, sizeof *b.uni_count);
	for (size_t i = 0; i < t->n; i++)
		count_sentence(&b, &t->s[i].words);
	if (ex.n)
		count_sentence(&b, &ex);
	merge_grams(&b.bi);
	merge_grams(&b.tri);
	unigram_probs(&b, general, ngeneral, story_weight);
	history_totals(&b);
	int *followers = xcalloc(b.vocab.n, sizeof *followers);
	int *hist = xcalloc(b.vocab.n, sizeof *hist);
	bigram_probs(&b, followers, hist);
	write_arpa(&b, followers, hist);
	free(followers);
	free(hist);
	free(b.uni);
	free(b.uni_count);
	free(b.bi.g);
	free(b.tri.g);
	strvec_free(&b.vocab);
	strvec_free(&ex);
	return b.out;
}
