/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cli_story.h - the story follower for `rehearse analyze --story ID`. */
#ifndef REHEARSE_CLI_STORY_H
#define REHEARSE_CLI_STORY_H

#include <stdio.h>

#include "rehearse/story_follow.h"

/* Follow the story st[0] in the audio file at path; with any, whichever
 * of st[0..nst) was told (out->story_index, -1: none). 0, or -1 with the
 * reason in errbuf (including "not built"). */
int story_follow_file(const char *path, const struct story *const *st, size_t nst, bool any,
		      struct follow_result *out, char *errbuf);

/* The report. state: "on", "off" (--no-story-follow) or "not built"; r
 * then holds nothing heard. id NULL (or empty): no story was named or
 * recognised ("id": null). JSON: `,"story":{...}` to put inside the
 * file's object. */
void story_json(FILE *out, const char *id, const char *state, const struct follow_result *r);
void story_plain(FILE *out, const char *id, const char *state, const struct follow_result *r);

#endif
