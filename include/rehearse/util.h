/* SPDX-License-Identifier: GPL-3.0-or-later */
/* util.h - small helpers shared by every module: messages, allocation that
 * cannot fail silently, strings, files and folders.
 *
 * Messages follow git's usage.c: error() prints once, lowercase, and returns
 * -1 so the caller can `return error(...)`. Only the edges (main and the
 * command handlers) call these; lower layers return codes and fill an
 * error buffer. */
#ifndef REHEARSE_UTIL_H
#define REHEARSE_UTIL_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#define ERRBUF_SIZE 512

#if defined(__GNUC__)
#define PRINTF_LIKE(f, a) __attribute__((format(printf, f, a)))
#else
#define PRINTF_LIKE(f, a)
#endif


/* Print "rehearse: MESSAGE" to stderr; error() returns -1. */
int error(const char *fmt, ...) PRINTF_LIKE(1, 2);
void warning(const char *fmt, ...) PRINTF_LIKE(1, 2);

/* Allocation that aborts with a message when memory runs out. */
void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
char *xasprintf(const char *fmt, ...) PRINTF_LIKE(1, 2);

/* Grow *items (of *cap elements of size size) so that it holds need. */
void grow_array(void **items, size_t *cap, size_t need, size_t size);
#define GROW(arr, cap, need) grow_array((void **)&(arr), &(cap), (need), sizeof(*(arr)))

/* Format into a fixed error buffer (errbuf may be NULL). Returns -1. */
int set_err(char *errbuf, const char *fmt, ...) PRINTF_LIKE(2, 3);

/* Strip leading and trailing white space in place; returns s moved on. */
char *trim(char *s);
bool starts_with(const char *s, const char *prefix);
/* Case folding for ids, keys, values and headings: ASCII only, whatever
 * the locale (tolower and strcasecmp follow it: in Turkish, I folds to a
 * dotless i, and "CI-PIPELINE" would name no story). */
int ascii_tolower(int c);
int ascii_strcasecmp(const char *a, const char *b);
int ascii_strncasecmp(const char *a, const char *b, size_t n);
/* Case-insensitive (ASCII) substring test. */
bool contains_ci(const char *hay, const char *needle);
/* True when s[0..n) is well-formed UTF-8 (no overlongs, no surrogates). */
bool utf8_valid(const char *s, size_t n);
/* Bytes of the well-formed UTF-8 character at s (at most n), 0 if none. */
size_t utf8_seq(const char *s, size_t n);
/* s as a terminal may show it (caller frees): control characters and bytes
 * that are not UTF-8 as \xNN, so a name cannot clear the screen. */
char *printable(const char *s);
/* Number of terminal columns a UTF-8 string takes (best effort). */
int utf8_width(const char *s);
/* Characters of UTF-8 text, whatever the locale: the columns of text whose
 * every character is one column wide (names, figures, "·", "—", "…"). */
size_t utf8_chars(const char *s);
/* Words in a text: runs of non-space characters holding a letter or digit. */
int count_words(const char *s);
/* Edits (insert, delete, replace a byte; ASCII case ignored) that turn
 * a into b, for "did you mean". */
int edit_distance(const char *a, const char *b);
/* Lower-case ASCII slug of a title ("Cut the Build" -> "cut-the-build"). */
char *slugify(const char *title);

/* Read a whole file (at most max bytes) into a NUL-terminated buffer.
 * Returns NULL and fills errbuf when it cannot. */
char *read_file(const char *path, size_t max, size_t *len, char *errbuf);
/* text past a UTF-8 byte order mark, if it starts with one (editors on
 * Windows write one): where a text file's first line begins. */
char *skip_bom(char *text);

/* A new private file beside path, from mkstemp ("PATH.XXXXXX"): fd and
 * its name (caller frees). -1 with errbuf when it cannot be made. */
int temp_beside(const char *path, char **tmp, char *errbuf);
/* Put the flushed and closed file tmp in place as path: without replace
 * only if path does not exist (link, then unlink tmp), with replace over
 * it (rename). tmp is gone afterwards either way. 0, or -1 with errbuf. */
int install_file(const char *tmp, const char *path, bool replace, char *errbuf);
/* After writing fd (from temp_beside) with result rc: flush it to disk,
 * close it, and install_file it as path, or remove it when anything
 * failed. Frees tmp; returns the first failure (0 when none). */
int temp_finish(int fd, char *tmp, const char *path, bool replace, int rc, char *errbuf);
/* Write text to path through temp_beside and install_file. */
int write_file_new(const char *path, const char *text, size_t len, bool replace, char *errbuf);

/* Create path and its parents with mode (0700 for our folders). An
 * existing folder is left as it is. Returns 0, or -1 with errno set. */
int mkdir_p(const char *path, mode_t mode);
bool is_dir(const char *path);
bool is_file(const char *path);
char *path_join(const char *a, const char *b);

/* Run $VISUAL, else $EDITOR, else vi on path (through the shell, so the
 * variable may carry arguments) and wait for it. 0, or -1 with errbuf. */
int run_editor(const char *path, char *errbuf);

/* Seconds since the epoch, and an ISO-like local time string. */
double now_s(void);
/* Seconds on the monotonic clock, for intervals and timeouts. */
double monotonic_s(void);
void sleep_ms(long ms);
void format_local_time(long long epoch, char *buf, size_t n);
/* "1:05" style minutes:seconds. */
void format_mmss(double seconds, char *buf, size_t n);

/* A growable list of owned strings. */
struct strvec {
	char **v;
	size_t n, cap;
};
void strvec_push(struct strvec *sv, const char *s);
void strvec_free(struct strvec *sv);
bool strvec_has(const struct strvec *sv, const char *s);



#include <stdio.h>
/* JSON output helpers: a quoted, escaped string (null for NULL; a byte
 * that is not UTF-8 becomes \ufffd, so the output is always JSON) and a
 * number (null for NaN or infinity, which JSON cannot hold). */
void json_string(FILE *out, const char *s);
void json_number(FILE *out, double v);
#endif
