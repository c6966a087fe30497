/* units.c — from a loaded table to the analysis units and the results header, the
 * same way for every analysis command. */
#include "cli.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

int es_cli_units(es_cli *cli, const es_table *t, es_bands *bands, es_units *units)
{
    es_err err = {0};
    es_units_opts uo = {0};
    if (es_er_parse(&uo.er, cli->er, &err) != ES_OK ||
        es_bands_parse(bands, cli->bands, cli->band_names, &err) != ES_OK) {
        int rc = es_cli_usage_error("%s", err.msg ? err.msg : "invalid option");
        es_err_clear(&err);
        return rc;
    }
    uo.unit_post = strcmp(cli->unit, "post") == 0;
    uo.agg = strcmp(cli->account_er, "mean") == 0 ? ES_AGG_MEAN
             : strcmp(cli->account_er, "ratio") == 0 ? ES_AGG_RATIO : ES_AGG_MEDIAN;
    uo.max_er = cli->max_er;
    uo.bands = bands;
    int rc = es_units_build(units, t, &uo, &err);
    if (rc != ES_OK) {
        es_cli_error("%s: %s", cli->command, err.msg ? err.msg : es_strerror(rc));
        es_err_clear(&err);
        es_bands_free(bands);
        return 1;
    }
    return 0;
}

/* Append s to b as one shell word: bare when it is made of safe characters, else in
 * single quotes with each ' written as '\''. */
static void es_shell_word(es_buf *b, const char *s)
{
    int bare = *s != '\0';
    for (const char *p = s; *p && bare; p++)
        bare = strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-./,:=+%@", *p) != NULL;
    if (bare) {
        es_buf_puts(b, s);
        return;
    }
    es_buf_putc(b, '\'');
    for (const char *p = s; *p; p++)
        if (*p == '\'')
            es_buf_puts(b, "'\\''");
        else
            es_buf_putc(b, *p);
    es_buf_putc(b, '\'');
}

/* What makes the run reproducible from its results alone: the command line (shell
 * words: paste it into a shell from the same directory), the filters, column mappings
 * and duplicate rule, the band edges and names, and --max-er (Inf when off). */
static void es_cli_provenance(const es_cli *cli, es_results *res, const es_bands *bands)
{
    es_buf b = {0};
    es_buf_puts(&b, "engagestat");
    for (int i = 0; i < cli->argc; i++) {
        es_buf_putc(&b, ' ');
        es_shell_word(&b, cli->argv[i]);
    }
    es_results_setting(res, "command_line", es_cell_str(b.data ? b.data : "engagestat"));
    static const char *const ops[] = {"=", "!=", "<", "<=", ">", ">="};
    es_buf_reset(&b);
    for (size_t i = 0; i < cli->n_where; i++)
        es_buf_printf(&b, "%s%s%s%s", i ? "; " : "", cli->where[i].column, ops[cli->where[i].op], cli->where[i].value);
    if (cli->n_where)
        es_results_setting(res, "where", es_cell_str(b.data));
    es_buf_reset(&b);
    for (int r = 0; r < ES_ROLE_COUNT; r++)
        if (cli->load.map[r] != NULL)
            es_buf_printf(&b, "%s%s=%s", b.len ? "; " : "", es_role_name((es_role)r), cli->load.map[r]);
    if (b.len)
        es_results_setting(res, "map", es_cell_str(b.data));
    if (cli->load.dedupe != NULL)
        es_results_setting(res, "dedupe", es_cell_str(cli->load.dedupe));
    es_buf_reset(&b);
    for (size_t k = 0; k < bands->n; k++)
        es_buf_printf(&b, "%s%.15g", k ? "," : "", bands->edges[k]);
    es_results_setting(res, "band_edges", es_cell_str(b.data ? b.data : ""));
    es_buf_reset(&b);
    for (size_t k = 0; k < bands->n; k++)
        es_buf_printf(&b, "%s%s", k ? "," : "", bands->names[k]);
    es_results_setting(res, "band_names", es_cell_str(b.data ? b.data : ""));
    es_results_setting(res, "max_er", isinf(cli->max_er) ? es_cell_str("Inf") : es_cell_num(cli->max_er));
    if (b.data == NULL && bands->n > 0)
        es_results_fail(res, ES_ENOMEM, "out of memory");
    es_buf_free(&b);
}

es_results *es_cli_results(es_cli *cli, const char *command, const es_load_report *rep,
                           const es_bands *bands, const es_units *units)
{
    es_results *res = es_results_alloc(command);
    if (res == NULL)
        return NULL;
    size_t accounts = units->unit_post ? 0 : units->n;
    if (units->unit_post && units->account_dict != NULL) {
        /* Count distinct accounts among the post units. */
        size_t na = es_dict_size(units->account_dict);
        unsigned char *seen = calloc(na ? na : 1, 1);
        if (seen == NULL)
            es_results_fail(res, ES_ENOMEM, "out of memory");
        for (size_t k = 0; seen && k < units->n; k++)
            if (units->account[k] != ES_DICT_NONE && !seen[units->account[k]]) {
                seen[units->account[k]] = 1;
                accounts++;
            }
        free(seen);
    } else if (units->unit_post) {
        accounts = units->n;
    }
    es_results_set_input(res, rep, accounts, units->post_level ? "post" : "account");
    es_buf er = {0};
    es_err err = {0};
    es_er_def def;
    if (es_er_parse(&def, cli->er, &err) == ES_OK)
        es_er_format(&def, &er);
    es_err_clear(&err);
    es_results_setting(res, "er", es_cell_str(er.data ? er.data : cli->er));
    es_buf_free(&er);
    es_results_setting(res, "unit", es_cell_str(units->unit_post ? "post" : "account"));
    if (units->post_level && !units->unit_post)
        es_results_setting(res, "account_er", es_cell_str(cli->account_er));
    es_results_setting(res, "bands", es_cell_str(bands->label));
    es_cli_provenance(cli, res, bands);
    if (units->post_level && units->unit_post && strcmp(cli->unit, "post") != 0)
        es_results_warn(res, "post-level file without an account column: each post is its own unit");
    if (units->excl_missing_counts)
        es_results_warn(res, "%zu rows left out: a count or denominator is missing", units->excl_missing_counts);
    if (units->excl_zero_den)
        es_results_warn(res, "%zu rows left out: zero denominator", units->excl_zero_den);
    if (units->excl_above_max)
        es_results_warn(res, "%zu rows left out: engagement rate above --max-er %g (suspicious)",
                        units->excl_above_max, cli->max_er);
    if (units->n_below_bands && bands->n > 0) {
        char lo[32];
        es_bands_range(bands, 0, lo, sizeof lo);
        es_results_warn(res, "%zu %s below the first band edge (%s): reported as band 'below'",
                        units->n_below_bands, units->unit_post ? "posts" : "accounts", lo);
    }
    return res;
}

void es_cli_boot_opts(const es_cli *cli, es_boot_opts *bo)
{
    es_boot_opts_default(bo);
    bo->B = (size_t)cli->boot;
    bo->seed = cli->seed;
    bo->threads = (unsigned)cli->threads;
    bo->conf = cli->conf;
}
