/* screens.h - what the screens share: the session they run in and each
 * screen's entry point. Every screen is a loop over ui_key() that draws
 * from its own state and calls into take, player, store and engine. */
#ifndef REHEARSE_SCREENS_H
#define REHEARSE_SCREENS_H

#include "rehearse/take.h"
#include "session.h"

struct session {
	struct app *app;
	const struct take_opts *opts;
	struct take_env env;
	struct audio_backend *audio; /* recording and playback; lazily made */
	char *log_path;
	bool from_home; /* "back to the menu" makes sense */
};

enum outcome { OUT_NEXT, OUT_RETRY, OUT_MENU, OUT_QUIT };

/* Summary of one answered question, for the end of a round. */
struct take_summary {
	const struct pick *pick;
	bool done;
	char status[16];
	double duration_s, wpm, first_word_s;
	int long_pauses;
	bool has_stats;
};

/* The audio backend, made and initialised on first use. NULL + errbuf. */
struct audio_backend *session_audio(struct session *s, char *errbuf);

/* One question: prepare, record, result card. */
enum outcome screen_take(struct session *s, const struct pick *p, int index, int count,
			 struct take_summary *sum);
/* Playback of a recording with its waveform, marks and pauses. */
void screen_play(struct session *s, long long attempt_id);
/* Rate an attempt, tick its category's checklist, write a note. */
void screen_critique(struct session *s, long long attempt_id);
/* A read-only, scrollable page of text (tables are cut, not wrapped). */
void screen_text(const char *title, const char *text);
/* The end-of-round table. */
enum outcome screen_round_summary(struct session *s, const struct take_summary *sums, size_t n);
/* A short pause between questions of a round. */
enum outcome screen_between(struct session *s, const struct pick *next, int index, int count);

/* Run a plan inside an active screen. */
enum outcome session_run_plan(struct session *s, const struct plan *p);
/* A signal was received: the screens unwind. */
bool session_interrupted(void);

#endif
