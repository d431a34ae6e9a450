/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_strbuf.c - the growable string (strbuf.h) and read_file over it. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>

#include "rehearse/strbuf.h"
#include "rehearse/util.h"
#include "test.h"

static void an_empty_buffer_is_an_empty_string(void)
{
	struct strbuf sb = STRBUF_INIT;
	CHECK_STR(sb.buf, "");
	CHECK_INT(sb.len, 0);
	strbuf_reset(&sb); /* nothing to cut, nothing written */
	CHECK_STR(strbuf_slopbuf, "");
	size_t n = 7;
	char *s = strbuf_detach(&sb, &n);
	CHECK_STR(s, "");
	CHECK_INT(n, 0);
	free(s); /* the caller's to free, even when nothing was added */
	strbuf_init(&sb, 100);
	CHECK(sb.alloc >= 101);
	CHECK_STR(sb.buf, "");
	strbuf_release(&sb);
	CHECK_INT(sb.alloc, 0);
}

static void adds_keep_the_text_terminated(void)
{
	struct strbuf sb = STRBUF_INIT;
	strbuf_addstr(&sb, "seconds");
	strbuf_addch(&sb, ' ');
	strbuf_addf(&sb, "= %d", 120);
	strbuf_add(&sb, "\nxyz", 1);
	CHECK_STR(sb.buf, "seconds = 120\n");
	CHECK_INT(sb.len, 14);
	strbuf_setlen(&sb, 7);
	CHECK_STR(sb.buf, "seconds");
	strbuf_reset(&sb);
	strbuf_addsep(&sb, ", ", "portaudio");
	strbuf_addsep(&sb, ", ", "fake");
	CHECK_STR(sb.buf, "portaudio, fake");
	strbuf_release(&sb);
}

/* addf past what is allocated formats again into the grown buffer, at
 * the end of what is there (the first try must not have clobbered it). */
static void addf_grows_to_any_length(void)
{
	struct strbuf sb = STRBUF_INIT;
	char *big = xmalloc(5001);
	memset(big, 'x', 5000);
	big[5000] = '\0';
	strbuf_addstr(&sb, "[");
	strbuf_addf(&sb, "%s|%s", big, "end");
	strbuf_addf(&sb, "%c", ']');
	CHECK_INT(sb.len, 1 + 5000 + 4 + 1);
	CHECK(sb.buf[0] == '[' && sb.buf[5000] == 'x' && !strcmp(sb.buf + 5001, "|end]"));
	CHECK_INT(strlen(sb.buf), sb.len);
	strbuf_release(&sb);
	free(big);
}

/* A million single-byte adds move the text O(log n) times, not n/4096
 * times as read_file's fixed 4 kB steps did. */
static void growth_is_geometric(void)
{
	struct strbuf sb = STRBUF_INIT;
	int grows = 0;
	size_t alloc = 0;
	for (int i = 0; i < 1000000; i++) {
		strbuf_addch(&sb, (char)('a' + i % 26));
		if (sb.alloc != alloc) {
			grows++;
			alloc = sb.alloc;
		}
	}
	CHECK_INT(sb.len, 1000000);
	CHECK(sb.buf[999999] == 'a' + 999999 % 26 && sb.buf[1000000] == '\0');
	CHECK(grows <= 40);
	strbuf_release(&sb);
}

static const char *write_bytes(const char *name, size_t n)
{
	char *text = xmalloc(n + 1);
	for (size_t i = 0; i < n; i++)
		text[i] = (char)('A' + i % 23);
	text[n] = '\0';
	const char *path = test_write(test_tmpdir(), name, text);
	free(text);
	return path;
}

/* The size told ahead is enough: a 1 MB file is read in the one
 * allocation made for it (the old read_file grew 245 times). */
static void read_with_the_size_allocates_once(void)
{
	const char *path = write_bytes("strbuf/mega.txt", 1 << 20);
	int fd = open(path, O_RDONLY);
	CHECK(fd >= 0);
	struct strbuf sb = STRBUF_INIT;
	strbuf_grow(&sb, (1 << 20) + 1);
	size_t before = sb.alloc;
	CHECK_INT(strbuf_read(&sb, fd, 1 << 20, 2 << 20), 1 << 20);
	CHECK_INT(sb.alloc, before);
	CHECK_INT(sb.len, 1 << 20);
	CHECK(sb.buf[0] == 'A' && sb.buf[(1 << 20) - 1] == 'A' + ((1 << 20) - 1) % 23);
	close(fd);
	strbuf_release(&sb);
}

/* Without a hint, or a wrong one, the whole file still arrives; past max
 * the read stops soon after, so a file that grows without end is bounded. */
static void read_without_a_hint_and_past_max(void)
{
	const char *path = write_bytes("strbuf/some.txt", 100000);
	int fd = open(path, O_RDONLY);
	struct strbuf sb = STRBUF_INIT;
	strbuf_addstr(&sb, "kept:");
	CHECK_INT(strbuf_read(&sb, fd, 0, 1 << 20), 100000);
	CHECK_INT(sb.len, 100005);
	CHECK(!strncmp(sb.buf, "kept:ABC", 8));
	close(fd);
	strbuf_reset(&sb); /* its 100 kB stay allocated: max, not room, bounds the read */
	fd = open(path, O_RDONLY);
	CHECK_INT(strbuf_read(&sb, fd, 10, 5000), 5001);
	close(fd);
	errno = 0;
	strbuf_addstr(&sb, "x");
	size_t len = sb.len;
	CHECK_INT(strbuf_read(&sb, -1, 0, 10), -1);
	CHECK_INT(errno, EBADF);
	CHECK_INT(sb.len, len);
	strbuf_release(&sb);
}

static void read_file_reads_and_refuses(void)
{
	char e[ERRBUF_SIZE];
	size_t len = 0;
	const char *path = write_bytes("strbuf/file.txt", 300000);
	char *text = read_file(path, 1 << 20, &len, e);
	CHECK(text != NULL);
	CHECK_INT(len, 300000);
	CHECK(text && strlen(text) == 300000 && text[299999] == 'A' + 299999 % 23);
	free(text);
	CHECK(read_file(path, 1000, &len, e) == NULL);
	CHECK(strstr(e, "file is too large (300000 bytes, the limit is 1000)") != NULL);
	path = test_write(test_tmpdir(), "strbuf/empty.txt", "");
	text = read_file(path, 10, &len, e);
	CHECK_STR(text, "");
	CHECK_INT(len, 0);
	free(text);
	CHECK(read_file(test_tmpdir(), 10, &len, e) == NULL);
	CHECK(strstr(e, "not a regular file") != NULL);
}

const struct test_case strbuf_cases[] = {
	TEST(an_empty_buffer_is_an_empty_string),
	TEST(adds_keep_the_text_terminated),
	TEST(addf_grows_to_any_length),
	TEST(growth_is_geometric),
	TEST(read_with_the_size_allocates_once),
	TEST(read_without_a_hint_and_past_max),
	TEST(read_file_reads_and_refuses),
};
const size_t strbuf_count = ARRAY_SIZE(strbuf_cases);
