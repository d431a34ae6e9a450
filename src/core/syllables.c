/* SPDX-License-Identifier: GPL-3.0-or-later */
/* syllables.c - see syllables.h. */
#include "rehearse/syllables.h"

#include <ctype.h>
#include <stdbool.h>
#include <string.h>

#include "rehearse/util.h"

static bool vowel(int c)
{
	return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'y';
}

/* Syllables of a number read out in English ("41" is "forty-one": 3). */
static unsigned long strtoul_n(const char *w, size_t n)
{
	unsigned long v = 0;
	for (size_t i = 0; i < n; i++)
		v = v * 10 + (unsigned long)(w[i] - '0');
	return v;
}

static int number_syllables(unsigned long v)
{
	/* zero..nineteen, then twenty..ninety by tens */
	static const int small[20] = {2, 1, 1, 1, 1, 1, 1, 2, 1, 1, 1, 3, 1, 2, 2, 2, 2, 3, 2, 2};
	static const int tens[10] = {0, 0, 2, 2, 2, 2, 2, 3, 2, 2};
	if (v < 20)
		return small[v];
	if (v < 100)
		return tens[v / 10] + (v % 10 ? small[v % 10] : 0);
	if (v < 1000)
		return small[v / 100] + 2 + (v % 100 ? number_syllables(v % 100) : 0);
	if (v < 1000000)
		return number_syllables(v / 1000) + 2 + (v % 1000 ? number_syllables(v % 1000) : 0);
	return 6; /* "millions": rare in speech, and read as a round figure */
}

static bool one_of(char c, const char *set)
{
	return c && strchr(set, c) != NULL;
}

/* Vowel pairs that are two syllables ("idea", "create", "actual"). */
static bool splits(const char *w, size_t i)
{
	char a = w[i], b = w[i + 1], before = i > 0 ? w[i - 1] : 0;
	if (a == 'i' && (b == 'a' || b == 'o'))
		return !one_of(before, "tcsgxnl"); /* not "nation", "million" */
	if (a == 'u' && b == 'a')
		return before != 'q';
	bool eate = a == 'e' && b == 'a' && w[i + 2] == 't' && w[i + 3] == 'e';
	return eate || (a == 'i' && b == 'e' && w[i + 2] == 't');
}

static int vowel_groups(const char *w, size_t n)
{
	int groups = 0;
	for (size_t i = 0; i < n; i++) {
		if (!vowel(w[i]) || (w[i] == 'y' && i == 0))
			continue;
		if (i == 0 || !vowel(w[i - 1]) || (i > 1 && w[i - 1] == 'y' && !vowel(w[i - 2])))
			groups++;
		else if (splits(w, i - 1))
			groups++;
	}
	return groups;
}

/* -es and -ed add a syllable only after a hissing sound or t / d
 * ("boxes", "wanted"; not "makes", "walked"). */
static int es_ed(char z, char x, char v)
{
	if (vowel(x) || (x == 'l' && !vowel(v)))
		return 0; /* "goes", "articles", "handled" */
	if (z == 's')
		return one_of(x, "sxzhgc") ? 0 : -1;
	return one_of(x, "td") ? 0 : -1;
}

/* Corrections at the end of the word: a silent e, -es and -ed, -ely. */
static int ending(const char *w, size_t n)
{
	if (n < 3)
		return 0;
	char z = w[n - 1], y = w[n - 2], x = w[n - 3], v = n > 3 ? w[n - 4] : 'a';
	if (z == 'e')
		return vowel(y) || (y == 'l' && !vowel(x)) ? 0 : -1; /* "make", not "table" */
	if ((z == 's' || z == 'd') && y == 'e')
		return es_ed(z, x, v);
	if (z == 'y' && y == 'l' && x == 'e' && !vowel(v))
		return -1; /* "lately" */
	return 0;
}

int syllables_in_word(const char *w, size_t n)
{
	char low[64];
	bool caps = n >= 2 && n <= 3, digits = n > 0, any = false;
	size_t k = 0;
	for (size_t i = 0; i < n && k + 4 < sizeof low; i++) {
		unsigned char c = (unsigned char)w[i];
		caps &= isupper(c) != 0;
		digits &= isdigit(c) != 0;
		any |= isalnum(c) != 0;
		if (isalpha(c))
			low[k++] = (char)ascii_tolower(c);
	}
	if (!any)
		return 0;
	if (digits)
		return n > 6 ? 6 : number_syllables(strtoul_n(w, n));
	if (caps) { /* "CI", "API": spelled out; W is "double-u" */
		int s = 0;
		for (size_t i = 0; i < k; i++)
			s += low[i] == 'w' ? 3 : 1;
		return s;
	}
	memset(low + k, 0, 4);
	int s = vowel_groups(low, k) + ending(low, k);
	return s > 0 ? s : 1;
}

struct text_count text_syllables(const char *text)
{
	struct text_count c = {0, 0};
	const char *p = text;
	while (*p) {
		while (*p && !isalnum((unsigned char)*p))
			p++;
		const char *a = p;
		while (*p && (isalnum((unsigned char)*p) || *p == '\''))
			p++;
		if (p == a)
			continue;
		c.words++;
		c.syllables += syllables_in_word(a, (size_t)(p - a));
		if (*p == '%') { /* "percent" */
			c.syllables += 2;
			p++;
		}
	}
	return c;
}

double text_syllables_per_word(const char *text, int min_words)
{
	struct text_count c = text_syllables(text ? text : "");
	return c.words >= min_words && c.words > 0 ? (double)c.syllables / c.words : 0;
}
