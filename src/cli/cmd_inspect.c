/* cmd_inspect.c — `engagestat inspect FILE`: what the loader saw. */
#include "cli.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

const es_command es_inspect_cmd = {
    .name = "inspect",
    .synopsis = "inspect [OPTION]... FILE",
    .prose = "Show what engagestat reads from FILE: rows read, kept, rejected (by reason),\n"
             "filtered and duplicate; each column's name, type, role and missing count; the\n"
             "follower range; the number of accounts; whether the file is post-level or\n"
             "account-level.\n",
    .one_file = 1,
    .shared = ES_SH_LOAD | ES_SH_OUTPUT,
    .trailer = "Tables: columns, rejected.\n",
    .examples = "engagestat inspect posts.csv --where owner_matches_file=1 --dedupe post_id\n",
};

static size_t es_count_accounts(const es_table *t)
{
    const es_column *a = es_table_role(t, ES_ROLE_ACCOUNT);
    if (a == NULL || a->type == ES_COL_NUMERIC)
        return t->n_rows;
    /* Count the distinct codes present among kept rows. */
    size_t n = es_dict_size(a->dict), count = 0;
    unsigned char *seen = calloc(n ? n : 1, 1);
    if (seen == NULL)
        return 0;
    for (size_t i = 0; i < t->n_rows; i++)
        if (a->codes[i] != ES_DICT_NONE && !seen[a->codes[i]]) {
            seen[a->codes[i]] = 1;
            count++;
        }
    free(seen);
    return count;
}

int es_cmd_inspect(int argc, char **argv)
{
    es_cli cli = {0};
    int rc = es_cli_parse(&cli, &es_inspect_cmd, argc, argv, NULL);
    if (rc != 0)
        return rc < 0 ? 0 : rc;
    es_table *t = NULL;
    es_load_report rep;
    rc = es_cli_load(&cli, cli.args[0], &t, &rep);
    if (rc != 0) {
        es_load_report_free(&rep);
        es_cli_free(&cli);
        return rc;
    }
    es_results *res = es_results_alloc("inspect");
    if (res == NULL) {
        es_cli_error("out of memory");
        es_table_free(t);
        es_load_report_free(&rep);
        es_cli_free(&cli);
        return 1;
    }
    int post = es_table_is_post_level(t);
    size_t accounts = es_count_accounts(t);
    es_results_set_input(res, &rep, accounts, post ? "post" : "account");
    char delim[8];
    if (rep.delimiter == '\t')
        strcpy(delim, "tab");
    else
        snprintf(delim, sizeof delim, "%c", rep.delimiter);
    es_results_setting(res, "delimiter", es_cell_str(delim));
    es_results_setting(res, "decimal", es_cell_str(rep.decimal == ',' ? "," : "."));
    es_results_setting(res, "gzip", es_cell_int(rep.gzip));

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
    for (size_t i = 0; i < rep.n_rejects; i++) {
        es_row row = es_rtable_append(tb);
        es_row_str(&row, "reason", rep.rejects[i].reason);
        es_row_int(&row, "count", (long long)rep.rejects[i].count);
        es_row_int(&row, "first_line", (long long)rep.rejects[i].first_line);
        es_row_int(&row, "first_column", (long long)rep.rejects[i].first_column);
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
    } else {
        es_results_warn(res, "no followers column found; name one with --map followers=COLUMN");
    }
    es_results_value(res, "accounts", es_cell_int((long long)accounts));
    es_results_value(res, "level", es_cell_str(post ? "post" : "account"));
    rc = es_cli_emit(&cli, res);
    es_results_free(res);
    es_table_free(t);
    es_load_report_free(&rep);
    es_cli_free(&cli);
    return rc;
}
