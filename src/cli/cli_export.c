/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cli_export.c - `rehearse export ID [FILE]`: a take to share, as a
 * compressed recording (FLAC or Ogg Vorbis, by FILE's extension) with its
 * figures and critique beside it in FILE.json (what `history --json` says
 * of the row).
 *
 * This is the one command that writes outside the data folder, and only
 * the two files the person named (or rehearse-ID.flac in the current
 * folder): each is made private (0600) and complete before it appears,
 * and an existing file is never replaced without --force. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"
#include "rehearse/wavio.h"

/* Both names are checked before anything is written, so a refusal leaves
 * nothing behind. */
static int check_targets(const char *audio, const char *json, bool force)
{
	struct stat st;
	const char *both[] = {audio, json};
	for (size_t i = 0; i < ARRAY_SIZE(both); i++) {
		if (lstat(both[i], &st) != 0)
			continue;
		if (!force)
			return error("%s: already exists; --force replaces it", both[i]);
		if (!S_ISREG(st.st_mode))
			return error("%s: not a plain file; not replacing it", both[i]);
	}
	return 0;
}

/* The figures, in memory first: a row that cannot be read writes nothing. */
static int write_json(struct app *a, const struct attempt_row *r, const char *path, bool force)
{
	char errbuf[ERRBUF_SIZE], *text = NULL;
	size_t len = 0;
	FILE *mem = open_memstream(&text, &len);
	if (!mem)
		return error("out of memory");
	int rc = history_json_of(a, r, mem, errbuf);
	fclose(mem);
	if (rc == 0)
		rc = write_file_new(path, text, len, force, errbuf);
	free(text);
	return rc < 0 ? error("%s", errbuf) : 0;
}

static int export_row(struct app *a, const struct attempt_row *r, const char *audio, bool force)
{
	int codec = audio_codec_for(audio);
	if (codec < 0)
		return error("%s: name it .flac or .ogg (the format follows the name)", audio);
	if (!r->wav_path)
		return error("attempt %lld was timer-only: there is no recording to export", r->id);
	if (!is_file(r->wav_path))
		return error("%s: the recording is missing; nothing to export", r->wav_path);
	char *json = xasprintf("%s.json", audio);
	char errbuf[ERRBUF_SIZE];
	int rc = check_targets(audio, json, force);
	if (rc == 0 && audio_write_compressed(r->wav_path, audio, (enum audio_codec)codec, force,
					      errbuf) < 0)
		rc = error("%s", errbuf);
	if (rc == 0 && (rc = write_json(a, r, json, force)) < 0)
		remove(audio); /* the pair or nothing: ours, made just now */
	if (rc == 0)
		printf("wrote %s (%s) and %s\n", audio, codec == AUDIO_FLAC ? "FLAC" : "Ogg Vorbis",
		       json);
	free(json);
	return rc;
}

int cmd_export(struct app *a, int argc, char **argv)
{
	bool force = false;
	const struct cli_option opts[] = {
		OPT_FLAG("force", &force, "replace FILE and FILE.json if they exist"),
		OPT_END,
	};
	const struct cli_command cmd = {"export", "rehearse export ID [FILE] [--force]", opts, 1,
					2, false};
	int n = parse_options(a, &cmd, argc, argv);
	if (n < 0)
		return parse_exit_code(n);
	long long id = parse_count(argv[1]);
	if (id <= 0)
		return usage_error(&cmd);
	struct attempt_row r;
	if (app_attempt(a, id, &r) < 0)
		return 1;
	char *audio = n == 2 ? xstrdup(argv[2]) : xasprintf("rehearse-%lld.flac", id);
	int rc = export_row(a, &r, audio, force);
	free(audio);
	attempt_row_free(&r);
	return rc < 0 ? 1 : 0;
}
