/* session.c - run a plan (practice, round, pivot): set up history, audio
 * and the screen, then hand each pick to the take screen. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "rehearse/paths.h"
#include "screens.h"
#include "ui.h"

bool session_interrupted(void)
{
	return ui_signal != 0;
}

struct audio_backend *session_audio(struct session *s, char *errbuf)
{
	if (s->audio)
		return s->audio;
	struct audio_backend *b = audio_backend_new(s->app->audio_opt, s->log_path, errbuf);
	if (!b)
		return NULL;
	if (b->ops->init(b->ctx, errbuf) < 0) {
		audio_backend_free(b);
		return NULL;
	}
	s->audio = b;
	return b;
}

/* Before the screen starts: is there anything to record from? */
static int check_input(struct session *s, char *errbuf)
{
	struct audio_backend *b = session_audio(s, errbuf);
	if (!b)
		return -1;
	struct audio_device *devs;
	size_t n;
	if (b->ops->list_devices(b->ctx, &devs, &n, errbuf) < 0)
		return -1;
	bool any = false;
	for (size_t i = 0; i < n; i++)
		any |= devs[i].max_in > 0 && (s->opts->device || devs[i].default_in);
	free(devs);
	if (!any)
		return set_err(errbuf, "no input device found (is a microphone connected?); use "
				       "--no-record for a timer-only rehearsal");
	return 0;
}

enum outcome session_run_plan(struct session *s, const struct plan *p)
{
	struct take_summary *sums = xcalloc(p->npicks, sizeof *sums);
	enum outcome out = OUT_NEXT;
	char errbuf[ERRBUF_SIZE];
	s->env.mode = p->mode;
	s->env.round_id = 0;
	if (p->npicks > 1 &&
	    store_round_begin(&s->app->store, p->mode, p->seed, (int)p->npicks, &s->env.round_id,
			      errbuf) < 0)
		s->env.round_id = 0; /* the round still runs; only the grouping is lost */
	size_t i = 0;
	while (i < p->npicks && !session_interrupted()) {
		if (i > 0 && p->npicks > 1) {
			out = screen_between(s, &p->picks[i], (int)i, (int)p->npicks);
			if (out != OUT_NEXT)
				break;
		}
		sums[i].pick = &p->picks[i];
		out = screen_take(s, &p->picks[i], (int)i, (int)p->npicks, &sums[i]);
		if (out == OUT_RETRY)
			continue;
		if (out != OUT_NEXT)
			break;
		i++;
	}
	if (p->npicks > 1 && !session_interrupted() && out == OUT_NEXT)
		out = screen_round_summary(s, sums, p->npicks);
	free(sums);
	return out;
}

int session_run(struct app *a, const struct plan *p, const struct take_opts *o)
{
	char errbuf[ERRBUF_SIZE];
	if (app_store(a) < 0)
		return 1;
	struct session s = {.app = a, .opts = o};
	s.log_path = path_join(a->data_dir, "rehearse.log");
	s.env = (struct take_env){.store = &a->store, .bank = &a->bank, .data_dir = a->data_dir,
				  .device = o->device, .rate = o->rate, .limit_s = o->seconds,
				  .max_s = o->overtime ? 2 * o->seconds : o->seconds};
	int rc = 0;
	if (!o->no_record) {
		if (check_input(&s, errbuf) < 0) {
			error("%s", errbuf);
			rc = 1;
			goto out;
		}
		s.env.audio = s.audio;
	}
	ui_install_signals();
	if (ui_start(s.log_path) < 0) {
		rc = 1;
		goto out;
	}
	session_run_plan(&s, p);
	ui_stop();
	if (ui_signal)
		rc = 128 + ui_signal;
out:
	audio_backend_free(s.audio);
	free(s.log_path);
	return rc;
}
