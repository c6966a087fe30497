/* main.c — the engagestat program: dispatch, shared options, output. */
#include "cli.h"

#include <errno.h>
#include <gsl/gsl_errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/cleanup.h"
#include "core/progress.h"

static const char *const es_prog = "engagestat";

void es_cli_error(const char *fmt, ...)
{
    va_list ap;
    fprintf(stderr, "%s: ", es_prog);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
}

int es_cli_usage_error(const char *fmt, ...)
{
    va_list ap;
    fprintf(stderr, "%s: ", es_prog);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fprintf(stderr, "\nTry '%s --help' for more information.\n", es_prog);
    return 2;
}

static void es_help(FILE *f)
{
    fprintf(f,
"Usage: engagestat COMMAND [OPTION]... [FILE]\n"
"Statistics of social-media engagement by follower band: do micro-influencers get\n"
"more engagement than mega-influencers, by how much, and how sure are we?\n"
"\n"
"FILE is a CSV or TSV file of posts or accounts (gzip-compressed or not); '-'\n"
"reads standard input.\n"
"\n"
"Commands:\n"
"  inspect FILE     columns, roles, types, rows kept and rejected, follower range\n"
"  describe FILE    engagement rate by follower band, with confidence intervals\n"
"  compare FILE     tests and effect sizes between bands (default micro vs mega)\n"
"  regress FILE     engagement ~ followers (+ niche, platform), robust errors\n"
"  fit FILE         distribution fits of engagement and of follower counts\n"
"  plot FILE -o DIR publication figures (gnuplot)\n"
"  simulate         synthetic accounts and posts with known truth\n"
"  power            accounts per band needed to detect a given difference\n"
"  bands            list the follower-band presets\n"
"  export FILE      the loaded, cleaned table as CSV, TSV or JSON Lines\n"
"\n"
"Each command has options of its own (compare --groups, regress --covariates,\n"
"fit --column, plot --format png,pdf, ...): see engagestat COMMAND --help.\n"
"\n"
"Commands accept the options below that they use (engagestat COMMAND --help).\n");
    es_cli_shared_help(~0u, f);
    fprintf(f,
"  -h, --help             show this help (COMMAND --help: that command's help)\n"
"  -V, --version          show the version\n"
"\n"
"Exit status: 0 success, 1 data or input/output error (the message names the\n"
"file, line and column), 2 usage error.\n"
"\n"
"Examples:\n"
"  engagestat inspect datasets/engagestat-sim.csv.gz\n"
"  engagestat describe datasets/engagestat-sim.csv.gz --by niche\n"
"  engagestat describe posts.csv --where owner_matches_file=1 \\\n"
"      --where is_duplicate_post=0 --format json\n"
"  engagestat describe accounts.tsv --map followers=subs --bands later --format md\n"
"  engagestat compare datasets/engagestat-sim.csv.gz --by niche --format md\n"
"  engagestat regress datasets/engagestat-sim.csv.gz --covariates niche,platform\n"
"  engagestat fit datasets/engagestat-sim.csv.gz\n"
"  engagestat plot datasets/engagestat-sim.csv.gz -o figures --format png,pdf\n"
"  engagestat bands\n"
"  engagestat simulate --seed 7 --accounts 5000 -o sim.csv\n");
}

int es_cli_load(es_cli *cli, const char *path, es_table **t, es_load_report *rep)
{
    es_err err = {0};
    int rc = es_load_csv(path, &cli->load, t, rep, &err);
    if (rc != ES_OK) {
        es_cli_error("%s", err.msg ? err.msg : es_strerror(rc));
        es_err_clear(&err);
        es_load_report_free(rep); /* nothing of a failed load is kept */
        return rc == ES_EINVAL ? 2 : 1;
    }
    /* --level: refused when the data contradict it (a usage error); bands only where a
     * band summary is read as such (inspect, export). */
    es_level_info li;
    if ((*t)->level == ES_LEVEL_AUTO)
        return 0;
    rc = es_table_level(*t, &li, &err);
    if (rc == ES_OK && li.level == ES_LEVEL_BANDS && strcmp(cli->command, "inspect") != 0 &&
        strcmp(cli->command, "export") != 0)
        rc = es_level_refuse_bands(&li, &err);
    if (rc != ES_OK) {
        es_table_free(*t);
        *t = NULL;
        es_load_report_free(rep);
        return es_cli_run_error(cli, rc, &err);
    }
    return 0;
}

int es_cli_emit(es_cli *cli, es_results *res)
{
    /* A builder call failed (the first failure sticks): no partial report. */
    const char *status_msg;
    int status = es_results_status(res, &status_msg);
    if (status != ES_OK) {
        es_cli_error("%s: %s", cli->command, status_msg ? status_msg : es_strerror(status));
        return 1;
    }
    if (cli->render.table != NULL && es_results_find_table(res, cli->render.table) == NULL) {
        es_buf names = {0};
        for (size_t i = 0; i < res->n_tables; i++)
            es_buf_printf(&names, "%s%s", i ? ", " : "", res->tables[i]->name);
        int rc = es_cli_usage_error("--table '%s': no such table (tables: %s)", cli->render.table,
                                    names.data ? names.data : "none");
        es_buf_free(&names);
        return rc;
    }
    if ((cli->render.format == ES_FMT_CSV || cli->render.format == ES_FMT_TSV) && res->n_tables == 0) {
        es_cli_error("%s: no table to print as csv or tsv; use --format text or json", cli->command);
        return 1;
    }
    if (cli->output == NULL || strcmp(cli->output, "-") == 0) {
        if (es_results_render(res, &cli->render, stdout) != ES_OK) {
            es_cli_error("write error: %s", strerror(errno ? errno : EIO));
            return 1;
        }
        return 0;
    }
    /* Atomically, except for a device or a pipe (/dev/stdout, /dev/full, a FIFO). */
    es_outfile out;
    es_err err = {0};
    if (es_outfile_open(cli->output, &out, &err) != ES_OK) {
        es_cli_error("%s", err.msg ? err.msg : es_strerror(err.code));
        es_err_clear(&err);
        return 1;
    }
    if (es_results_render(res, &cli->render, out.fp) != ES_OK) {
        es_outfile_abort(&out);
        es_cli_error("%s: %s", cli->output, strerror(errno ? errno : EIO));
        return 1;
    }
    if (es_outfile_commit(&out, &err) != ES_OK) {
        es_cli_error("%s", err.msg ? err.msg : es_strerror(err.code));
        es_err_clear(&err);
        return 1;
    }
    return 0;
}

/* ------------------------------------------------------------------------ */

static const struct {
    const es_command *cmd;
    int (*run)(int argc, char **argv);
} es_commands[] = {
    {&es_inspect_cmd, es_cmd_inspect}, {&es_describe_cmd, es_cmd_describe}, {&es_compare_cmd, es_cmd_compare},
    {&es_regress_cmd, es_cmd_regress}, {&es_fit_cmd, es_cmd_fit},           {&es_plot_cmd, es_cmd_plot},
    {&es_simulate_cmd, es_cmd_simulate}, {&es_power_cmd, es_cmd_power},     {&es_bands_cmd, es_cmd_bands},
    {&es_export_cmd, es_cmd_export}, {&es_report_cmd, es_cmd_report},
    {&es_reproduce_cmd, es_cmd_reproduce},
};
#define ES_N_COMMANDS (sizeof es_commands / sizeof *es_commands)

int main(int argc, char **argv)
{
    gsl_set_error_handler_off();
    es_cleanup_on_signals();
    /* Progress of resampling loops longer than 2 s: a redrawn line on a terminal;
     * ES_PROGRESS=1 prints lines anywhere (for logs), =always for every loop however
     * short (tests), =0 never. */
    const char *pe = getenv("ES_PROGRESS");
    int tty = isatty(STDERR_FILENO), always = pe != NULL && strcmp(pe, "always") == 0;
    if (pe != NULL && !always && strcmp(pe, "1") != 0 && strcmp(pe, "0") != 0)
        es_cli_error("ES_PROGRESS=%s: expected 0, 1 or always (no progress is shown)", pe);
    if (pe == NULL ? tty : always || strcmp(pe, "1") == 0)
        es_progress_output(stderr, pe == NULL, always ? 0 : 2);
    /* ES_CSV_PARSER=libcsv: the loader hands every CSV line to libcsv (load.c reads
     * it; its fast path for plain lines is compared with libcsv by the tests). */
    const char *cp = getenv("ES_CSV_PARSER");
    if (cp != NULL && strcmp(cp, "libcsv") != 0)
        es_cli_error("ES_CSV_PARSER=%s: expected libcsv (plain lines take the fast path)", cp);
    if (argc < 2)
        return es_cli_usage_error("missing command");
    const char *cmd = argv[1];
    if (strcmp(cmd, "-h") == 0 || strcmp(cmd, "--help") == 0) {
        es_help(stdout);
        return fflush(stdout) == 0 && !ferror(stdout) ? 0 : 1;
    }
    /* Hidden, for the man page: every command's section as help2man --include input
     * (under [COMMANDS]), and every option name of every command (tests/man-check.sh). */
    if (strcmp(cmd, "--man-commands") == 0 || strcmp(cmd, "--list-options") == 0) {
        if (cmd[2] == 'm')
            printf("[COMMANDS]\n");
        for (size_t i = 0; i < ES_N_COMMANDS; i++)
            (cmd[2] == 'm' ? es_cli_man : es_cli_list_options)(es_commands[i].cmd, stdout);
        return fflush(stdout) == 0 && !ferror(stdout) ? 0 : 1;
    }
    if (strcmp(cmd, "-V") == 0 || strcmp(cmd, "--version") == 0) {
        printf("engagestat %s\n", ES_VERSION_STRING);
        return fflush(stdout) == 0 ? 0 : 1;
    }
    for (size_t i = 0; i < ES_N_COMMANDS; i++)
        if (strcmp(cmd, es_commands[i].cmd->name) == 0)
            return es_commands[i].run(argc - 1, argv + 1);
    if (cmd[0] == '-')
        return es_cli_usage_error("missing command before option '%s'", cmd);
    return es_cli_usage_error("unknown command '%s'", cmd);
}
