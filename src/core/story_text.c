/* SPDX-License-Identifier: GPL-3.0-or-later */
/* story_text.c - a story's sections cut into sentences, and each sentence's
 * words as a recogniser spells them (see story_text.h). */
#include "rehearse/story_text.h"

#include <stdlib.h>
#include <string.h>

static const char *const ones[] = {"zero", "one", "two", "three", "four", "five", "six",
				   "seven", "eight", "nine", "ten", "eleven", "twelve",
				   "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
				   "eighteen", "nineteen"};
static const char *const tens[] = {"", "", "twenty", "thirty", "forty", "fifty", "sixty",
				   "seventy", "eighty", "ninety"};
static const struct {
	unsigned long long value;
	const char *name;
} scales[] = {{1000000000ULL, "billion"}, {1000000ULL, "million"}, {1000ULL, "thousand"}};

static bool is_alpha(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static bool is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* 0..999 as words. */
static void hundreds_words(unsigned v, struct strvec *out)
{
	if (v >= 100) {
		strvec_push(out, ones[v / 100]);
		strvec_push(out, "hundred");
		v %= 100;
		if (!v)
			return;
	}
	if (v < 20) {
		strvec_push(out, ones[v]);
		return;
	}
	strvec_push(out, tens[v / 10]);
	if (v % 10)
		strvec_push(out, ones[v % 10]);
}

/* A whole number as spoken ("1200" -> one thousand two hundred). */
static void number_words(unsigned long long v, struct strvec *out)
{
	if (v == 0) {
		strvec_push(out, ones[0]);
		return;
	}
	for (size_t i = 0; i < ARRAY_SIZE(scales); i++)
		if (v >= scales[i].value) {
			number_words(v / scales[i].value, out);
			strvec_push(out, scales[i].name);
			v %= scales[i].value;
		}
	if (v)
		hundreds_words((unsigned)v, out);
}

/* Digits from s, with thousands commas ("1,200"); returns the end. A number
 * too long to say is read digit by digit. */
static const char *take_number(const char *s, struct strvec *out)
{
	unsigned long long v = 0;
	int digits = 0;
	const char *p = s;
	while (is_digit(*p) || (*p == ',' && digits && is_digit(p[1]) && is_digit(p[2]) &&
				is_digit(p[3]) && !is_digit(p[4]))) {
		if (*p != ',') {
			v = v * 10 + (unsigned)(*p - '0');
			digits++;
		}
		p++;
		if (digits > 12) {
			for (const char *q = s; q < p; q++)
				if (is_digit(*q))
					strvec_push(out, ones[*q - '0']);
			return p;
		}
	}
	number_words(v, out);
	return p;
}

/* One word of letters and inner apostrophes, lower-cased; returns the end. */
static const char *take_word(const char *s, struct strvec *out)
{
	char buf[64];
	size_t n = 0;
	const char *p = s;
	while (is_alpha(*p) || (*p == '\'' && n && is_alpha(p[1]))) {
		char c = *p++;
		if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		if (n + 1 < sizeof buf)
			buf[n++] = c;
	}
	buf[n] = '\0';
	strvec_push(out, buf);
	return p;
}

void story_words(const char *text, struct strvec *out)
{
	const char *p = text;
	while (*p) {
		if (is_digit(*p)) {
			p = take_number(p, out);
			if (*p == '.' && is_digit(p[1])) { /* 2.5: "two point five" */
				strvec_push(out, "point");
				for (p++; is_digit(*p); p++)
					strvec_push(out, ones[*p - '0']);
			}
		} else if (is_alpha(*p)) {
			p = take_word(p, out);
		} else if (*p == '%') {
			strvec_push(out, "percent");
			p++;
		} else {
			p++;
		}
	}
}

static void add_sentence(struct story_text *t, enum star part, const char *s, size_t len)
{
	char *text = xmalloc(len + 1);
	size_t n = 0;
	bool space = false;
	for (size_t i = 0; i < len; i++) { /* fold the line breaks of a paragraph */
		if (is_space(s[i])) {
			space = n > 0;
			continue;
		}
		if (space)
			text[n++] = ' ';
		space = false;
		text[n++] = s[i];
	}
	text[n] = '\0';
	if (!n) {
		free(text);
		return;
	}
	GROW(t->s, t->cap, t->n + 1);
	struct story_sentence *ss = &t->s[t->n++];
	memset(ss, 0, sizeof *ss);
	ss->part = part;
	ss->text = text;
	story_words(text, &ss->words);
}

void story_text_split(const struct story *st, struct story_text *out)
{
	memset(out, 0, sizeof *out);
	for (int part = 0; part < STAR_COUNT; part++) {
		const char *s = st->star[part];
		if (!s)
			continue;
		const char *start = s;
		for (const char *p = s; *p; p++)
			if ((*p == '.' || *p == '!' || *p == '?') && (!p[1] || is_space(p[1]))) {
				add_sentence(out, (enum star)part, start, (size_t)(p + 1 - start));
				start = p + 1;
			}
		add_sentence(out, (enum star)part, start, strlen(start));
	}
}

bool story_followable(const struct story *st)
{
	/* A story has all four STAR sections, a moment none (bank_parse.c);
	 * words counts what they hold. */
	return st && !st->is_moment && st->words > 0;
}

const struct story **story_followable_all(const struct bank *b, size_t *n)
{
	const struct story **v = NULL;
	*n = 0;
	for (size_t i = 0; i < b->nstories; i++) {
		if (!story_followable(&b->stories[i]))
			continue;
		if (!v)
			v = xcalloc(b->nstories, sizeof *v);
		v[(*n)++] = &b->stories[i];
	}
	return v;
}

void story_text_append(struct story_text *dst, const struct story_text *src)
{
	GROW(dst->s, dst->cap, dst->n + src->n);
	for (size_t i = 0; i < src->n; i++) {
		struct story_sentence *ss = &dst->s[dst->n++];
		memset(ss, 0, sizeof *ss);
		ss->part = src->s[i].part;
		ss->text = xstrdup(src->s[i].text);
		for (size_t k = 0; k < src->s[i].words.n; k++)
			strvec_push(&ss->words, src->s[i].words.v[k]);
	}
}

void story_text_free(struct story_text *t)
{
	for (size_t i = 0; i < t->n; i++) {
		free(t->s[i].text);
		strvec_free(&t->s[i].words);
	}
	free(t->s);
	memset(t, 0, sizeof *t);
}
