/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bank_parse.h - private to src/core: what bank.c needs from bank_parse.c
 * beyond the three parsers bank.h declares.
 *
 * The parsers take one file's text (bank.c has already refused NUL bytes
 * and bad UTF-8) into a bank that holds what the file refers to: the
 * categories before the questions, both before the stories. They return
 * 0, or -1 with "FILE:LINE: what is wrong" in errbuf; a story is added
 * whole or not at all, while what a categories or questions file gave
 * before its bad line stays in the bank (bank_free frees it). */
#ifndef REHEARSE_BANK_PARSE_H
#define REHEARSE_BANK_PARSE_H

#include "rehearse/bank.h"

/* Free what a story holds (not the struct itself). */
void story_free(struct story *s);
/* An id of a question, or a story's file name without .md: ASCII letters,
 * digits, - _ . only, as ids reach file names, terminals and exports. */
bool bank_valid_id(const char *id);

#endif
