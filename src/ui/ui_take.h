/* ui_take.h - the take screen's state, shared by its three files:
 * ui_take.c (listening, preparing and recording), ui_card.c (the cue card)
 * and ui_result.c (the result card, and the title and question all phases
 * draw). Private to them; other screens use screen_take() in screens.h. */
#ifndef REHEARSE_UI_TAKE_H
#define REHEARSE_UI_TAKE_H

#include "rehearse/compare.h"
#include "screens.h"

/* ASK: the interviewer reads the question aloud (rounds), then REC. */
enum phase { ASK, PREP, REC, RESULT };

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
	double prep_t0;
	int scroll;
	bool hidden;
	bool full; /* the whole story rather than the cue */
	bool asking; /* "Stop here?" is up; recording goes on */
	struct take_live live;
	double silent_since, clip_until;
	char msg[ERRBUF_SIZE + 64];
	int msg_attr;
	struct level_monitor *mon; /* the microphone check while preparing */
	struct voice *voice; /* the question being read aloud (ASK) */
	double asked_at;     /* when the voice ended; 0: still speaking */
	int ncmp; /* lines of the change from the previous take; 0: none */
	struct compare_line cmp[COMPARE_MAX];
	long long prev_id;
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

/* In ui_card.c: the cue card in h rows from row y (scrollable with
 * t->scroll; hidden with t->hidden; the whole story with t->full). */
void take_draw_card(struct take_screen *t, int y, int h);

/* In ui_result.c: */
/* The title bar: mode, what, and the question's id, category, level. */
void take_draw_header(struct take_screen *t, const char *what);
/* The question in bold from row y; returns the rows used (at most 3). */
int take_draw_question(struct take_screen *t, int y);
/* The result card, and its keys. */
void take_load_compare(struct take_screen *t);
void take_draw_result(struct take_screen *t);
extern const struct ui_binding take_result_keys[];

#endif
