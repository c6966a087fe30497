/* cmd_simulate.c — `engagestat simulate`: synthetic accounts and posts with known
 * truth, and `simulate --calibrate FILE`: the model's parameters estimated from data. */
#include "cli.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>

#include "engagestat/simulate.h"

const es_command es_simulate_cmd = {
    .name = "simulate",
    .synopsis = "simulate [--params FILE] [--accounts N] [--seed N] [-o FILE]\n"
                "  or:  engagestat simulate --calibrate DATA [--params BASE] [LOAD OPTION]... [-o FILE]",
    .prose = "Simulate accounts and posts from a model with known truth: followers from a\n"
             "lognormal body with a Pareto tail; account engagement rate = er_base x\n"
             "(followers / er_ref_followers)^beta x max(1, followers / beta_knot)^beta2 x niche\n"
             "effect x platform effect x a lognormal account effect (a log-log trend that may\n"
             "bend once; beta2 = 0 is one slope); likes and comments per post negative\n"
             "binomial around it; a\n"
             "sponsored flag.  The output is CSV (gzip when FILE ends in .gz) with columns\n"
             "account_id, platform, niche, followers, post_id, posted_at, likes, comments,\n"
             "sponsored.  The same parameters, --accounts and --seed give the same bytes.\n"
             "\n"
             "With --calibrate DATA, estimate the parameters from a post-level data file\n"
             "instead and write them as a parameter file (the loading options apply only\n"
             "then; --format, --table and --digits do not apply).  The knot is placed by\n"
             "profile least squares, the niche and platform effects by median regression,\n"
             "and er_base, beta and beta2 so that the simulated band medians of the observed\n"
             "account ER match the data's (docs/simulate-params.md).\n",
    .shared = ES_SH_SIM | ES_SH_LOAD | ES_SH_OUTPUT,
    .examples = "engagestat simulate --seed 7 --accounts 5000 -o sim.csv\n"
                "engagestat simulate --params datasets/kim2020-calibrated.params --seed 20200420 \\\n"
                "    --accounts 50000 -o sim.csv.gz\n"
                "engagestat simulate --calibrate posts.csv --where owner_matches_file=1 \\\n"
                "    --where is_duplicate_post=0 -o my.params\n",
};

typedef struct {
    FILE *f;
    gzFile gz;
} es_sim_out;

static int es_sim_sink(void *vctx, const char *text, size_t n)
{
    es_sim_out *o = vctx;
    if (n == 0)
        return 0;
    if (o->gz != NULL)
        return gzwrite(o->gz, text, (unsigned)n) == (int)n ? 0 : -1;
    return fwrite(text, 1, n, o->f) == n ? 0 : -1;
}

static int es_ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && strcmp(s + n - m, suffix) == 0;
}

/* Write a buffer to path atomically (temporary file in the same directory, rename). */
static int es_write_atomic(const char *path, const char *text, size_t n)
{
    es_err err = {0};
    if (es_outfile_save(path, text, n, &err) != ES_OK) {
        es_cli_error("%s", err.msg ? err.msg : es_strerror(err.code));
        es_err_clear(&err);
        return 1;
    }
    return 0;
}

static int es_write_stdout(const char *text, size_t n)
{
    if (fwrite(text, 1, n, stdout) != n || fflush(stdout) != 0) {
        es_cli_error("write error: %s", strerror(errno ? errno : EIO));
        return 1;
    }
    return 0;
}

static int es_simulate_calibrate(es_cli *cli, es_sim_params *p)
{
    es_table *t = NULL;
    es_load_report rep;
    int rc = es_cli_load(cli, cli->calibrate, &t, &rep);
    if (rc != 0) {
        es_load_report_free(&rep);
        return rc;
    }
    es_err err = {0};
    int st = es_sim_calibrate(p, t, &err);
    es_table_free(t);
    if (st != ES_OK) {
        es_cli_error("%s: %s", cli->calibrate, err.msg ? err.msg : es_strerror(st));
        es_err_clear(&err);
        es_load_report_free(&rep);
        return st == ES_EINVAL ? 2 : 1;
    }
    /* Provenance of the estimate, first among the notes. */
    es_buf head = {0};
    es_buf_printf(&head, "calibrated by engagestat %s from %s (sha256 %s), %zu rows kept of %zu\n",
                  ES_VERSION_STRING, cli->calibrate, rep.sha256, rep.rows_kept, rep.rows_read);
    if (p->notes.len)
        es_buf_append(&head, p->notes.data, p->notes.len);
    es_buf_free(&p->notes);
    p->notes = head;
    es_load_report_free(&rep);
    es_buf out = {0};
    if (es_sim_params_write(p, &out) != ES_OK) {
        es_cli_error("out of memory");
        es_buf_free(&out);
        return 1;
    }
    if (cli->output == NULL || strcmp(cli->output, "-") == 0)
        rc = es_write_stdout(out.data, out.len);
    else
        rc = es_write_atomic(cli->output, out.data, out.len);
    es_buf_free(&out);
    return rc;
}

static int es_simulate_data(es_cli *cli, es_sim_params *p)
{
    size_t n = (size_t)(cli->accounts > 0 ? cli->accounts : p->accounts);
    p->accounts = (long)n;
    es_err err = {0};
    if (es_sim_params_check(p, &err) != ES_OK) {
        es_cli_error("%s", err.msg);
        es_err_clear(&err);
        return 1;
    }
    size_t counts[ES_SIM_NBANDS];
    int to_stdout = cli->output == NULL || strcmp(cli->output, "-") == 0;
    es_sim_out o = {0};
    es_outfile out = {0};
    int rc = 0, st;
    if (to_stdout) {
        o.f = stdout;
    } else {
        if (es_outfile_open(cli->output, &out, &err) != ES_OK) {
            es_cli_error("%s", err.msg ? err.msg : es_strerror(err.code));
            es_err_clear(&err);
            return 1;
        }
        o.f = out.fp;
        if (!out.in_place && es_ends_with(cli->output, ".gz")) {
            /* gzdopen writes a header without a file name or time stamp, so the
             * compressed bytes depend on the data only.  It writes through its own
             * descriptor; out.fp stays empty and is closed by the commit. */
            int fd = dup(fileno(out.fp));
            o.gz = fd >= 0 ? gzdopen(fd, "wb9") : NULL;
            if (o.gz == NULL) {
                if (fd >= 0)
                    close(fd);
                es_outfile_abort(&out);
                es_cli_error("%s: cannot open for writing", cli->output);
                return 1;
            }
        }
    }
    int in_place = !to_stdout && out.in_place;
    st = es_sim_write_csv(p, n, cli->seed, es_sim_sink, &o, counts, &err);
    if (o.gz != NULL) {
        if (gzclose(o.gz) != Z_OK && st == ES_OK)
            st = es_err_set(&err, ES_EIO, "write error");
    } else if (fflush(o.f) != 0 && st == ES_OK) {
        st = es_err_set(&err, ES_EIO, "write error");
    }
    if (st != ES_OK) {
        if (!to_stdout)
            es_outfile_abort(&out);
        es_cli_error("%s: %s", to_stdout ? "standard output" : cli->output, err.msg ? err.msg : es_strerror(st));
        es_err_clear(&err);
        return 1;
    }
    if (!to_stdout && es_outfile_commit(&out, &err) != ES_OK) {
        es_cli_error("%s", err.msg ? err.msg : es_strerror(err.code));
        es_err_clear(&err);
        return 1;
    }
    /* The truth beside the data. */
    es_buf truth_path = {0};
    if (cli->truth != NULL)
        es_buf_puts(&truth_path, cli->truth);
    else if (!to_stdout && !in_place)
        es_buf_printf(&truth_path, "%s.truth", cli->output);
    if (truth_path.len) {
        es_buf truth = {0};
        st = es_sim_truth_write(p, n, cli->seed, counts, &truth, &err);
        if (st != ES_OK) {
            es_cli_error("%s", err.msg ? err.msg : es_strerror(st));
            es_err_clear(&err);
            rc = 1;
        } else if (strcmp(truth_path.data, "-") == 0) {
            rc = es_write_stdout(truth.data, truth.len);
        } else {
            rc = es_write_atomic(truth_path.data, truth.data, truth.len);
        }
        es_buf_free(&truth);
    }
    es_buf_free(&truth_path);
    return rc;
}

int es_cmd_simulate(int argc, char **argv)
{
    es_cli cli = {0};
    int rc = es_cli_parse(&cli, &es_simulate_cmd, argc, argv, NULL);
    if (rc != 0)
        return rc < 0 ? 0 : rc;
    if (cli.n_args != 0) {
        rc = es_cli_usage_error("simulate: unexpected argument '%s' (use --calibrate FILE to read data)",
                                cli.args[0]);
        es_cli_free(&cli);
        return rc;
    }
    if ((rc = es_cli_load_needs_calibrate(&cli)) != 0) {
        es_cli_free(&cli);
        return rc;
    }
    if (cli.render.format != ES_FMT_TEXT || cli.render.table != NULL || cli.render.digits != 0) {
        es_cli_free(&cli);
        return es_cli_usage_error("simulate: --format, --table and --digits do not apply (the output is CSV "
                                  "or a parameter file)");
    }
    if (cli.calibrate != NULL && (cli.truth != NULL || cli.accounts > 0)) {
        es_cli_free(&cli);
        return es_cli_usage_error("simulate: --truth and --accounts do not apply with --calibrate");
    }
    es_sim_params p;
    if (es_sim_params_init(&p) != ES_OK) {
        es_cli_error("out of memory");
        es_cli_free(&cli);
        return 1;
    }
    if (cli.params != NULL) {
        es_err err = {0};
        int st = es_sim_params_load(&p, cli.params, &err);
        if (st == ES_OK)
            st = es_sim_params_check(&p, &err);
        if (st != ES_OK) {
            es_cli_error("%s", err.msg ? err.msg : es_strerror(st));
            es_err_clear(&err);
            es_sim_params_free(&p);
            es_cli_free(&cli);
            return 1;
        }
        es_buf_reset(&p.notes);
    }
    rc = cli.calibrate != NULL ? es_simulate_calibrate(&cli, &p) : es_simulate_data(&cli, &p);
    es_sim_params_free(&p);
    es_cli_free(&cli);
    return rc;
}
