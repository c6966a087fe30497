/* sim_internal.h — pieces of the simulator shared by calibrate.c (not installed). */
#ifndef ES_SIM_INTERNAL_H
#define ES_SIM_INTERNAL_H

#include <stddef.h>

#include <gsl/gsl_rng.h>

#include "engagestat/simulate.h"

/* The observed account ER (median over n_posts posts of (likes + comments) /
 * followers) of an account with latent rate er, drawn as the simulator draws posts
 * (sponsored with sponsored_prob, NB likes and comments); scratch holds n_posts. */
__attribute__((visibility("hidden"))) double es_sim_draw_observed_er(gsl_rng *r, const es_sim_params *p, double followers, double er, size_t n_posts,
                                                                     double *scratch);

#endif
