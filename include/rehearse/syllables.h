/* SPDX-License-Identifier: GPL-3.0-or-later */
/* syllables.h - count English syllables in text by rule, for the words per
 * minute of a take whose text is known (the story the person is telling).
 *
 * Pure, no dictionary: vowel groups with the usual corrections (silent final
 * e, -es and -ed, vowel pairs that split), numbers read out as words, and
 * short capitalised abbreviations spelled letter by letter. Checked against
 * the CMU pronouncing dictionary on the bundled bank (tests/unit). */
#ifndef REHEARSE_SYLLABLES_H
#define REHEARSE_SYLLABLES_H

#include <stddef.h>

/* Syllables of one word of n bytes (letters, digits, apostrophes); at
 * least 1 for a word with a letter or digit, 0 otherwise. */
int syllables_in_word(const char *w, size_t n);

/* Words and syllables of a whole text (UTF-8; anything that is not an
 * ASCII letter, digit, apostrophe or % separates words). */
struct text_count {
	int words, syllables;
};
struct text_count text_syllables(const char *text);

/* Syllables per word of text, or 0 if it has fewer than min_words words. */
double text_syllables_per_word(const char *text, int min_words);

#endif
