/* inspect.c — what the loader saw: rows by fate, each column's type, role, missing
 * count and range, the follower range, the level and the accounts (analysis.h). */
#include "engagestat/analysis.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engagestat/select.h"
#include "engagestat/table.h"

int es_inspect_run(const es_table *t, const es_load_report *rep, const es_load_opts *opts, es_results *res, es_err *err)
{
    es_level_info li;
    int rc = es_table_level(t, &li, err);
    if (rc != ES_OK)
        return rc;
    const es_column *a = es_table_role(t, ES_ROLE_ACCOUNT), *p = es_table_role(t, ES_ROLE_PLATFORM);
    /* Accounts: distinct (platform, account) values among the kept rows, as
     * es_units_build groups them but before any engagement rate is computed. */
    es_results_set_input(res, rep, li.n_accounts, es_level_name(li.level));
    es_results_set_accounts_label(res, a == NULL || a->type == ES_COL_NUMERIC ? "rows: no account column"
                                       : p != NULL && p->type != ES_COL_NUMERIC
                                           ? "distinct platform+account values in kept rows"
                                           : "distinct account values in kept rows");
    char delim[24];
    if (rep->delimiter == '\t')
        strcpy(delim, "tab");
    else if (rep->delimiter == 0)
        strcpy(delim, "none (JSON Lines)");
    else
        snprintf(delim, sizeof delim, "%c", rep->delimiter);
    es_results_setting(res, "delimiter", es_cell_str(delim));
    es_results_setting(res, "decimal", es_cell_str(rep->decimal == ',' ? "," : "."));
    es_results_setting(res, "gzip", es_cell_int(rep->gzip));

    static const char *const cols[] = {"column", "name", "type", "role", "n_missing", "n_distinct", "min", "max"};
    es_rtable *tb;
    es_results_table(res, "columns", "Columns", 8, cols, &tb);
    for (size_t j = 0; j < t->n_cols; j++) {
        const es_column *c = &t->cols[j];
        es_row row = es_rtable_append(tb);
        es_row_int(&row, "column", (long long)j + 1);
        es_row_str(&row, "name", c->name);
        es_row_str(&row, "type", es_coltype_name(c->type));
        if (c->role != ES_ROLE_NONE)
            es_row_str(&row, "role", es_role_name(c->role));
        es_row_int(&row, "n_missing", (long long)c->n_missing);
        if (c->type == ES_COL_NUMERIC) {
            double lo = INFINITY, hi = -INFINITY;
            for (size_t i = 0; i < t->n_rows; i++) {
                double v = c->num[i]; /* NaN fails both comparisons */
                lo = v < lo ? v : lo;
                hi = v > hi ? v : hi;
            }
            es_row_num(&row, "min", lo);
            es_row_num(&row, "max", hi);
        } else if (c->type != ES_COL_TEXT) {
            /* Text columns (ids) are stored without a dictionary: distinct values are
             * not counted (use --dedupe COLUMN to count duplicates). */
            es_row_int(&row, "n_distinct", (long long)es_dict_size(c->dict));
        }
    }
    static const char *const rcols[] = {"reason", "count", "first_line", "first_column"};
    es_results_table(res, "rejected", "Rejected rows", 4, rcols, &tb);
    for (size_t i = 0; i < rep->n_rejects; i++) {
        es_row row = es_rtable_append(tb);
        es_row_str(&row, "reason", rep->rejects[i].reason);
        es_row_int(&row, "count", (long long)rep->rejects[i].count);
        es_row_int(&row, "first_line", (long long)rep->rejects[i].first_line);
        es_row_int(&row, "first_column", (long long)rep->rejects[i].first_column);
    }
    if (rep->n_where > 0) {
        /* What each --where did, counted on its own; "removed" sums to rows filtered. */
        static const char *const wcols[] = {"filter", "tested", "kept", "removed", "missing", "not_parsed"};
        es_results_table(res, "filters", "Filters (--where)", 6, wcols, &tb);
        for (size_t i = 0; i < rep->n_where && i < opts->n_where; i++) {
            es_row row = es_rtable_append(tb);
            es_row_str(&row, "filter", opts->where[i].expr);
            es_row_int(&row, "tested", (long long)rep->where[i].tested);
            es_row_int(&row, "kept", (long long)rep->where[i].kept);
            es_row_int(&row, "removed", (long long)rep->where[i].removed);
            es_row_int(&row, "missing", (long long)rep->where[i].missing);
            es_row_int(&row, "not_parsed", (long long)rep->where[i].bad);
        }
    }
    const es_column *fc = es_table_role(t, ES_ROLE_FOLLOWERS);
    if (fc != NULL && fc->type == ES_COL_NUMERIC) {
        /* Kept rows always have followers: min, max and median (by selection). */
        double *scratch = malloc((t->n_rows ? t->n_rows : 1) * sizeof *scratch);
        if (scratch == NULL)
            es_results_fail(res, ES_ENOMEM, "out of memory");
        else {
            double lo = INFINITY, hi = -INFINITY;
            for (size_t i = 0; i < t->n_rows; i++) {
                lo = fc->num[i] < lo ? fc->num[i] : lo;
                hi = fc->num[i] > hi ? fc->num[i] : hi;
            }
            es_results_value(res, "followers_min", es_cell_num(t->n_rows ? lo : NAN));
            es_results_value(res, "followers_median", es_cell_num(es_median_scratch(fc->num, t->n_rows, scratch)));
            es_results_value(res, "followers_max", es_cell_num(t->n_rows ? hi : NAN));
            free(scratch);
        }
    } else if (li.level != ES_LEVEL_BANDS) {
        es_results_warn(res, "no followers column found; name one with --map followers=COLUMN");
    }
    es_results_value(res, "accounts", es_cell_int((long long)li.n_accounts));
    es_results_value(res, "level", es_cell_str(es_level_name(li.level)));
    es_results_value(res, "level_evidence", es_cell_str(li.evidence));
    if (li.level == ES_LEVEL_BANDS)
        es_results_warn(res, "a band summary holds published band figures, not data: it cannot be described or "
                        "compared, but can be a reference curve (plot --reference FILE)");
    else if (li.level != li.detected)
        es_results_warn(res, "%s", li.evidence);
    if (es_results_status(res, NULL) == ES_ENOMEM)
        return es_err_set(err, ES_ENOMEM, "out of memory");
    return ES_OK;
}
