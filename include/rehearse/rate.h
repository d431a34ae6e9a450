/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rate.h - the sample rates rehearse works at. One range for what it
 * records (--rate, or the device's own), recovers and analyses: a file it
 * wrote is always one it can read again, and the ring is sized for the rate
 * the device gave, never for a guess at the highest. */
#ifndef REHEARSE_RATE_H
#define REHEARSE_RATE_H

#define REHEARSE_MIN_RATE 8000
#define REHEARSE_MAX_RATE 384000

#define REHEARSE_RATE_STR_(x) #x
#define REHEARSE_RATE_STR(x) REHEARSE_RATE_STR_(x)
/* "8000 to 384000 Hz", for messages and option help. */
#define REHEARSE_RATE_RANGE                                                                     \
	REHEARSE_RATE_STR(REHEARSE_MIN_RATE) " to " REHEARSE_RATE_STR(REHEARSE_MAX_RATE) " Hz"

#endif
