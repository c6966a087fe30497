/* data_internal.h — helpers the files of src/data share (not installed). */
#ifndef ES_DATA_INTERNAL_H
#define ES_DATA_INTERNAL_H

#include "../core/internal.h"

/* Whether name contains word, ignoring ASCII case. */
ES_INTERNAL int es_name_has(const char *name, const char *word);

#endif
