/* SPDX-License-Identifier: GPL-3.0-or-later */
/* attempt.c - see attempt.h. */
#include "rehearse/attempt.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "rehearse/store.h"
#include "rehearse/util.h"
#include "rehearse/wavio.h"

static const char *const status_names[ATTEMPT_STATUS_COUNT] = {
	[ATTEMPT_ANY] = "any",
	[ATTEMPT_RECORDING] = "recording",
	[ATTEMPT_COMPLETE] = "complete",
	[ATTEMPT_STOPPED] = "stopped",
	[ATTEMPT_INTERRUPTED] = "interrupted",
	[ATTEMPT_FAILED] = "failed",
	[ATTEMPT_DISCARDED] = "discarded",
	[ATTEMPT_CUT_OFF] = "cut-off",
};

const char *attempt_status_name(enum attempt_status s)
{
	return s > ATTEMPT_ANY && s < ATTEMPT_STATUS_COUNT ? status_names[s] : "unknown";
}

enum attempt_status attempt_status_parse(const char *name)
{
	for (int i = ATTEMPT_ANY + 1; name && i < ATTEMPT_STATUS_COUNT; i++)
		if (!strcmp(status_names[i], name))
			return (enum attempt_status)i;
	return ATTEMPT_ANY;
}

/* The stamp take.c writes first: "2026-11-25_184512_" ('d' a digit). */
static bool has_stamp(const char *name)
{
	static const char pattern[] = "dddd-dd-dd_dddddd_";
	for (size_t i = 0; i < sizeof pattern - 1; i++) {
		bool digit = name[i] >= '0' && name[i] <= '9';
		if (pattern[i] == 'd' ? !digit : name[i] != pattern[i])
			return false; /* a shorter name ends here, at its '\0' */
	}
	return true;
}

bool attempt_name_ok(const char *name)
{
	if (!name || !has_stamp(name))
		return false;
	size_t n = strlen(name);
	/* Longer than a file name can be: never made here ("File name too
	 * long" at the delete would come after its row is gone). */
	bool wav = n >= 4 && !strcmp(name + n - 4, ".wav");
	bool flac = n >= 5 && !strcmp(name + n - 5, ".flac"); /* keep-as = flac */
	if (n < 18 + 1 + 4 || n > NAME_MAX || !(wav || flac))
		return false;
	for (const unsigned char *p = (const unsigned char *)name; *p; p++)
		if (*p == '/' || *p < 0x20 || *p == 0x7f)
			return false;
	return true;
}

/* A refused name as it may be shown: its control characters as \xNN (a
 * hostile row's escape sequences never reach the terminal), and cut at
 * 80 bytes so the message's reason still fits. */
static void shown_name(const char *name, char *out, size_t n)
{
	size_t o = 0;
	const unsigned char *p = (const unsigned char *)name;
	for (; *p && o + 8 < n && p - (const unsigned char *)name < 80; p++)
		if (*p < 0x20 || *p == 0x7f)
			o += (size_t)snprintf(out + o, n - o, "\\x%02x", *p);
		else
			out[o++] = (char)*p;
	snprintf(out + o, n - o, "%s", *p ? "..." : "");
}

void attempt_wav_refusal(const struct store *s, const struct attempt_row *r, char *buf, size_t n)
{
	char name[128];
	shown_name(r->wav_name ? r->wav_name : "", name, sizeof name);
	snprintf(buf, n,
		 "attempt %lld names '%s', which is not a recording rehearse made in %s; it was "
		 "left alone",
		 r->id, name, s->dir);
}

bool attempt_is_live(const struct attempt_row *r)
{
	if (r->status != ATTEMPT_RECORDING || r->pid <= 0 || r->pid == (long long)getpid())
		return false;
	return kill((pid_t)r->pid, 0) == 0 || errno == EPERM;
}

bool attempt_file_ok(const char *path)
{
	struct stat st;
	return path && lstat(path, &st) == 0 && S_ISREG(st.st_mode);
}

int attempt_unlink_file(const struct store *s, const char *name)
{
	struct stat st;
	if (strchr(name, '/'))
		return 1;
	if (fstatat(s->dir_fd, name, &st, AT_SYMLINK_NOFOLLOW) < 0)
		return errno == ENOENT ? 0 : -1;
	if (!S_ISREG(st.st_mode))
		return 1;
	/* Swapped for something else since? unlinkat never follows it: at
	 * worst a name in this folder goes. */
	return unlinkat(s->dir_fd, name, 0) < 0 && errno != ENOENT ? -1 : 0;
}

/* The row is gone; now its file, if it is one rehearse made. 0: removed
 * (or already gone), 1: left alone with errbuf saying why, -1: error. */
static int delete_file(struct store *s, const struct attempt_row *r, bool *had_file,
		       char *errbuf)
{
	if (!r->wav_path) {
		attempt_wav_refusal(s, r, errbuf, ERRBUF_SIZE);
		return 1;
	}
	int rc = attempt_unlink_file(s, r->wav_name);
	if (rc < 0)
		return set_err(errbuf, "%s: cannot delete: %s; its history row is gone", r->wav_path,
			       strerror(errno));
	if (rc > 0) {
		set_err(errbuf, "%s: not a regular file, so not a recording rehearse made; it was "
				"left alone",
			r->wav_path);
		return 1;
	}
	if (had_file)
		*had_file = true;
	return 0;
}

/* The file name alone: what a row names (the folder is the one in use). */
static const char *base_name(const char *path)
{
	const char *slash = strrchr(path, '/');
	return slash ? slash + 1 : path;
}

int attempt_keep_flac(struct store *s, long long id, char **wav, char *errbuf)
{
	size_t n = strlen(*wav);
	if (n < 4 || strcmp(*wav + n - 4, ".wav") != 0)
		return set_err(errbuf, "%s: not a WAV recording", *wav);
	char *flac = xasprintf("%.*s.flac", (int)(n - 4), *wav);
	int rc = audio_write_compressed(*wav, flac, AUDIO_FLAC, false, errbuf);
	if (rc == 0 && (rc = store_rename_wav(s, id, base_name(*wav), base_name(flac), errbuf)) < 0)
		unlink(flac);
	if (rc == 0) {
		/* the row names the FLAC now: the WAV is a copy */
		attempt_unlink_file(s, base_name(*wav));
		free(*wav);
		*wav = flac;
	} else {
		free(flac);
	}
	return rc;
}

int attempt_delete(struct store *s, long long id, bool *had_file, char *errbuf)
{
	struct attempt_row r;
	if (had_file)
		*had_file = false;
	if (store_get_attempt(s, id, &r, errbuf) < 0)
		return -1;
	if (attempt_is_live(&r)) {
		set_err(errbuf,
			"attempt %lld is still being recorded (by process %lld); it was not deleted",
			id, r.pid);
		attempt_row_free(&r);
		return -1;
	}
	/* Another row's recording is never ours to delete. */
	bool shared = false;
	int rc = store_wav_shared(s, id, &shared, errbuf);
	/* The row goes first: a row without its file is worse than a file
	 * without its row, which a person can still find and play. */
	if (rc == 0)
		rc = store_delete_attempt(s, id, errbuf);
	if (rc == 0 && r.wav_name && !shared) /* else the file stays for the other row */
		rc = delete_file(s, &r, had_file, errbuf);
	attempt_row_free(&r);
	return rc;
}
