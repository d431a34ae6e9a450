/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ui_take.h - the take screen's state and phases, shared by its files:
 * ui_take.c (the phase table, shared keys, the screen's life), ui_ask.c,
 * ui_prep.c, ui_rec.c and ui_result.c (one phase each), ui_panel.c (what
 * the live phases draw) and ui_card.c (the cue card). Private to them;
 * other screens use screen_take() in screens.h. */
#ifndef REHEARSE_UI_TAKE_H
#define REHEARSE_UI_TAKE_H

#include "rehearse/compare.h"
#include "screens.h"

/* ASK: the interviewer reads the question aloud (rounds), then REC. */
enum phase { ASK, PREP, REC, RESULT };

struct take_screen;

/* One phase: what it is called in the title, how it draws and what it
 * does before each draw, its keys and how often it ticks. */
struct take_phase {
	const char *what;
	void (*draw)(struct take_screen *t);
	void (*tick)(struct take_screen *t); /* NULL: nothing */
	const struct ui_binding *keys;
	int tick_ms;
};
extern const struct take_phase take_ask_phase, take_prep_phase, take_rec_phase,
	take_result_phase;

/* Each phase's own state. */
struct ask_state {
	struct voice *voice; /* the question being read aloud */
	double asked_at;     /* when the voice ended; 0: still speaking */
};
struct prep_state {
	double t0;		   /* when preparing began */
	struct level_monitor *mon; /* the microphone check */
};
struct rec_state {
	bool asking; /* "Stop here?" is up; recording goes on */
};
struct result_state {
	int ncmp; /* lines of the change from the previous take; 0: none */
	struct compare_line cmp[COMPARE_MAX];
	long long prev_id;
	int first_note; /* the first feedback note shown (scrolled by the keys) */
	int rating;	/* the saved self-critique's (0: none) */
	char note[256]; /* and the first line of its note ("": none) */
	int notes_after; /* notes below the card's last row, as last drawn */
	int notes_h;	 /* the rows the notes had, as last drawn */
	char fit[320]; /* the story's length at the person's pace, when over; "" */
	char pivot[200]; /* the shares' shift since the story was told for another category */
};
/* The level meter, on while preparing and recording. */
struct take_meter {
	struct take_live live;
	double silent_since, clip_until;
};

struct take_screen {
	struct ui_screen ui;
	const struct session *s;
	const struct take_env *env; /* the plan's (plan_take_env) */
	enum plan_mode mode;
	struct take_summary *sum;
	const struct pick *p;
	int index, count;
	enum phase phase;
	struct take take;
	bool started;
	/* The cue card, in every phase before the result. */
	int scroll;
	bool hidden;
	bool full; /* the whole story rather than the cue */
	int card_told;	   /* the part being told and how, as last drawn (-1: none) */
	int card_followed; /* the part the whole story was last scrolled to */
	struct take_meter meter;
	char msg[ERRBUF_SIZE + 64]; /* the message line */
	int msg_attr;
	struct ask_state ask;
	struct prep_state prep;
	struct rec_state rec;
	struct result_state result;
};

static inline const struct bank *take_bank(const struct take_screen *t)
{
	return t->env->bank;
}

/* The answer limit in seconds. */
static inline double take_limit(const struct take_screen *t)
{
	return t->env->limit_s;
}

static inline int take_category(const struct pick *p)
{
	return p->question ? p->question->first_cat : p->match.category;
}

/* In ui_take.c: change phase (its keys and tick); a phase's title word. */
void take_set_phase(struct take_screen *t, enum phase phase);
const char *take_phase_word(enum phase phase);
/* The keys the phases share (self is the take screen). */
struct ui_action take_key_hide(void *self, int key);
struct ui_action take_key_full(void *self, int key);
struct ui_action take_key_scroll(void *self, int key);
struct ui_action take_key_back(void *self, int key);
struct ui_action take_key_skip(void *self, int key);
bool take_is_practice(void *self);
bool take_in_round(void *self);

/* Entering a phase: ui_ask.c, ui_prep.c, ui_rec.c. take_go leaves the
 * ask or prepare phase for the recording (or says why not and waits);
 * take_begin_rec starts the take (false: the message line says why);
 * take_end_rec ends it with status and shows the result. */
void take_begin_ask(struct take_screen *t);
void take_begin_prep(struct take_screen *t);
void take_go(struct take_screen *t);
bool take_begin_rec(struct take_screen *t);
void take_end_rec(struct take_screen *t, enum attempt_status status, const char *reason);

/* In ui_panel.c: the question, card and panel of the live phases; the
 * meter's silence timer. */
void take_draw_live(struct take_screen *t);
void take_track_silence(struct take_screen *t);

/* In ui_card.c: the cue card in h rows from row y (scrollable with
 * t->scroll; hidden with t->hidden; the whole story with t->full). */
void take_draw_card(struct take_screen *t, int y, int h);
/* The rows the card wants (its text whole) and, in *least, the fewest it
 * needs to show the angle whole, a line of each part and a second one for
 * the part being told; INT_MAX when it
 * takes all it is given (scrolled, hidden, no story). */
int take_card_rows(struct take_screen *t, int *least);
/* During the take, the part being told: the last one marked, or the one
 * the story follower has heard the words reach when that is later
 * (TOLD_HEARD), or with neither the one the clock suggests from the
 * story's words at a steady pace (TOLD_GUESS); -1 outside the take or
 * with no story. */
enum told_how { TOLD_PRESSED, TOLD_HEARD, TOLD_GUESS };
int take_told_part(const struct take_screen *t, enum told_how *how);

/* In ui_result.c: */
/* The title bar: mode, what, and the question's id, category, level. */
void take_draw_header(struct take_screen *t, const char *what);
/* The question in bold from row y; returns the rows used (at most 3). */
int take_draw_question(struct take_screen *t, int y);
/* The change from the previous take, for the result card (again after a
 * critique), and the story's fit at the person's own pace (history). */
void take_load_compare(struct take_screen *t);

#endif
