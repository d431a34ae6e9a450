/* SPDX-License-Identifier: GPL-3.0-or-later */
/* session.c - see session.h. */
#include "session.h"

#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "interrupt.h"

/* Does the device answer to spec ("3", or part of its name, any case),
 * as the backends choose a device? NULL: the default input. */
static bool device_fits(const struct audio_device *d, const char *spec)
{
	if (!spec)
		return d->default_in;
	char *end;
	long idx = strtol(spec, &end, 10);
	if (*spec && *end == '\0')
		return idx == d->index;
	return contains_ci(d->name, spec);
}

/* Is there anything to record from: the input --device names, or the
 * default input? Said before the first screen, not when Space is
 * pressed. */
static bool have_input(struct audio_backend *b, const char *device, char *errbuf)
{
	struct audio_device *devs;
	size_t n;
	if (b->ops->list_devices(b->ctx, &devs, &n, errbuf) < 0)
		return false;
	bool any = false;
	for (size_t i = 0; i < n; i++)
		any |= devs[i].max_in > 0 && device_fits(&devs[i], device);
	free(devs);
	if (!any && device)
		set_err(errbuf, "no input device matches '%s'; see 'rehearse devices', or use "
				"--no-record for a timer-only rehearsal",
			device);
	return any;
}

/* A round's pause between questions: 5 s, or what the hidden
 * REHEARSE_TEST_ROUND_PAUSE says (seconds, over 0 up to 60), so the tests need not
 * wait it out. Read here, once, at the edge. */
static double round_pause_s(void)
{
	const char *v = getenv("REHEARSE_TEST_ROUND_PAUSE");
	char *end;
	double s = v && *v ? strtod(v, &end) : 5.0;
	return v && *v && (*end || !(s > 0 && s <= 60)) ? 5.0 : s;
}

static struct session make_session(struct app *a, const struct take_opts *o)
{
	return (struct session){
		.opts = o,
		.between_s = round_pause_s(),
		.env = {.store = &a->store, .bank = &a->bank, .data_dir = a->data_dir,
			.device = o->device, .rate = o->rate,
			.keep_flac = !strcmp(config_get(&a->config, CFG_KEEP_AS), "flac"),
			.story_follow = !o->no_story_follow},
	};
}

/* Start the screen, run the first screen to its end, stop the screen.
 * Returns an exit code: 128 + the signal if one cut it short. */
static int run_screens(struct app *a, struct ui_screen *first)
{
	interrupt_install();
	char *log = app_log_path(a);
	int rc = ui_start(log, app_color(a));
	free(log);
	if (rc < 0) {
		first->ops->done(first);
		return 1;
	}
	ui_run(first);
	ui_stop();
	return interrupted() ? 128 + interrupt_signal() : 0;
}

/* Before the screen starts: is there anything to record from? */
static int check_input(struct session *s, struct app *a)
{
	s->audio = app_audio(a, s->audio_err);
	if (!s->audio)
		return -1;
	if (have_input(s->audio, s->opts->device, s->audio_err))
		s->env.audio = s->audio;
	else if (!s->audio_err[0]) /* listing the devices worked: there are none */
		set_err(s->audio_err, "no input device found (is a microphone connected?); use "
				      "--no-record for a timer-only rehearsal");
	return s->env.audio ? 0 : -1;
}

int session_run(struct app *a, const struct plan *p, const struct take_opts *o)
{
	if (app_store(a) < 0)
		return 1;
	struct session s = make_session(a, o);
	if (!o->no_record && check_input(&s, a) < 0) {
		error("%s", s.audio_err);
		return 1;
	}
	if (o->no_record && p->mode == PLAN_ROUND && !o->no_voice)
		s.audio = app_audio(a, s.audio_err); /* the voice only; none: a word on screen */
	return run_screens(a, screen_plan(&s, p));
}

int session_play(struct app *a, long long attempt_id, const char *device)
{
	struct take_opts o = {.seconds = 90, .prep = -1, .device = device};
	struct session s = make_session(a, &o);
	s.audio = app_audio(a, s.audio_err);
	return run_screens(a, screen_play(&s, attempt_id));
}

int cmd_home(struct app *a)
{
	if (app_bank(a) < 0 || app_store(a) < 0)
		return 1;
	struct take_opts o = {0};
	app_take_defaults(a, &o); /* the settings file: answer length, round size... */
	struct session s = make_session(a, &o);
	s.from_home = true;
	s.audio = app_audio(a, s.audio_err);
	char errbuf[ERRBUF_SIZE];
	s.have_input = s.audio && have_input(s.audio, NULL, errbuf);
	s.env.audio = s.have_input ? s.audio : NULL;
	o.no_record = !s.have_input;
	return run_screens(a, screen_home(&s));
}
