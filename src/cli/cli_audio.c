/* cli_audio.c - `rehearse devices` and `rehearse play ID`. */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "rehearse/paths.h"
#include "session.h"

int cmd_devices(struct app *a, int argc, char **argv)
{
	static const struct option opts[] = {COMMON_LONG_OPTS, {NULL, 0, NULL, 0}};
	int opt;
	while ((opt = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		int c = app_common_option(a, opt, "devices");
		if (c < 0)
			return 0;
		if (c == 0)
			return app_usage_error("devices");
	}
	if (optind < argc)
		return app_usage_error("devices");
	char errbuf[ERRBUF_SIZE];
	struct audio_backend *b = audio_portaudio_new(NULL);
	struct audio_device *d = NULL;
	size_t n = 0;
	int rc = b->ops->init(b->ctx, errbuf);
	if (rc == 0)
		rc = b->ops->list_devices(b->ctx, &d, &n, errbuf);
	if (rc < 0) {
		error("%s", errbuf);
		audio_backend_free(b);
		return 1;
	}
	if (n == 0)
		printf("no audio devices found\n");
	else
		printf("%5s  %-40s  %-12s  %4s  %4s  %8s\n", "index", "name", "host api", "in",
		       "out", "rate");
	for (size_t i = 0; i < n; i++)
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
	static const struct option opts[] = {
		{"device", required_argument, NULL, 'd'}, COMMON_LONG_OPTS, {NULL, 0, NULL, 0}};
	struct take_opts o = {.seconds = 90, .prep = -1};
	int opt;
	while ((opt = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		int c = app_common_option(a, opt, "play");
		if (c < 0)
			return 0;
		if (c > 0)
			continue;
		if (opt != 'd')
			return app_usage_error("play");
		o.device = optarg;
	}
	long long id = optind == argc - 1 ? parse_count(argv[optind]) : -1;
	if (id <= 0)
		return app_usage_error("play");
	if (app_bank(a) < 0 || app_store(a) < 0)
		return 1;
	char errbuf[ERRBUF_SIZE];
	struct attempt_row row;
	if (store_get_attempt(&a->store, id, &row, errbuf) < 0)
		return error("%s", errbuf) ? 1 : 1;
	bool playable = row.wav_path && is_file(row.wav_path);
	if (!playable)
		error(row.wav_path ? "%s: the recording is missing; the history row is kept"
				   : "attempt %s was timer-only: there is nothing to play",
		      row.wav_path ? row.wav_path : argv[optind]);
	attempt_row_free(&row);
	if (!playable)
		return 1;
	return session_play(a, id, o.device);
}
