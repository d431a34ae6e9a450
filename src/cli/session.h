/* session.h - a planned rehearsal (one or more picks) and how to run it.
 * Built by the practice, round and pivot commands; run by the screens. */
#ifndef REHEARSE_SESSION_H
#define REHEARSE_SESSION_H

#include <stdint.h>

#include "cli.h"
#include "rehearse/engine.h"

struct take_opts {
	double seconds;	  /* answer limit */
	double prep;	  /* < 0: wait for Space */
	bool overtime;	  /* clock may run on to twice the limit */
	bool no_record;	  /* timer only */
	bool dry_run;
	const char *device; /* NULL: default input */
	int rate;	    /* 0: the device's default */
	uint64_t seed;
	enum level level;
};

struct plan {
	const char *mode; /* practice, round, pivot */
	struct pick *picks;
	size_t npicks;
	uint64_t seed;
};

/* Run a plan on the screen, recording each answer. Returns an exit code. */
int session_run(struct app *a, const struct plan *p, const struct take_opts *o);

#endif
