/* fuzz_load.c — es_fuzz_load (fuzz_load.h). */
#include "fuzz_load.h"

#include <stdlib.h>

#include "engagestat/engagestat.h"

void es_fuzz_load(const char *path, unsigned flags)
{
    static const char delims[4] = {0, ',', '\t', ';'};
    es_load_opts o;
    es_load_opts_init(&o);
    o.no_header = flags & 1;
    o.delimiter = delims[(flags >> 1) & 3];
    o.decimal = (flags & 8) ? ',' : 0;
    o.keep_rejects = (flags & 16) ? 4 : 0;
    es_where w = {0};
    es_err err = {0};
    if ((flags & 32) && es_where_parse(&w, (flags & 128) ? "niche=(a, 'b c')" : "followers>=1k", &err) == ES_OK) {
        o.where = &w;
        o.n_where = 1;
    }
    if (flags & 64)
        o.dedupe = "account";
    es_table *t = NULL;
    es_load_report rep = {0};
    if (es_load_csv(path, &o, &t, &rep, &err) == ES_OK) {
        es_level_info li;
        es_err lerr = {0};
        es_table_level(t, &li, &lerr);
        es_err_clear(&lerr);
        es_table_free(t);
    }
    es_load_report_free(&rep);
    es_err_clear(&err);
    es_where_clear(&w);
}
