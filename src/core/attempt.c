/* attempt.c - see attempt.h. */
#include "rehearse/attempt.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
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

int attempt_keep_flac(struct store *s, long long id, char **wav, char *errbuf)
{
	size_t n = strlen(*wav);
	if (n < 4 || strcmp(*wav + n - 4, ".wav") != 0)
		return set_err(errbuf, "%s: not a WAV recording", *wav);
	char *flac = xasprintf("%.*s.flac", (int)(n - 4), *wav);
	int rc = audio_write_compressed(*wav, flac, AUDIO_FLAC, false, errbuf);
	if (rc == 0 && (rc = store_rename_wav(s, id, *wav, flac, errbuf)) < 0)
		unlink(flac);
	if (rc == 0) {
		unlink(*wav); /* the row names the FLAC now: the WAV is a copy */
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
	/* Another row's recording is never ours to delete. */
	bool shared = false;
	int rc = store_wav_shared(s, id, &shared, errbuf);
	/* The row goes first: a row without its file is worse than a file
	 * without its row, which a person can still find and play. */
	if (rc == 0)
		rc = store_delete_attempt(s, id, errbuf);
	if (shared)
		; /* the file stays for the row that names it too */
	else if (rc == 0 && r.wav_path && unlink(r.wav_path) < 0 && errno != ENOENT)
		rc = set_err(errbuf, "%s: cannot delete: %s; its history row is gone", r.wav_path,
			     strerror(errno));
	else if (rc == 0 && r.wav_path && had_file)
		*had_file = true;
	attempt_row_free(&r);
	return rc;
}
