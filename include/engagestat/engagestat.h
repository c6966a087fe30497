/* engagestat/engagestat.h — everything in libengagestat.
 * Ownership rules are stated at the top of each module header. */
#ifndef ES_ENGAGESTAT_H
#define ES_ENGAGESTAT_H

#define ES_VERSION_STRING "0.3.1"

#include "engagestat/error.h"
#include "engagestat/buf.h"
#include "engagestat/outfile.h"
#include "engagestat/table.h"
#include "engagestat/numparse.h"
#include "engagestat/filter.h"
#include "engagestat/load.h"
#include "engagestat/results.h"
#include "engagestat/quantile.h"
#include "engagestat/select.h"
#include "engagestat/descriptive.h"
#include "engagestat/threads.h"
#include "engagestat/accum.h"
#include "engagestat/bootstrap.h"
#include "engagestat/compare.h"
#include "engagestat/ols.h"
#include "engagestat/sandwich.h"
#include "engagestat/design.h"
#include "engagestat/rlm.h"
#include "engagestat/glmnb.h"
#include "engagestat/simulate.h"
#include "engagestat/plot.h"
#include "engagestat/fit.h"
#include "engagestat/powerlaw.h"
#include "engagestat/bands.h"
#include "engagestat/reference.h"
#include "engagestat/meta.h"
#include "engagestat/engagement.h"
#include "engagestat/analysis.h"
#include "engagestat/report.h"

#endif
