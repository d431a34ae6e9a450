/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cli_audio.c - `rehearse devices` and `rehearse play ID`. */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "rehearse/paths.h"
#include "session.h"

int cmd_devices(struct app *a, int argc, char **argv)
{
	static const struct cli_command cmd = {"devices", "rehearse devices", NULL, 0, 0, false};
	int n = parse_options(a, &cmd, argc, argv);
	if (n < 0)
		return parse_exit_code(n);
	char errbuf[ERRBUF_SIZE];
	struct audio_backend *b = audio_backend_new(a->audio_opt, NULL, errbuf);
	struct audio_device *d = NULL;
	size_t nd = 0;
	int rc = b ? b->ops->init(b->ctx, errbuf) : -1;
	if (rc == 0)
		rc = b->ops->list_devices(b->ctx, &d, &nd, errbuf);
	if (rc < 0) {
		error("%s", errbuf);
		audio_backend_free(b);
		return 1;
	}
	if (nd == 0)
		printf("no audio devices found\n");
	else
		printf("%5s  %-40s  %-12s  %4s  %4s  %8s\n", "index", "name", "host api", "in",
		       "out", "rate");
	for (size_t i = 0; i < nd; i++)
		printf("%5d  %-40.40s  %-12.12s  %4d  %4d  %8.0f%s%s\n", d[i].index, d[i].name,
		       d[i].host_api, d[i].max_in, d[i].max_out, d[i].default_rate,
		       d[i].default_in ? "  default input" : "",
		       d[i].default_out ? "  default output" : "");
	free(d);
	audio_backend_free(b);
	return 0;
}

int cmd_play(struct app *a, int argc, char **argv)
{
	struct take_opts o = {.seconds = 90, .prep = -1};
	const struct cli_option opts[] = {
		OPT_STRING("device", "N|NAME", &o.device, "output device (see 'rehearse devices')"),
		OPT_END,
	};
	const struct cli_command cmd = {"play", "rehearse play ID [--device N|NAME]", opts, 1, 1,
					false};
	long long id;
	int done = parse_id_command(a, &cmd, argc, argv, &id);
	if (done >= 0)
		return done;
	char errbuf[ERRBUF_SIZE];
	struct attempt_row row;
	if (store_get_attempt(&a->store, id, &row, errbuf) < 0) {
		error("%s", errbuf);
		return 1;
	}
	bool playable = attempt_file_ok(row.wav_path);
	if (row.wav_name && !row.wav_path) {
		attempt_wav_refusal(&a->store, &row, errbuf, sizeof errbuf);
		error("%s", errbuf);
	} else if (!playable) {
		error(row.wav_path ? "%s: the recording is missing; the history row is kept"
				   : "attempt %s was timer-only: there is nothing to play",
		      row.wav_path ? row.wav_path : argv[1]);
	}
	attempt_row_free(&row);
	if (!playable)
		return 1;
	return session_play(a, id, o.device);
}
