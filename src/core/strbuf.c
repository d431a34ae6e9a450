/* SPDX-License-Identifier: GPL-3.0-or-later */
/* strbuf.c - see strbuf.h. */
#include "rehearse/strbuf.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* The text of every buffer that owns no memory: always "", never written
 * (a NUL is stored only in a buffer with alloc > 0). */
char strbuf_slopbuf[1];

void strbuf_init(struct strbuf *sb, size_t hint)
{
	*sb = (struct strbuf)STRBUF_INIT;
	if (hint)
		strbuf_grow(sb, hint);
}

void strbuf_release(struct strbuf *sb)
{
	if (sb->alloc)
		free(sb->buf);
	*sb = (struct strbuf)STRBUF_INIT;
}

char *strbuf_detach(struct strbuf *sb, size_t *len)
{
	if (len)
		*len = sb->len;
	char *s = sb->alloc ? sb->buf : xstrdup("");
	*sb = (struct strbuf)STRBUF_INIT;
	return s;
}

void strbuf_grow(struct strbuf *sb, size_t extra)
{
	if (extra > (size_t)-1 - sb->len - 1) {
		fprintf(stderr, "rehearse: a string of more than %zu bytes\n", (size_t)-1);
		abort();
	}
	size_t need = sb->len + extra + 1;
	if (need <= sb->alloc)
		return;
	/* git's alloc_nr: half as much again, so n adds cost O(log n) moves. */
	size_t cap = (sb->alloc + 16) / 2 * 3;
	if (cap < need)
		cap = need;
	bool fresh = sb->alloc == 0;
	sb->buf = xrealloc(fresh ? NULL : sb->buf, cap);
	sb->alloc = cap;
	if (fresh)
		sb->buf[0] = '\0';
}

void strbuf_setlen(struct strbuf *sb, size_t len)
{
	if (!sb->alloc)
		return; /* empty, and stays so */
	sb->len = len < sb->len ? len : sb->len;
	sb->buf[sb->len] = '\0';
}

void strbuf_add(struct strbuf *sb, const void *data, size_t len)
{
	if (!len)
		return;
	strbuf_grow(sb, len);
	memcpy(sb->buf + sb->len, data, len);
	sb->len += len;
	sb->buf[sb->len] = '\0';
}

void strbuf_addstr(struct strbuf *sb, const char *s)
{
	strbuf_add(sb, s, strlen(s));
}

void strbuf_addch(struct strbuf *sb, char c)
{
	strbuf_add(sb, &c, 1);
}

void strbuf_addsep(struct strbuf *sb, const char *sep, const char *s)
{
	if (sb->len)
		strbuf_addstr(sb, sep);
	strbuf_addstr(sb, s);
}

void strbuf_addf(struct strbuf *sb, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(sb->buf + sb->len, sb->alloc ? sb->alloc - sb->len : 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		return; /* an encoding error: nothing added */
	if ((size_t)n >= (sb->alloc ? sb->alloc - sb->len : 0)) {
		strbuf_grow(sb, (size_t)n);
		va_start(ap, fmt);
		vsnprintf(sb->buf + sb->len, (size_t)n + 1, fmt, ap);
		va_end(ap);
	}
	sb->len += (size_t)n;
}

ssize_t strbuf_read(struct strbuf *sb, int fd, size_t hint, size_t max)
{
	size_t start = sb->len;
	/* Room for the hint and one byte more, so a file of exactly the
	 * expected size is seen to end without growing. */
	strbuf_grow(sb, (hint < max ? hint : max) + 1);
	while (sb->len - start <= max) {
		if (sb->alloc - sb->len < 2)
			strbuf_grow(sb, 8192);
		size_t room = sb->alloc - sb->len - 1, left = max - (sb->len - start) + 1;
		ssize_t r = read(fd, sb->buf + sb->len, room < left ? room : left);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			int saved = errno;
			strbuf_setlen(sb, start);
			errno = saved;
			return -1;
		}
		if (r == 0)
			break;
		sb->len += (size_t)r;
		sb->buf[sb->len] = '\0';
	}
	return (ssize_t)(sb->len - start);
}
