/* main.c — the engagestat program: dispatch, shared options, output. */
#include "cli.h"

#include <errno.h>
#include <getopt.h>
#include <gsl/gsl_errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

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
"\n"
"Each command has options of its own (compare --groups, regress --covariates,\n"
"fit --column, plot --format png,pdf, ...): see engagestat COMMAND --help.\n"
"\n"
"Loading options:\n"
"  -m, --map ROLE=COLUMN  use COLUMN for ROLE (followers, likes, comments, shares,\n"
"                         saves, views, impressions, niche, platform, account,\n"
"                         post, date, sponsored)\n"
"  -w, --where EXPR       keep rows where EXPR holds (COLUMN OP VALUE, OP one of\n"
"                         = != < <= > >=); repeatable, all must hold\n"
"      --dedupe COLUMN    keep the first row for each value of COLUMN\n"
"  -d, --delimiter CHAR   field separator (',', ';', 'tab'); default: detected\n"
"      --decimal CHAR     decimal mark of numbers, '.' or ','; default ',' for\n"
"                         ';'-separated files (as R's read.csv2), else '.'\n"
"      --no-header        the first line is data; columns are V1, V2, ...\n"
"\n"
"Engagement and bands:\n"
"      --er NUM/DEN       engagement rate, e.g. likes+comments/followers (default),\n"
"                         likes+comments+shares/views\n"
"      --unit UNIT        account (default) or post\n"
"      --account-er HOW   per-account rate from posts: median (default), mean,\n"
"                         ratio (sum of interactions / sum of denominators)\n"
"      --max-er X         rates above X are flagged as suspicious (default 1)\n"
"      --bands PRESET     hypeauditor (default), later, markerly, seed, or edges\n"
"                         such as 1000,10000,50000,500000,1000000\n"
"      --band-names LIST  names for custom edges, e.g. nano,micro,mid,macro,mega\n"
"\n"
"Estimation:\n"
"      --by GROUPS        niche, platform or niche,platform\n"
"      --ratio A/B        bands whose median ratio is reported (default micro/mega)\n"
"      --boot B           bootstrap replicates (default 2000)\n"
"      --conf LEVEL       confidence level (default 0.95)\n"
"      --seed N           random seed (default 1)\n"
"      --threads N        worker threads (default: all cores); results do not\n"
"                         depend on it\n"
"\n"
"Output:\n"
"  -f, --format FMT       text (default), csv, tsv, json, md, latex\n"
"      --digits N         significant digits (default 15 for csv, tsv and json;\n"
"                         4 for text, md and latex)\n"
"      --table NAME       the table printed by csv and tsv (default: the first)\n"
"  -o, --output FILE      write to FILE (atomically) instead of standard output\n"
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

/* ------------------------------------------------------------------------ */

enum {
    OPT_DEDUPE = 256, OPT_NOHEADER, OPT_DIGITS, OPT_TABLE, OPT_ER, OPT_UNIT, OPT_ACCOUNT_ER,
    OPT_MAX_ER, OPT_BANDS, OPT_BAND_NAMES, OPT_BY, OPT_RATIO, OPT_BOOT, OPT_SEED, OPT_THREADS,
    OPT_CONF, OPT_PARAMS, OPT_ACCOUNTS, OPT_CALIBRATE, OPT_TRUTH, OPT_DECIMAL
};

static const struct option es_long_opts[] = {
    {"map", required_argument, NULL, 'm'},
    {"where", required_argument, NULL, 'w'},
    {"dedupe", required_argument, NULL, OPT_DEDUPE},
    {"delimiter", required_argument, NULL, 'd'},
    {"no-header", no_argument, NULL, OPT_NOHEADER},
    {"decimal", required_argument, NULL, OPT_DECIMAL},
    {"format", required_argument, NULL, 'f'},
    {"digits", required_argument, NULL, OPT_DIGITS},
    {"table", required_argument, NULL, OPT_TABLE},
    {"output", required_argument, NULL, 'o'},
    {"er", required_argument, NULL, OPT_ER},
    {"unit", required_argument, NULL, OPT_UNIT},
    {"account-er", required_argument, NULL, OPT_ACCOUNT_ER},
    {"max-er", required_argument, NULL, OPT_MAX_ER},
    {"bands", required_argument, NULL, OPT_BANDS},
    {"band-names", required_argument, NULL, OPT_BAND_NAMES},
    {"by", required_argument, NULL, OPT_BY},
    {"ratio", required_argument, NULL, OPT_RATIO},
    {"boot", required_argument, NULL, OPT_BOOT},
    {"seed", required_argument, NULL, OPT_SEED},
    {"threads", required_argument, NULL, OPT_THREADS},
    {"conf", required_argument, NULL, OPT_CONF},
    {"params", required_argument, NULL, OPT_PARAMS},
    {"accounts", required_argument, NULL, OPT_ACCOUNTS},
    {"calibrate", required_argument, NULL, OPT_CALIBRATE},
    {"truth", required_argument, NULL, OPT_TRUTH},
    {"help", no_argument, NULL, 'h'},
    {"version", no_argument, NULL, 'V'},
    {NULL, 0, NULL, 0},
};

static unsigned es_opt_group(int c)
{
    switch (c) {
    case 'm': case 'w': case OPT_DEDUPE: case 'd': case OPT_NOHEADER: case OPT_DECIMAL: return ES_OPT_LOAD;
    case 'f': case OPT_DIGITS: case OPT_TABLE: case 'o': return ES_OPT_OUTPUT;
    case OPT_ER: case OPT_UNIT: case OPT_ACCOUNT_ER: case OPT_MAX_ER: return ES_OPT_ER;
    case OPT_BANDS: case OPT_BAND_NAMES: return ES_OPT_BANDS;
    case OPT_BY: case OPT_RATIO: case OPT_BOOT: case OPT_THREADS: case OPT_CONF: return ES_OPT_BOOT;
    case OPT_SEED: return ES_OPT_BOOT | ES_OPT_SIM;
    case OPT_PARAMS: case OPT_ACCOUNTS: case OPT_CALIBRATE: case OPT_TRUTH: return ES_OPT_SIM;
    default: return 0;
    }
}

static const char *es_opt_name(int c)
{
    for (const struct option *o = es_long_opts; o->name; o++)
        if (o->val == c)
            return o->name;
    return "?";
}

static int es_parse_long(const char *s, long lo, long hi, long *out)
{
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (errno || end == s || *end != '\0' || v < lo || v > hi)
        return -1;
    *out = v;
    return 0;
}

static int es_parse_double(const char *s, double *out)
{
    char *end;
    errno = 0;
    double v = strtod(s, &end);
    if (errno || end == s || *end != '\0')
        return -1;
    *out = v;
    return 0;
}

int es_cli_parse(es_cli *cli, int argc, char **argv, unsigned groups, void (*help)(FILE *))
{
    cli->argc = argc;
    cli->argv = argv;
    cli->render.format = ES_FMT_TEXT;
    cli->render.version = ES_VERSION_STRING;
    cli->er = "likes+comments/followers";
    cli->unit = "account";
    cli->account_er = "median";
    cli->max_er = 1.0;
    cli->bands = ES_BANDS_DEFAULT;
    cli->ratio = "micro/mega";
    cli->boot = 2000;
    cli->seed = 1;
    cli->threads = 0;
    cli->conf = 0.95;
    es_load_opts_init(&cli->load);
    cli->load.progress = isatty(STDERR_FILENO);
    cli->load.progress_stream = stderr;
    optind = 1;
    opterr = 0;
    int c;
    long lv;
    while ((c = getopt_long(argc, argv, ":m:w:d:f:o:hV", es_long_opts, NULL)) != -1) {
        if (c == '?') {
            if (optopt)
                return es_cli_usage_error("%s: invalid option -- '%c'", cli->command, optopt);
            return es_cli_usage_error("%s: unrecognized option '%s'", cli->command, argv[optind - 1]);
        }
        if (c == ':')
            return es_cli_usage_error("%s: option '%s' requires an argument", cli->command, argv[optind - 1]);
        if (c == 'h') {
            help(stdout);
            return fflush(stdout) == 0 ? -1 : 1;
        }
        if (c == 'V') {
            printf("engagestat %s\n", ES_VERSION_STRING);
            return -1;
        }
        if ((es_opt_group(c) & groups) == 0)
            return es_cli_usage_error("%s: option '--%s' does not apply to this command", cli->command,
                                      es_opt_name(c));
        switch (c) {
        case 'm': {
            const char *eq = strchr(optarg, '=');
            if (eq == NULL || eq == optarg || eq[1] == '\0')
                return es_cli_usage_error("--map '%s': expected ROLE=COLUMN", optarg);
            char role[32];
            size_t n = (size_t)(eq - optarg);
            if (n >= sizeof role)
                n = sizeof role - 1;
            memcpy(role, optarg, n);
            role[n] = '\0';
            es_role r = es_role_from_name(role);
            if (r == ES_ROLE_NONE)
                return es_cli_usage_error("--map '%s': unknown role '%s' (roles: followers, likes, comments, "
                                          "shares, saves, views, impressions, niche, platform, account, post, "
                                          "date, sponsored)", optarg, role);
            cli->load.map[r] = eq + 1;
            break;
        }
        case 'w': {
            es_where *w = realloc(cli->where, (cli->n_where + 1) * sizeof *w);
            if (w == NULL) {
                es_cli_error("out of memory");
                return 1;
            }
            cli->where = w;
            es_err err = {0};
            if (es_where_parse(&w[cli->n_where], optarg, &err) != ES_OK) {
                int rc = es_cli_usage_error("%s", err.msg ? err.msg : "invalid --where");
                es_err_clear(&err);
                return rc;
            }
            cli->n_where++;
            break;
        }
        case OPT_DEDUPE: cli->load.dedupe = optarg; break;
        case 'd':
            if (strcmp(optarg, "tab") == 0 || strcmp(optarg, "\\t") == 0)
                cli->load.delimiter = '\t';
            else if (strlen(optarg) == 1 && optarg[0] != '"' && optarg[0] != '\n')
                cli->load.delimiter = optarg[0];
            else
                return es_cli_usage_error("--delimiter '%s': expected one character or 'tab'", optarg);
            break;
        case OPT_NOHEADER: cli->load.no_header = 1; break;
        case OPT_DECIMAL:
            if (strcmp(optarg, ".") != 0 && strcmp(optarg, ",") != 0)
                return es_cli_usage_error("--decimal '%s': expected '.' or ','", optarg);
            cli->load.decimal = optarg[0];
            break;
        case 'f': {
            int f = es_format_from_name(optarg);
            if (f < 0)
                return es_cli_usage_error("--format '%s': expected text, csv, tsv, json, md or latex", optarg);
            cli->render.format = (es_format)f;
            break;
        }
        case OPT_DIGITS:
            if (es_parse_long(optarg, 1, 17, &lv) != 0)
                return es_cli_usage_error("--digits '%s': expected a whole number from 1 to 17", optarg);
            cli->render.digits = (int)lv;
            break;
        case OPT_TABLE: cli->render.table = optarg; break;
        case 'o': cli->output = optarg; break;
        case OPT_ER: cli->er = optarg; break;
        case OPT_UNIT:
            if (strcmp(optarg, "account") != 0 && strcmp(optarg, "post") != 0)
                return es_cli_usage_error("--unit '%s': expected account or post", optarg);
            cli->unit = optarg;
            break;
        case OPT_ACCOUNT_ER:
            if (strcmp(optarg, "mean") != 0 && strcmp(optarg, "median") != 0 && strcmp(optarg, "ratio") != 0)
                return es_cli_usage_error("--account-er '%s': expected mean, median or ratio", optarg);
            cli->account_er = optarg;
            break;
        case OPT_MAX_ER:
            if (es_parse_double(optarg, &cli->max_er) != 0 || !(cli->max_er > 0))
                return es_cli_usage_error("--max-er '%s': expected a positive number", optarg);
            break;
        case OPT_BANDS: cli->bands = optarg; break;
        case OPT_BAND_NAMES: cli->band_names = optarg; break;
        case OPT_BY: cli->by = optarg; break;
        case OPT_RATIO: cli->ratio = optarg; break;
        case OPT_BOOT:
            if (es_parse_long(optarg, 0, 100000000, &cli->boot) != 0)
                return es_cli_usage_error("--boot '%s': expected a whole number from 0 to 100000000", optarg);
            break;
        case OPT_SEED:
            if (es_parse_long(optarg, 0, 4294967295L, &lv) != 0)
                return es_cli_usage_error("--seed '%s': expected a whole number from 0 to 4294967295", optarg);
            cli->seed = (unsigned long)lv;
            break;
        case OPT_THREADS:
            if (es_parse_long(optarg, 0, 1024, &lv) != 0)
                return es_cli_usage_error("--threads '%s': expected a whole number from 0 to 1024", optarg);
            cli->threads = (int)lv;
            break;
        case OPT_CONF:
            if (es_parse_double(optarg, &cli->conf) != 0 || !(cli->conf > 0 && cli->conf < 1))
                return es_cli_usage_error("--conf '%s': expected a number between 0 and 1", optarg);
            break;
        case OPT_PARAMS: cli->params = optarg; break;
        case OPT_ACCOUNTS:
            if (es_parse_long(optarg, 1, 100000000, &cli->accounts) != 0)
                return es_cli_usage_error("--accounts '%s': expected a whole number from 1 to 100000000", optarg);
            break;
        case OPT_CALIBRATE: cli->calibrate = optarg; break;
        case OPT_TRUTH: cli->truth = optarg; break;
        default: break;
        }
    }
    cli->load.where = cli->where;
    cli->load.n_where = cli->n_where;
    cli->args = argv + optind;
    cli->n_args = argc - optind;
    return 0;
}

void es_cli_free(es_cli *cli)
{
    for (size_t i = 0; i < cli->n_where; i++)
        es_where_clear(&cli->where[i]);
    free(cli->where);
}

int es_cli_load(es_cli *cli, const char *path, es_table **t, es_load_report *rep)
{
    es_err err = {0};
    int rc = es_load_csv(path, &cli->load, t, rep, &err);
    if (rc != ES_OK) {
        es_cli_error("%s", err.msg ? err.msg : es_strerror(rc));
        es_err_clear(&err);
        return rc == ES_EINVAL ? 2 : 1;
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

typedef struct {
    const char *name;
    int (*run)(int argc, char **argv);
} es_command;

static const es_command es_commands[] = {
    {"inspect", es_cmd_inspect},
    {"describe", es_cmd_describe},
    {"compare", es_cmd_compare},
    {"regress", es_cmd_regress},
    {"fit", es_cmd_fit},
    {"plot", es_cmd_plot},
    {"simulate", es_cmd_simulate},
    {"power", es_cmd_power},
    {"bands", es_cmd_bands},

};

int main(int argc, char **argv)
{
    gsl_set_error_handler_off();
    if (argc < 2)
        return es_cli_usage_error("missing command");
    const char *cmd = argv[1];
    if (strcmp(cmd, "-h") == 0 || strcmp(cmd, "--help") == 0) {
        es_help(stdout);
        return fflush(stdout) == 0 && !ferror(stdout) ? 0 : 1;
    }
    if (strcmp(cmd, "-V") == 0 || strcmp(cmd, "--version") == 0) {
        printf("engagestat %s\n", ES_VERSION_STRING);
        return fflush(stdout) == 0 ? 0 : 1;
    }
    for (size_t i = 0; i < sizeof es_commands / sizeof *es_commands; i++)
        if (strcmp(cmd, es_commands[i].name) == 0)
            return es_commands[i].run(argc - 1, argv + 1);
    if (cmd[0] == '-')
        return es_cli_usage_error("missing command before option '%s'", cmd);
    return es_cli_usage_error("unknown command '%s'", cmd);
}
