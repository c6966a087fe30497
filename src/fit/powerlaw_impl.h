/* powerlaw_impl.h — helpers shared by src/powerlaw.c and src/powerlaw_compare.c
 * (not installed). */
#ifndef ES_POWERLAW_IMPL_H
#define ES_POWERLAW_IMPL_H

#include "engagestat/powerlaw.h"
#include "core/internal.h"

/* ln zeta(alpha, q) (Hurwitz zeta, gsl_sf_hzeta), NaN on a GSL error. */
ES_INTERNAL double es_pl_lnzeta(double alpha, double q);

#endif
