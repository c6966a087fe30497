/* units.c — from a loaded table to the analysis units and the results header, the
 * same way for every analysis command. */
#include "cli.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

int es_cli_load_needs_calibrate(const es_cli *cli)
{
    int load_opts = cli->n_where > 0 || cli->load.dedupe != NULL || cli->load.delimiter != 0 || cli->load.no_header ||
                    cli->load.level != ES_LEVEL_AUTO;
    for (int r = 0; r < ES_ROLE_COUNT; r++)
        load_opts |= cli->load.map[r] != NULL;
    if (cli->calibrate == NULL && load_opts)
        return es_cli_usage_error("%s: --map, --where, --dedupe, --delimiter, --no-header and --level apply only with "
                                  "--calibrate", cli->command);
    return 0;
}

/* es_load_opts.sink of a streaming study: on the first call (the columns are known),
 * whether the units can be built from the rows as they pass, which needs every fact
 * about them to be known before the rest of the rows come: a post column (post-level
 * data, not detected from the rows) and no forced --level; a rate from count and
 * follower columns (not the er role, whose scale is the median of the whole column;
 * not a column without a role, which may turn to text); when none can, the rows stay
 * (ES_SINK_KEEP) and es_cli_study_units builds the units from the table, as without a
 * sink.  Then each run of rows goes into st->acc. */
static int es_cli_sink(void *ctx, es_table *t, es_err *err)
{
    es_cli_study *st = ctx;
    if (st->acc == NULL) {
        const es_er_def *d = &st->uo.er;
        int ok = t->role_col[ES_ROLE_POST] >= 0 && st->cli->load.level == ES_LEVEL_AUTO &&
                 (es_cli_given(st->cli, "er") || es_table_role(t, ES_ROLE_ER) == NULL);
        for (size_t k = 0; k < d->n_node && ok; k++) {
            es_role r = d->node[k].role;
            const es_column *c = d->node[k].op == ES_ER_NAME && r != ES_ROLE_NONE ? es_table_role(t, r) : NULL;
            ok = d->node[k].op != ES_ER_NAME || (r != ES_ROLE_ER && c != NULL && c->type == ES_COL_NUMERIC);
        }
        es_err e = {0};
        if (!ok || es_units_acc_begin(&st->acc, t, &st->uo, 0, &e) != ES_OK) {
            es_err_clear(&e);
            return ES_SINK_KEEP;
        }
    }
    return es_units_acc_rows(st->acc, t, 0, t->n_rows, err);
}

/* The definition and the bands from the options (from a --band-column: from the
 * table) into st; ES_OK, else the parser's code with err set and nothing kept. */
static int es_cli_units_opts(const es_cli *cli, es_cli_study *st, es_err *err)
{
    es_units_opts *uo = &st->uo;
    int rc = es_er_parse(&uo->er, cli->er, err);
    if (rc == ES_OK)
        rc = cli->band_column != NULL ? es_bands_from_column(&st->bands, st->table, cli->band_column, err)
                                      : es_bands_parse(&st->bands, cli->bands, cli->band_names, err);
    if (rc != ES_OK) {
        es_bands_free(&st->bands);
        memset(uo, 0, sizeof *uo);
        return rc;
    }
    uo->unit_post = strcmp(cli->unit, "post") == 0;
    uo->agg = strcmp(cli->account_er, "mean") == 0 ? ES_AGG_MEAN
              : strcmp(cli->account_er, "ratio") == 0 ? ES_AGG_RATIO : ES_AGG_MEDIAN;
    uo->max_er = cli->max_er;
    uo->bands = &st->bands;
    uo->sums = cli->unit_sums;
    st->opts_ready = 1;
    return ES_OK;
}

int es_cli_study_open(es_cli *cli, es_cli_study *st)
{
    memset(st, 0, sizeof *st);
    st->cli = cli;
    /* Streaming: the options that decide the units are read first (a usage error in
     * them is left to es_cli_study_units, after the load, as without streaming);
     * ES_STREAM=0 keeps every row, the reference the tests compare with. */
    const char *env = getenv("ES_STREAM");
    es_err err = {0};
    if (cli->stream && cli->load.dedupe == NULL && cli->band_column == NULL &&
        !(env != NULL && strcmp(env, "0") == 0) && es_cli_units_opts(cli, st, &err) == ES_OK) {
        cli->load.sink = es_cli_sink;
        cli->load.sink_ctx = st;
    }
    es_err_clear(&err);
    int rc = es_cli_load(cli, cli->args[0], &st->table, &st->rep);
    cli->load.sink = NULL;
    cli->load.sink_ctx = NULL;
    if (rc != 0) {
        es_cli_study_close(st);
        return rc;
    }
    return es_cli_study_units(cli, st);
}

int es_cli_study_units(es_cli *cli, es_cli_study *st)
{
    int rc;
    es_err err = {0};
    es_units_opts *uo = &st->uo;
    if (st->acc != NULL) {
        /* Streamed (es_units_acc_begin has checked the definition on these columns). */
        rc = es_units_acc_end(st->acc, &st->units, &err);
        st->acc = NULL;
        goto built;
    }
    if (!st->opts_ready && es_cli_units_opts(cli, st, &err) != ES_OK) {
        rc = es_cli_usage_error("%s", err.msg ? err.msg : "invalid option");
        es_err_clear(&err);
        es_cli_study_close(st);
        return rc;
    }
    if (cli->band_column != NULL && (cli->shared & ES_SH_RATIO) &&
        (es_bands_find(&st->bands, cli->ratio.a) < 0 || es_bands_find(&st->bands, cli->ratio.b) < 0)) {
        es_buf v = {0};
        es_bands_names_list(&st->bands, &v);
        rc = es_cli_usage_error("--ratio '%s'%s: band '%s' is not a value of --band-column '%s' (its values, in "
                                "band order: %s); choose two with --ratio A/B",
                                cli->ratio.text, es_cli_given(cli, "ratio") ? "" : " (the default)",
                                es_bands_find(&st->bands, cli->ratio.a) < 0 ? cli->ratio.a : cli->ratio.b,
                                st->bands.column, v.data ? v.data : "");
        es_buf_free(&v);
        es_cli_study_close(st);
        return rc;
    }
    if (!es_cli_given(cli, "er") && es_er_auto(st->table)) {
        es_er_parse(&uo->er, "er", &err);
        uo->er_auto = 1;
    }
    if (es_units_check(st->table, uo, &err) != ES_OK) {
        rc = es_cli_usage_error("%s", err.msg ? err.msg : "invalid option");
        es_err_clear(&err);
        es_cli_study_close(st);
        return rc;
    }
    rc = es_units_build(&st->units, st->table, uo, &err);
built:
    if (rc != ES_OK) {
        /* Nothing left to analyse: say what the loader left out too. */
        es_buf why = {0};
        if (rc == ES_EEMPTY && st->rep.rows_rejected > 0) {
            es_buf_printf(&why, "; the loader rejected %zu of %zu rows (", st->rep.rows_rejected, st->rep.rows_read);
            for (size_t i = 0; i < st->rep.n_rejects; i++)
                es_buf_printf(&why, "%s%s: %zu", i ? ", " : "", st->rep.rejects[i].reason, st->rep.rejects[i].count);
            es_buf_puts(&why, "; 'engagestat inspect' lists them)");
        }
        es_cli_error("%s: %s%s", cli->command, err.msg ? err.msg : es_strerror(rc), why.data ? why.data : "");
        es_buf_free(&why);
        es_err_clear(&err);
        es_cli_study_close(st);
        return 1;
    }
    st->s = (es_study){.rep = &st->rep, .units = &st->units, .uo = uo, .table = st->table};
    return 0;
}

void es_cli_study_close(es_cli_study *st)
{
    es_units_acc_free(st->acc);
    es_units_free(&st->units);
    es_bands_free(&st->bands);
    es_table_free(st->table);
    es_load_report_free(&st->rep);
    memset(st, 0, sizeof *st);
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
 * and duplicate rule (the definitions come from es_study_results). */
void es_cli_provenance(const es_cli *cli, es_results *res)
{
    es_buf b = {0};
    es_buf_puts(&b, "engagestat");
    for (int i = 0; i < cli->argc; i++) {
        es_buf_putc(&b, ' ');
        es_shell_word(&b, cli->argv[i]);
    }
    es_results_setting(res, "command_line", es_cell_str(b.data ? b.data : "engagestat"));
    es_buf_reset(&b);
    for (size_t i = 0; i < cli->n_where; i++)
        es_buf_printf(&b, "%s%s", i ? "; " : "", cli->where[i].expr);
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
    es_buf_free(&b);
}

es_results *es_cli_results(es_cli *cli, const es_cli_study *st)
{
    es_results *res = es_study_results(&st->s, cli->command);
    if (res != NULL)
        es_cli_provenance(cli, res);
    return res;
}

void es_cli_analysis_opts(const es_cli *cli, es_analysis_opts *o)
{
    es_analysis_opts_init(o);
    o->conf = cli->conf;
    o->boot = (size_t)cli->boot;
    o->seed = (uint64_t)cli->seed;
    o->threads = (unsigned)cli->threads;
    o->min_n = (size_t)cli->min_n;
}

int es_cli_run_error(const es_cli *cli, int rc, es_err *err)
{
    const char *msg = err->msg ? err->msg : es_strerror(rc);
    int status = rc == ES_EINVAL ? es_cli_usage_error("%s", msg) : (es_cli_error("%s: %s", cli->command, msg), 1);
    es_err_clear(err);
    return status;
}

/* SOURCE_DATE_EPOCH: -1 when unset; 2 after a usage error when malformed. */
int es_cli_source_date(long long *date)
{
    const char *s = getenv("SOURCE_DATE_EPOCH");
    *date = -1;
    if (s == NULL || *s == '\0')
        return 0;
    char *end;
    errno = 0;
    long long v = strtoll(s, &end, 10);
    if (errno != 0 || *end != '\0' || v < 0)
        return es_cli_usage_error("SOURCE_DATE_EPOCH '%s': expected Unix seconds (a whole number >= 0)", s);
    *date = v;
    return 0;
}
