/* SPDX-License-Identifier: GPL-3.0-or-later */
/* engine.c - see engine.h. */
#include "rehearse/engine.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

/* splitmix64: small, fast, and good enough to shuffle questions. */
void rng_seed(struct rng *r, uint64_t seed)
{
	r->state = seed;
}

uint64_t rng_next(struct rng *r)
{
	uint64_t z = (r->state += 0x9E3779B97F4A7C15ull);
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
	return z ^ (z >> 31);
}

unsigned rng_below(struct rng *r, unsigned n)
{
	/* Rejection sampling keeps the choice unbiased. */
	uint64_t limit = UINT64_MAX - UINT64_MAX % n;
	uint64_t v;
	do
		v = rng_next(r);
	while (v >= limit);
	return (unsigned)(v % n);
}

void recency_set(struct recency *r, const char *id, long long when)
{
	for (size_t i = 0; i < r->n; i++)
		if (!strcmp(r->e[i].id, id)) {
			if (when > r->e[i].when)
				r->e[i].when = when;
			return;
		}
	GROW(r->e, r->cap, r->n + 1);
	r->e[r->n].id = xstrdup(id);
	r->e[r->n++].when = when;
}

long long recency_get(const struct recency *r, const char *id)
{
	if (!r || !id)
		return 0;
	for (size_t i = 0; i < r->n; i++)
		if (!strcmp(r->e[i].id, id))
			return r->e[i].when;
	return 0;
}

void recency_free(struct recency *r)
{
	for (size_t i = 0; i < r->n; i++)
		free(r->e[i].id);
	free(r->e);
	memset(r, 0, sizeof *r);
}

bool question_fits(const struct question *q, const struct filter *f)
{
	if (f->category >= 0 && !(q->cats & (1u << f->category)))
		return false;
	return f->level == LEVEL_ANY || q->level == LEVEL_ANY || q->level == f->level;
}

static bool names_question(const struct story *s, const struct question *q)
{
	return strvec_has(&s->question_ids, q->id);
}

static bool excludes_question(const struct story *s, const struct question *q)
{
	return strvec_has(&s->not_question_ids, q->id);
}

/* 2: the story is from the question's level, 1: either is for any
 * level, 0: a junior question and a senior story or the other way. */
static int level_fit(const struct story *s, const struct question *q)
{
	if (s->level == LEVEL_ANY || q->level == LEVEL_ANY)
		return 1;
	return s->level == q->level ? 2 : 0;
}

/* Words that say nothing about which story fits: the question's frame. */
static const char *const frame_words[] = {
	"about", "after", "because", "before", "being", "could", "describe", "didn", "example",
	"from", "give", "have", "into", "made", "more", "most", "other", "over", "share",
	"should", "some", "someone", "something", "such", "tell", "than", "that", "their",
	"them", "there", "they", "thing", "this", "through", "time", "walk", "were", "what",
	"when", "where", "which", "while", "with", "would", "your",
};
#define MAX_KEY_WORDS 32
#define KEY_WORD_MIN 4
#define KEY_WORD_MAX 24

/* The next word of *p, lower-case ASCII without a plural s, into w;
 * false at the end. Words shorter than KEY_WORD_MIN come back empty. */
static bool next_word(const char **p, char w[KEY_WORD_MAX + 1])
{
	const unsigned char *s = (const unsigned char *)*p;
	while (*s && !(*s < 0x80 && isalnum(*s)))
		s++;
	if (!*s)
		return false;
	size_t n = 0;
	for (; *s && *s < 0x80 && isalnum(*s); s++)
		if (n < KEY_WORD_MAX)
			w[n++] = (char)(*s >= 'A' && *s <= 'Z' ? *s - 'A' + 'a' : *s);
	if (n > KEY_WORD_MIN && w[n - 1] == 's')
		n--;
	w[n < KEY_WORD_MIN ? 0 : n] = '\0';
	*p = (const char *)s;
	return true;
}

static bool is_frame_word(const char *w)
{
	for (size_t i = 0; i < ARRAY_SIZE(frame_words); i++)
		if (!strcmp(frame_words[i], w))
			return true;
	return false;
}

/* The question's telling words, each once. */
static size_t key_words(const char *text, char keys[MAX_KEY_WORDS][KEY_WORD_MAX + 1])
{
	size_t n = 0;
	char w[KEY_WORD_MAX + 1];
	for (const char *p = text; n < MAX_KEY_WORDS && next_word(&p, w);) {
		bool seen = false;
		for (size_t i = 0; i < n && !seen; i++)
			seen = !strcmp(keys[i], w);
		if (*w && !seen && !is_frame_word(w))
			strcpy(keys[n++], w);
	}
	return n;
}

/* How many of the question's telling words the story uses (its title,
 * STAR parts and angles). */
static int shared_words(const struct story *s, const struct question *q)
{
	char keys[MAX_KEY_WORDS][KEY_WORD_MAX + 1], w[KEY_WORD_MAX + 1];
	size_t n = key_words(q->text, keys);
	bool found[MAX_KEY_WORDS] = {false};
	const char *texts[2 + STAR_COUNT + BANK_MAX_CATEGORIES] = {s->title};
	size_t nt = 1;
	for (int i = 0; i < STAR_COUNT; i++)
		texts[nt++] = s->star[i];
	for (int i = 0; i < BANK_MAX_CATEGORIES; i++)
		texts[nt++] = s->angle[i];
	for (size_t t = 0; t < nt; t++)
		for (const char *p = texts[t]; p && next_word(&p, w);)
			for (size_t i = 0; i < n; i++)
				found[i] |= !strcmp(keys[i], w);
	int k = 0;
	for (size_t i = 0; i < n; i++)
		k += found[i];
	return k;
}

/* Ordering key of a story for a question: larger is better. */
struct story_rank {
	int named, main_cat, level, cats_covered, words, strength;
	long long last; /* smaller (older) is better */
};

static struct story_rank rank_story(const struct story *s, const struct question *q,
				    const struct history_view *h)
{
	struct story_rank k = {
		.named = names_question(s, q),
		.main_cat = (s->cats >> q->first_cat) & 1,
		.level = level_fit(s, q),
		.cats_covered = catmask_count(s->cats & q->cats),
		.words = shared_words(s, q),
		.strength = s->strength,
		.last = h ? recency_get(&h->stories, s->id) : 0,
	};
	return k;
}

/* A story the question names first, then one of its main category, of
 * its level, covering more of its categories, sharing more of its words,
 * stronger, and last the one practised longest ago. */
static int rank_cmp(const struct story_rank *a, const struct story_rank *b)
{
	const int da[] = {a->named, a->main_cat, a->level, a->cats_covered, a->words, a->strength};
	const int db[] = {b->named, b->main_cat, b->level, b->cats_covered, b->words, b->strength};
	for (size_t i = 0; i < ARRAY_SIZE(da); i++)
		if (da[i] != db[i])
			return da[i] - db[i];
	if (a->last != b->last)
		return a->last < b->last ? 1 : -1;
	return 0;
}

static const struct story *best_story(const struct bank *b, const struct question *q,
				      const struct history_view *h, const bool *used)
{
	const struct story *best = NULL;
	struct story_rank best_rank = {0};
	for (size_t i = 0; i < b->nstories; i++) {
		const struct story *s = &b->stories[i];
		if (s->is_moment || (used && used[i]) || excludes_question(s, q))
			continue;
		if (!names_question(s, q) && !(s->cats & q->cats))
			continue;
		struct story_rank k = rank_story(s, q, h);
		if (!best || rank_cmp(&k, &best_rank) > 0) {
			best = s;
			best_rank = k;
		}
	}
	return best;
}

static const struct story *best_moment(const struct bank *b, int category)
{
	const struct story *best = NULL;
	for (size_t i = 0; i < b->nstories; i++) {
		const struct story *s = &b->stories[i];
		if (s->is_moment && (s->cats & (1u << category)) &&
		    (!best || s->strength > best->strength))
			best = s;
	}
	return best;
}

void engine_match(const struct bank *b, const struct question *q, const struct history_view *h,
		  const bool *used, struct match *out)
{
	memset(out, 0, sizeof *out);
	out->missing_category = -1;
	out->category = q->first_cat;
	const struct story *s = best_story(b, q, h, used);
	if (!s && used)
		s = best_story(b, q, h, NULL); /* reuse rather than show nothing */
	if (!s) {
		out->missing_category = q->first_cat;
		out->moment = best_moment(b, q->first_cat);
		return;
	}
	out->story = s;
	out->named = names_question(s, q);
	if (!(s->cats & (1u << q->first_cat))) {
		catmask shared = s->cats & q->cats;
		out->category = shared ? __builtin_ctz(shared) : q->first_cat;
	}
	out->angle = s->angle[out->category];
}

/* Choose uniformly among the candidates practised least recently. */
static const struct question *pick_least_recent(const struct question **cand, size_t n,
						const struct history_view *h, struct rng *r)
{
	if (n == 0)
		return NULL;
	long long oldest = 0;
	size_t nold = 0;
	for (size_t i = 0; i < n; i++) {
		long long w = h ? recency_get(&h->questions, cand[i]->id) : 0;
		if (nold == 0 || w < oldest) {
			oldest = w;
			nold = 0;
		}
		if (w == oldest)
			cand[nold++] = cand[i];
	}
	return cand[rng_below(r, (unsigned)nold)];
}

const struct question *engine_pick_question(const struct bank *b, const struct filter *f,
					    const struct history_view *h, struct rng *r)
{
	const struct question **cand = xcalloc(b->nqs, sizeof *cand);
	size_t n = 0;
	/* For a category, questions mainly about it come before questions
	 * that only touch it. */
	for (int pass = f->category >= 0 ? 0 : 1; pass < 2 && n == 0; pass++)
		for (size_t i = 0; i < b->nqs; i++)
			if (question_fits(&b->qs[i], f) &&
			    (pass == 1 || b->qs[i].first_cat == f->category))
				cand[n++] = &b->qs[i];
	const struct question *q = pick_least_recent(cand, n, h, r);
	free(cand);
	return q;
}

/* Categories (as a mask) that still have an unchosen question fitting f. */
static catmask categories_available(const struct bank *b, const struct filter *f,
				    const bool *chosen)
{
	catmask m = 0;
	for (size_t i = 0; i < b->nqs; i++)
		if (!chosen[i] && question_fits(&b->qs[i], f))
			m |= 1u << b->qs[i].first_cat;
	return m;
}

static int random_bit(catmask m, struct rng *r)
{
	unsigned k = rng_below(r, (unsigned)catmask_count(m));
	for (int i = 0; i < BANK_MAX_CATEGORIES; i++)
		if ((m & (1u << i)) && k-- == 0)
			return i;
	return -1;
}

size_t engine_round(const struct bank *b, const struct filter *f, const struct history_view *h,
		    struct rng *r, size_t count, struct pick *out)
{
	bool *chosen = xcalloc(b->nqs, sizeof *chosen);
	bool *used = xcalloc(b->nstories ? b->nstories : 1, sizeof *used);
	const struct question **cand = xcalloc(b->nqs, sizeof *cand);
	catmask used_cats = 0;
	size_t filled = 0;
	while (filled < count) {
		catmask avail = categories_available(b, f, chosen);
		if (!avail)
			break;
		if (!(avail & ~used_cats))
			used_cats = 0; /* every category had its turn: start over */
		int cat = random_bit(avail & ~used_cats, r);
		size_t n = 0;
		for (size_t i = 0; i < b->nqs; i++)
			if (!chosen[i] && b->qs[i].first_cat == cat && question_fits(&b->qs[i], f))
				cand[n++] = &b->qs[i];
		const struct question *q = pick_least_recent(cand, n, h, r);
		chosen[q - b->qs] = true;
		used_cats |= 1u << cat;
		out[filled].question = q;
		engine_match(b, q, h, used, &out[filled].match);
		if (out[filled].match.story)
			used[out[filled].match.story - b->stories] = true;
		filled++;
	}
	free(cand);
	free(used);
	free(chosen);
	return filled;
}

/* The method's pivot exercise order first, then the bank's order. */
static size_t pivot_categories(const struct bank *b, const struct story *s, int *cats)
{
	static const char *const first[] = {"conflict", "leadership", "failure"};
	size_t n = 0;
	catmask taken = 0;
	for (size_t i = 0; i < ARRAY_SIZE(first) && n < 3; i++) {
		int c = bank_category_index(b, first[i]);
		if (c >= 0 && (s->cats & (1u << c))) {
			cats[n++] = c;
			taken |= 1u << c;
		}
	}
	for (size_t c = 0; c < b->ncats && n < 3; c++)
		if ((s->cats & (1u << c)) && !(taken & (1u << c)))
			cats[n++] = (int)c;
	return n;
}

static const struct question *pivot_question(const struct bank *b, const struct story *s, int cat,
					     const bool *chosen, const struct history_view *h,
					     struct rng *r, const struct question **cand)
{
	/* Prefer questions the story names, then ones whose main category is
	 * cat, then any tagged with cat. */
	for (int pass = 0; pass < 3; pass++) {
		size_t n = 0;
		for (size_t i = 0; i < b->nqs; i++) {
			const struct question *q = &b->qs[i];
			if (chosen[i] || !(q->cats & (1u << cat)))
				continue;
			if ((pass == 0 && names_question(s, q) && q->first_cat == cat) ||
			    (pass == 1 && q->first_cat == cat) || pass == 2)
				cand[n++] = q;
		}
		if (n)
			return pick_least_recent(cand, n, h, r);
	}
	return NULL;
}

size_t engine_pivot(const struct bank *b, const struct story *s, const struct history_view *h,
		    struct rng *r, struct pick out[3])
{
	int cats[3];
	size_t ncat = pivot_categories(b, s, cats);
	bool *chosen = xcalloc(b->nqs, sizeof *chosen);
	const struct question **cand = xcalloc(b->nqs, sizeof *cand);
	size_t filled = 0;
	for (size_t i = 0; i < ncat; i++) {
		const struct question *q = pivot_question(b, s, cats[i], chosen, h, r, cand);
		if (!q)
			continue;
		chosen[q - b->qs] = true;
		struct pick *p = &out[filled++];
		memset(p, 0, sizeof *p);
		p->question = q;
		p->match.story = s;
		p->match.category = cats[i];
		p->match.angle = s->angle[cats[i]];
		p->match.named = names_question(s, q);
		p->match.missing_category = -1;
	}
	free(cand);
	free(chosen);
	return filled;
}

static bool follow_up_asked(const struct pick *picks, size_t n, const char *f)
{
	for (size_t i = 0; i < n; i++)
		if (picks[i].follow_up == f)
			return true;
	return false;
}

/* One of cat's follow-ups not among picks[0..n) (any, once all were). */
static const char *pick_follow_up(const struct category *cat, const struct pick *picks, size_t n,
				  struct rng *r)
{
	if (cat->follow_ups.n == 0)
		return NULL;
	size_t fresh = 0;
	for (size_t i = 0; i < cat->follow_ups.n; i++)
		fresh += !follow_up_asked(picks, n, cat->follow_ups.v[i]);
	bool all = fresh == 0;
	unsigned k = rng_below(r, (unsigned)(all ? cat->follow_ups.n : fresh));
	for (size_t i = 0; i < cat->follow_ups.n; i++)
		if ((all || !follow_up_asked(picks, n, cat->follow_ups.v[i])) && k-- == 0)
			return cat->follow_ups.v[i];
	return NULL;
}

void engine_follow_ups(const struct bank *b, struct rng *r, struct pick *picks, size_t n)
{
	for (size_t i = 0; i < n; i++)
		picks[i].follow_up = NULL;
	for (size_t i = 0; i < n; i++) {
		const struct pick *p = &picks[i];
		int cat = p->question ? p->question->first_cat : p->match.category;
		if (cat >= 0 && (size_t)cat < b->ncats)
			picks[i].follow_up = pick_follow_up(&b->cats[cat], picks, i, r);
	}
}
