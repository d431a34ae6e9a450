/* SPDX-License-Identifier: GPL-3.0-or-later */
/* session.h - the session layer between the commands and the screens:
 * from the application context (app.h) it makes the session the screens
 * run in (store, bank, audio), starts the screen, hands the driver its
 * first screen and stops the screen again. Screens never call back here. */
#ifndef REHEARSE_SESSION_H
#define REHEARSE_SESSION_H

#include "app.h"
#include "cli.h"
#include "screens.h"

/* Run a plan on the screen, recording each answer. Returns an exit code. */
int session_run(struct app *a, const struct plan *p, const struct take_opts *o);
/* Play back one attempt on the screen (device: NULL for the default). */
int session_play(struct app *a, long long attempt_id, const char *device);
/* The home menu is cmd_home (cli.h), also here. */

#endif
