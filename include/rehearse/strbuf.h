/* SPDX-License-Identifier: GPL-3.0-or-later */
/* strbuf.h - a growable string, after git's strbuf: the text is always
 * NUL-terminated (buf is never NULL, even before the first add), it grows
 * geometrically, and a caller that knows the size ahead (a file's length)
 * says so once instead of growing step by step.
 *
 *	struct strbuf sb = STRBUF_INIT;
 *	strbuf_addf(&sb, "%s = %s\n", key, value);
 *	char *text = strbuf_detach(&sb, NULL);   (or strbuf_release(&sb))
 *
 * Allocation cannot fail silently: it aborts with a message (util.h). */
#ifndef REHEARSE_STRBUF_H
#define REHEARSE_STRBUF_H

#include <stddef.h>
#include <sys/types.h>

#include "rehearse/util.h"

struct strbuf {
	size_t alloc; /* bytes allocated; 0: buf is the shared empty string */
	size_t len;   /* bytes of text, not counting the NUL */
	char *buf;
};

extern char strbuf_slopbuf[];
#define STRBUF_INIT {0, 0, strbuf_slopbuf}

/* An empty buffer with room for hint bytes of text. */
void strbuf_init(struct strbuf *sb, size_t hint);
/* Free the text and leave sb empty, ready for reuse. */
void strbuf_release(struct strbuf *sb);
/* The text, now the caller's to free (never NULL); sb is left empty. */
char *strbuf_detach(struct strbuf *sb, size_t *len);
/* Make room for extra more bytes of text (and the NUL). */
void strbuf_grow(struct strbuf *sb, size_t extra);
/* Cut the text to len bytes (len <= sb->len). */
void strbuf_setlen(struct strbuf *sb, size_t len);
#define strbuf_reset(sb) strbuf_setlen((sb), 0)

void strbuf_add(struct strbuf *sb, const void *data, size_t len);
void strbuf_addstr(struct strbuf *sb, const char *s);
void strbuf_addch(struct strbuf *sb, char c);
void strbuf_addf(struct strbuf *sb, const char *fmt, ...) PRINTF_LIKE(2, 3);
/* s, preceded by sep unless the buffer is empty: building lists. */
void strbuf_addsep(struct strbuf *sb, const char *sep, const char *s);

/* Append what fd holds up to its end, or max + 1 bytes of it (the caller
 * then knows it is too large). hint: the expected size (a
 * file's st_size), so that one allocation usually does. Returns the bytes
 * appended, or -1 with errno set (sb keeps what came before). */
ssize_t strbuf_read(struct strbuf *sb, int fd, size_t hint, size_t max);

#endif
