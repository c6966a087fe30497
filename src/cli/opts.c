/* opts.c — the one option engine of the program: the shared option table, the parser
 * (one getopt_long over the shared groups a command accepts plus its own table) and the
 * help generated from the same rows. */
#include "cli.h"

#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* ------------------------------------------------------------ converters */

static int es_check_map(const char *arg, void *base)
{
    es_cli *cli = base;
    const char *eq = strchr(arg, '=');
    if (eq == NULL || eq == arg || eq[1] == '\0')
        return -1;
    char role[32];
    size_t n = (size_t)(eq - arg);
    if (n >= sizeof role)
        n = sizeof role - 1;
    memcpy(role, arg, n);
    role[n] = '\0';
    es_role r = es_role_from_name(role);
    if (r == ES_ROLE_NONE)
        return es_cli_usage_error("--map '%s': unknown role '%s' (roles: followers, likes, comments, shares, saves, "
                                  "views, impressions, niche, platform, account, post, date, sponsored, er)",
                                  arg, role);
    cli->load.map[r] = eq + 1;
    return 0;
}

static int es_check_where(const char *arg, void *base)
{
    es_cli *cli = base;
    es_where *w = realloc(cli->where, (cli->n_where + 1) * sizeof *w);
    if (w == NULL) {
        es_cli_error("out of memory");
        return 1;
    }
    cli->where = w;
    es_err err = {0};
    if (es_where_parse(&w[cli->n_where], arg, &err) != ES_OK) {
        int rc = es_cli_usage_error("%s", err.msg ? err.msg : "invalid --where");
        es_err_clear(&err);
        return rc;
    }
    cli->n_where++;
    return 0;
}

static int es_check_delimiter(const char *arg, void *base)
{
    es_cli *cli = base;
    if (strcmp(arg, "tab") == 0 || strcmp(arg, "\\t") == 0)
        cli->load.delimiter = '\t';
    else if (strlen(arg) == 1 && arg[0] != '"' && arg[0] != '\n')
        cli->load.delimiter = arg[0];
    else
        return -1;
    return 0;
}

static int es_check_decimal(const char *arg, void *base)
{
    if (strcmp(arg, ".") != 0 && strcmp(arg, ",") != 0)
        return -1;
    ((es_cli *)base)->load.decimal = arg[0];
    return 0;
}

static int es_check_format(const char *arg, void *base)
{
    int f = es_format_from_name(arg);
    if (f < 0)
        return -1;
    ((es_cli *)base)->render.format = (es_format)f;
    return 0;
}

static int es_check_noheader(const char *arg, void *base)
{
    ((es_cli *)base)->load.no_header = 1;
    return 0;
}

static const char *const es_level_choices[] = {"post", "account", "bands", "auto", NULL};
static const char *const es_unit_names[] = {"account", "post", NULL};
static const char *const es_account_er_names[] = {"mean", "median", "ratio", NULL};

#define ES_CLI_AT(field) offsetof(es_cli, field)

/* The shared options, in the order of engagestat --help. */
static const es_optdef es_shared_opts[] = {
    {.name = "map", .short_name = 'm', .kind = ES_ARG_STR, .group = ES_SH_LOAD, .check = es_check_map,
     .expect = "ROLE=COLUMN", .metavar = "ROLE=COLUMN",
     .help = "use COLUMN for ROLE (followers, likes, comments, shares,\nsaves, views, impressions, niche, platform, "
             "account,\npost, date, sponsored)"},
    {.name = "where", .short_name = 'w', .kind = ES_ARG_STR, .group = ES_SH_LOAD, .check = es_check_where,
     .metavar = "EXPR",
     .help = "keep rows where EXPR holds: COLUMN OP VALUE, OP one of\n= != < <= > >= ~= !~=; VALUE a number, a date (for date\n"
             "columns), 'quoted text', a column (likes>comments), or\nwith = != ~= !~= a list: niche=(fashion, 'food, drink')\n"
             "(any item; != none); text matches exactly, case\nincluded, except by ~= and !~=, which ignore ASCII case;\n"
             "a missing cell is kept only by !=; repeatable, all must hold"},
    {.name = "dedupe", .kind = ES_ARG_STR, .group = ES_SH_LOAD, .offset = ES_CLI_AT(load.dedupe),
     .metavar = "COLUMN", .help = "keep the first row for each value of COLUMN"},
    {.name = "delimiter", .short_name = 'd', .kind = ES_ARG_STR, .group = ES_SH_LOAD, .check = es_check_delimiter,
     .expect = "one character or 'tab'", .metavar = "CHAR",
     .help = "field separator (',', ';', 'tab'); default: detected"},
    {.name = "decimal", .kind = ES_ARG_STR, .group = ES_SH_LOAD, .check = es_check_decimal,
     .expect = "'.' or ','", .metavar = "CHAR",
     .help = "decimal mark of numbers, '.' or ','; default ',' for\n';'-separated files (as R's read.csv2), else '.'"},
    {.name = "no-header", .kind = ES_ARG_FLAG, .group = ES_SH_LOAD, .check = es_check_noheader,
     .help = "the first line is data; columns are V1, V2, ..."},
    {.name = "max-row-mb", .kind = ES_ARG_LONG, .group = ES_SH_LOAD, .offset = ES_CLI_AT(load.max_row_mb), .lo = 1,
     .hi = 1e6, .metavar = "N",
     .help = "a row (line or quoted field) longer than N MiB stops the\nload with FILE:LINE, in bounded memory", .deflt = "64"},
    {.name = "max-columns", .kind = ES_ARG_LONG, .group = ES_SH_LOAD, .offset = ES_CLI_AT(load.max_columns),
     .lo = 1, .hi = 1e8, .metavar = "N",
     .help = "a header (or first row) of more than N fields stops the\nload, naming the count", .deflt = "100000"},
    {.name = "max-memory-mb", .kind = ES_ARG_LONG, .group = ES_SH_LOAD, .offset = ES_CLI_AT(load.max_memory_mb),
     .lo = 1, .hi = 1e8, .metavar = "N",
     .help = "the loaded table, with 64 bytes a row for what a command\nbuilds from it, may take N MiB (default: half the physical\nmemory, at least 1024); past it the load stops with\nFILE:LINE, in bounded memory"},
    {.name = "level", .kind = ES_ARG_ENUM, .group = ES_SH_LOAD, .offset = ES_CLI_AT(load.level),
     .choices = es_level_choices, .lookup = es_level_from_name, .metavar = "LEVEL",
     .help = "what a row is: post, account (averages or totals per\naccount), bands (a band summary: quantiles of ER per\n"
             "follower band) or auto (detected, as inspect\nstates); account on post data takes each row as an\n"
             "account, post takes rows as posts of their account",
     .deflt = "auto"},
    {.name = "er", .kind = ES_ARG_STR, .group = ES_SH_ER, .offset = ES_CLI_AT(er), .metavar = "EXPR",
     .help = "engagement rate: + - * / ( ) and numbers over roles and\nnumeric columns, e.g. likes+comments/followers (default;\nNAME+NAME/NAME means (NAME+NAME)/NAME), views/followers,\n(likes+comments+shares)/views; er: a precomputed rate column"},
    {.name = "unit", .kind = ES_ARG_ENUM, .group = ES_SH_ER, .offset = ES_CLI_AT(unit), .choices = es_unit_names,
     .metavar = "UNIT", .help = "account (default) or post"},
    {.name = "account-er", .kind = ES_ARG_ENUM, .group = ES_SH_ER, .offset = ES_CLI_AT(account_er),
     .choices = es_account_er_names, .metavar = "HOW",
     .help = "per-account rate from posts: median (default), mean,\nratio (sum of interactions / sum of denominators)"},
    {.name = "max-er", .kind = ES_ARG_DOUBLE, .group = ES_SH_ER, .offset = ES_CLI_AT(max_er), .lo = 0,
     .hi = INFINITY, .metavar = "X",
     .help = "leave out rows with ER above X, counted by band; without\nit rates above 1 are kept and flagged", .deflt = "inf: none"},
    {.name = "bands", .kind = ES_ARG_STR, .group = ES_SH_BANDS, .offset = ES_CLI_AT(bands), .metavar = "PRESET",
     .help = "hypeauditor (default), later, markerly, seed, or edges\nsuch as 1000,10000,50000,500000,1000000"},
    {.name = "band-names", .kind = ES_ARG_LIST, .group = ES_SH_BANDS, .offset = ES_CLI_AT(band_names),
     .metavar = "LIST", .help = "names for custom edges, e.g. nano,micro,mid,macro,mega"},
    {.name = "band-column", .kind = ES_ARG_STR, .group = ES_SH_BANDS, .offset = ES_CLI_AT(band_column),
     .metavar = "COL",
     .help = "the bands are the values of column COL (a tier column):\nordered by the median followers of their rows; rows\n"
             "without a value are left out (no band); not with --bands"},
    {.name = "by", .kind = ES_ARG_LIST, .group = ES_SH_BY, .offset = ES_CLI_AT(by), .metavar = "GROUPS",
     .help = "niche, platform or niche,platform"},
    {.name = "ratio", .kind = ES_ARG_PAIR, .group = ES_SH_RATIO, .offset = ES_CLI_AT(ratio), .sep = '/',
     .expect = "BAND/BAND such as micro/mega", .metavar = "A/B",
     .help = "bands whose median ratio is reported", .deflt = "micro/mega"},
    {.name = "boot", .kind = ES_ARG_LONG, .group = ES_SH_RESAMPLE, .offset = ES_CLI_AT(boot), .lo = 0, .hi = 1e8,
     .metavar = "B", .help = "bootstrap replicates (0: no bootstrap\nintervals)", .deflt = "2000"},
    {.name = "conf", .kind = ES_ARG_DOUBLE, .group = ES_SH_CONF, .offset = ES_CLI_AT(conf), .lo = 0, .hi = 1,
     .metavar = "LEVEL", .help = "confidence level", .deflt = "0.95"},
    {.name = "min-n", .kind = ES_ARG_LONG, .group = ES_SH_CONF | ES_SH_MINN, .offset = ES_CLI_AT(min_n), .lo = 2, .hi = 1e9,
     .metavar = "N", .help = "groups with fewer units get no interval or test", .deflt = "10"},
    {.name = "seed", .kind = ES_ARG_LONG, .group = ES_SH_RESAMPLE | ES_SH_SIM, .offset = ES_CLI_AT(seed), .lo = 0,
     .hi = 4294967295.0, .metavar = "N", .help = "random seed", .deflt = "1"},
    {.name = "threads", .kind = ES_ARG_LONG, .group = ES_SH_RESAMPLE, .offset = ES_CLI_AT(threads), .lo = 0,
     .hi = 1024, .metavar = "N", .help = "worker threads (default and 0: all cores); results do\nnot depend on it"},
    {.name = "params", .kind = ES_ARG_STR, .group = ES_SH_SIM, .offset = ES_CLI_AT(params), .metavar = "FILE",
     .help = "parameter file (KEY = VALUE; docs/simulate-params.md);\ndefault: the built-in parameters.  With --calibrate,\nthe starting values for keys the data cannot inform"},
    {.name = "accounts", .kind = ES_ARG_LONG, .group = ES_SH_SIM, .offset = ES_CLI_AT(accounts), .lo = 1,
     .hi = 1e8, .metavar = "N", .help = "accounts to simulate (default: the 'accounts' key)"},
    {.name = "calibrate", .kind = ES_ARG_STR, .group = ES_SH_SIM, .offset = ES_CLI_AT(calibrate),
     .metavar = "DATA", .help = "estimate the parameters from DATA (accepts --map,\n--where, --dedupe, --delimiter, --no-header)"},
    {.name = "truth", .kind = ES_ARG_STR, .group = ES_SH_SIM, .offset = ES_CLI_AT(truth), .metavar = "FILE",
     .help = "where the truth goes (default: OUTPUT.truth when -o\nnames a regular file; none for standard output)"},
    {.name = "format", .short_name = 'f', .kind = ES_ARG_STR, .group = ES_SH_OUTPUT, .check = es_check_format,
     .expect = "text, csv, tsv, json, md or latex", .metavar = "FMT",
     .help = "text (default), csv, tsv, json, md, latex"},
    {.name = "digits", .kind = ES_ARG_LONG, .group = ES_SH_OUTPUT, .offset = ES_CLI_AT(digits), .lo = 1, .hi = 17,
     .metavar = "N", .help = "significant digits (default 15 for csv, tsv and json;\n4 for text, md and latex)"},
    {.name = "percent", .kind = ES_ARG_FLAG, .group = ES_SH_OUTPUT, .offset = ES_CLI_AT(render.percent), .value = 1,
     .help = "text, md, latex: engagement rates in percent with the same\ndecimals down each column (csv, tsv, json keep proportions)"},
    {.name = "table", .kind = ES_ARG_STR, .group = ES_SH_OUTPUT, .offset = ES_CLI_AT(render.table),
     .metavar = "NAME", .help = "the table printed by csv and tsv (default: the first)"},
    {.name = "output", .short_name = 'o', .kind = ES_ARG_STR, .group = ES_SH_OUTPUT, .offset = ES_CLI_AT(output),
     .metavar = "FILE", .help = "write to FILE (atomically) instead of standard output"},
    {0}};

static const struct {
    unsigned group;
    const char *title;
} es_group_titles[] = {
    {ES_SH_LOAD, "Loading options"}, {ES_SH_ER, "Engagement rate"}, {ES_SH_BANDS, "Follower bands"},
    {ES_SH_BY, "Groups"},            {ES_SH_RATIO, "Ratio of medians"}, {ES_SH_RESAMPLE, "Resampling"},
    {ES_SH_CONF, "Confidence"},      {ES_SH_MINN, "Minimum n"},     {ES_SH_SIM, "Simulation model"},
    {ES_SH_OUTPUT, "Output"},
};

/* ------------------------------------------------------------ parsing */

/* The one number parser of the command line: the whole of s, in range. */
static int es_opt_number(const char *s, es_argkind kind, double lo, double hi, void *dest)
{
    char *end;
    errno = 0;
    if (kind == ES_ARG_LONG) {
        long v = strtol(s, &end, 10);
        if (errno || end == s || *end != '\0' || v < lo || v > hi)
            return -1;
        *(long *)dest = v;
        return 0;
    }
    double v = strtod(s, &end);
    /* open intervals; an infinite upper end admits inf itself (--max-er inf: no limit) */
    if (errno || end == s || *end != '\0' || !(v > lo && (v < hi || (isinf(hi) && v == hi))))
        return -1;
    *(double *)dest = v;
    return 0;
}

/* "expected ..." for a value of d that cannot be read. */
static int es_opt_bad_value(const es_optdef *d, const char *arg)
{
    char buf[256];
    const char *exp = d->expect;
    if (exp == NULL && d->kind == ES_ARG_LONG) {
        snprintf(buf, sizeof buf, "a whole number from %.0f to %.0f", d->lo, d->hi);
        exp = buf;
    } else if (exp == NULL && d->kind == ES_ARG_DOUBLE) {
        if (isinf(d->hi))
            snprintf(buf, sizeof buf, "a positive number");
        else
            snprintf(buf, sizeof buf, "a number between %g and %g", d->lo, d->hi);
        exp = buf;
    } else if (exp == NULL && d->kind == ES_ARG_ENUM && d->choices) {
        size_t n = 0, k = 0;
        while (d->choices[n])
            n++;
        for (size_t i = 0; i < n && k < sizeof buf; i++)
            k += (size_t)snprintf(buf + k, sizeof buf - k, "%s%s", i == 0 ? "" : i + 1 == n ? " or " : ", ",
                                  d->choices[i]);
        exp = buf;
    }
    return es_cli_usage_error("--%s '%s': expected %s", d->name, arg, exp ? exp : "a valid value");
}

/* Store the value of d (arg NULL for a flag) into base. */
static int es_opt_store(const es_optdef *d, const char *arg, void *base)
{
    void *dest = (char *)base + d->offset;
    if (d->check != NULL) {
        int rc = d->check(arg, base);
        return rc < 0 ? es_opt_bad_value(d, arg) : rc;
    }
    switch (d->kind) {
    case ES_ARG_FLAG:
        *(int *)dest = d->value;
        return 0;
    case ES_ARG_STR:
    case ES_ARG_LIST:
        /* A file or folder named by nothing (-o "$UNSET") is a usage error, not
         * "No such file or directory" at the end of the work. */
        if (arg[0] == '\0' && d->metavar != NULL &&
            (strcmp(d->metavar, "FILE") == 0 || strcmp(d->metavar, "OUT") == 0 || strcmp(d->metavar, "DIR") == 0 ||
             strcmp(d->metavar, "DATA") == 0 || strcmp(d->metavar, "PATH") == 0))
            return es_cli_usage_error("--%s '': expected a %s name", d->name,
                                      strcmp(d->metavar, "DIR") == 0 ? "folder" : "file");
        *(const char **)dest = arg;
        return 0;
    case ES_ARG_LONG:
    case ES_ARG_DOUBLE:
        return es_opt_number(arg, d->kind, d->lo, d->hi, dest) == 0 ? 0 : es_opt_bad_value(d, arg);
    case ES_ARG_ENUM:
        if (d->lookup != NULL) {
            int v = d->lookup(arg);
            if (v < 0)
                return es_opt_bad_value(d, arg);
            *(int *)dest = v;
            return 0;
        }
        for (size_t i = 0; d->choices[i]; i++)
            if (strcmp(arg, d->choices[i]) == 0) {
                *(const char **)dest = arg;
                return 0;
            }
        return es_opt_bad_value(d, arg);
    case ES_ARG_PAIR: {
        es_pair *p = dest;
        const char *s = strchr(arg, d->sep);
        if (s == NULL || s == arg || s[1] == '\0' || (size_t)(s - arg) >= sizeof p->a || strlen(s + 1) >= sizeof p->b)
            return es_opt_bad_value(d, arg);
        memcpy(p->a, arg, (size_t)(s - arg));
        p->a[s - arg] = '\0';
        strcpy(p->b, s + 1);
        p->text = arg;
        return 0;
    }
    }
    return 0;
}

static size_t es_opt_count(const es_optdef *t)
{
    size_t n = 0;
    while (t && t[n].name)
        n++;
    return n;
}

static void es_cli_defaults(es_cli *cli)
{
    cli->render.format = ES_FMT_TEXT;
    cli->render.version = ES_VERSION_STRING;
    cli->er = "likes+comments/followers";
    cli->unit = "account";
    cli->account_er = "median";
    cli->max_er = INFINITY; /* off: rates above ES_ER_SUSPECT are flagged, not dropped */
    cli->bands = ES_BANDS_DEFAULT;
    cli->ratio = (es_pair){"micro", "mega", "micro/mega"};
    es_analysis_opts ao; /* the library's defaults are the command line's */
    es_analysis_opts_init(&ao);
    cli->boot = (long)ao.boot;
    cli->seed = (long)ao.seed;
    cli->conf = ao.conf;
    cli->min_n = (long)ao.min_n;
    es_load_opts_init(&cli->load);
    cli->load.progress = isatty(STDERR_FILENO);
    cli->load.progress_stream = stderr;
}

static int es_cli_parse_args(es_cli *cli, const es_command *cmd, int argc, char **argv, void *opts)
{
    cli->command = cmd->name;
    es_cli_defaults(cli);
    cli->shared = cmd->shared;
    cli->argc = argc; /* provenance: getopt reorders these words (options first), keeps them all */
    cli->argv = argv;
    /* The rows this command accepts: getopt's table and, by the same index, our row. */
    size_t n_sh = es_opt_count(es_shared_opts), n_own = es_opt_count(cmd->opts), n = 0;
    struct option lo[128];
    const es_optdef *row[128];
    char shorts[64] = ":hV";
    size_t ns = strlen(shorts), n_shared = 0;
    for (size_t i = 0; i < n_sh + n_own && n < 126; i++) {
        const es_optdef *d = i < n_sh ? &es_shared_opts[i] : &cmd->opts[i - n_sh];
        if (i < n_sh && (d->group & cmd->shared) == 0)
            continue;
        n_shared += i < n_sh;
        row[n] = d;
        lo[n] = (struct option){d->name, d->kind == ES_ARG_FLAG ? no_argument : required_argument, NULL, 256 + (int)n};
        if (d->short_name && ns + 3 < sizeof shorts) {
            shorts[ns++] = (char)d->short_name;
            if (d->kind != ES_ARG_FLAG)
                shorts[ns++] = ':';
            shorts[ns] = '\0';
        }
        n++;
    }
    lo[n++] = (struct option){"help", no_argument, NULL, 'h'};
    lo[n++] = (struct option){"version", no_argument, NULL, 'V'};
    lo[n] = (struct option){NULL, 0, NULL, 0};
    optind = 0; /* 0, not 1: glibc then forgets the previous scan (a cluster such as -hX it stopped
                 * in points into words that may be gone: tests/fuzz/regress/opts/) */
    opterr = 0;
    int c;
    while ((c = getopt_long(argc, argv, shorts, lo, NULL)) != -1) {
        if (c == '?') {
            const char *a = argv[optind - 1];
            if (optopt && optopt < 256)
                return es_cli_usage_error("%s: invalid option -- '%c'", cmd->name, optopt);
            /* A shared option of another group: say so rather than "unrecognized". */
            size_t len = strcspn(a + 2, "=");
            for (size_t i = 0; a[0] == '-' && a[1] == '-' && i < n_sh; i++)
                if (strlen(es_shared_opts[i].name) == len && strncmp(es_shared_opts[i].name, a + 2, len) == 0)
                    return es_cli_usage_error("%s: option '--%s' does not apply to this command", cmd->name,
                                              es_shared_opts[i].name);
            return es_cli_usage_error("%s: unrecognized option '%s'", cmd->name, a);
        }
        if (c == ':')
            return es_cli_usage_error("%s: option '%s' requires an argument", cmd->name, argv[optind - 1]);
        if (c == 'h') {
            es_cli_help(cmd, stdout);
            return fflush(stdout) == 0 && !ferror(stdout) ? -1 : 1;
        }
        if (c == 'V') {
            printf("engagestat %s\n", ES_VERSION_STRING);
            return -1;
        }
        size_t r = c >= 256 ? (size_t)(c - 256) : 0;
        while (c < 256 && r + 2 < n && row[r]->short_name != c)
            r++;
        if (r + 2 >= n)
            continue;
        const es_optdef *d = row[r];
        int rc = es_opt_store(d, optarg, r < n_shared ? (void *)cli : opts);
        if (rc != 0)
            return rc;
        if (!es_cli_given(cli, d->name) && cli->n_seen < (int)(sizeof cli->seen / sizeof *cli->seen))
            cli->seen[cli->n_seen++] = d->name;
    }
    if (cli->band_column != NULL && (es_cli_given(cli, "bands") || es_cli_given(cli, "band-names")))
        return es_cli_usage_error("%s: --band-column takes the bands from a column; it goes with neither --bands "
                                  "nor --band-names", cmd->name);
    cli->render.digits = (int)cli->digits;
    cli->load.where = cli->where;
    cli->load.n_where = cli->n_where;
    cli->args = argv + optind;
    cli->n_args = argc - optind;
    if (cmd->one_file && cli->n_args != 1)
        return es_cli_usage_error(cli->n_args == 0 ? "%s: missing FILE" : "%s: expected one FILE", cmd->name);
    return 0;
}

int es_cli_parse(es_cli *cli, const es_command *cmd, int argc, char **argv, void *opts)
{
    int rc = es_cli_parse_args(cli, cmd, argc, argv, opts);
    if (rc != 0)
        es_cli_free(cli);
    return rc;
}

int es_cli_given(const es_cli *cli, const char *name)
{
    for (int i = 0; i < cli->n_seen; i++)
        if (strcmp(cli->seen[i], name) == 0)
            return 1;
    return 0;
}

void es_cli_free(es_cli *cli)
{
    for (size_t i = 0; i < cli->n_where; i++)
        es_where_clear(&cli->where[i]);
    free(cli->where);
}

/* ------------------------------------------------------------ help */

/* Lines of text, each after indent spaces. */
static void es_help_lines(FILE *f, const char *text, int indent)
{
    while (*text) {
        size_t len = strcspn(text, "\n");
        fprintf(f, "%*s%.*s\n", indent, "", (int)len, text);
        text += len + (text[len] == '\n');
    }
}

/* One option: "  -m, --map ROLE=COLUMN  help" with the help in column 25. */
static void es_help_row(FILE *f, const es_optdef *d)
{
    char left[80];
    int k = snprintf(left, sizeof left, "  %c%c%s--%s%s%s", d->short_name ? '-' : ' ',
                     d->short_name ? d->short_name : ' ', d->short_name ? ", " : "  ", d->name,
                     d->metavar ? " " : "", d->metavar ? d->metavar : "");
    char help[512];
    snprintf(help, sizeof help, "%s%s%s%s", d->help ? d->help : "", d->deflt ? " (default " : "",
             d->deflt ? d->deflt : "", d->deflt ? ")" : "");
    size_t first = strcspn(help, "\n");
    if (k > 24)
        fprintf(f, "%s\n%*s%.*s\n", left, 25, "", (int)first, help);
    else
        fprintf(f, "%-24s %.*s\n", left, (int)first, help);
    if (help[first] == '\n')
        es_help_lines(f, help + first + 1, 25);
}

void es_cli_shared_help(unsigned groups, FILE *f)
{
    unsigned done = 0;
    for (size_t g = 0; g < sizeof es_group_titles / sizeof *es_group_titles; g++) {
        unsigned bit = es_group_titles[g].group;
        if ((groups & bit) == 0)
            continue;
        fprintf(f, "\n%s:\n", es_group_titles[g].title);
        for (const es_optdef *d = es_shared_opts; d->name; d++)
            if ((d->group & bit) && (d->group & groups & done) == 0)
                es_help_row(f, d);
        done |= bit;
    }
}

void es_cli_help(const es_command *cmd, FILE *f)
{
    fprintf(f, "Usage: engagestat %s\n", cmd->synopsis);
    fputs(cmd->prose, f);
    if (cmd->opts != NULL && cmd->opts[0].name != NULL) {
        fprintf(f, "\nOptions:\n");
        for (const es_optdef *d = cmd->opts; d->name; d++)
            es_help_row(f, d);
    }
    es_cli_shared_help(cmd->shared, f);
    fprintf(f, "  -h, --help             show this help\n");
    if (cmd->trailer != NULL) {
        fputc('\n', f);
        fputs(cmd->trailer, f);
    }
    fprintf(f, "\nExamples:\n");
    es_help_lines(f, cmd->examples, 2);
}

void es_cli_list_options(const es_command *cmd, FILE *f)
{
    for (const es_optdef *d = cmd->opts; d && d->name; d++)
        fprintf(f, "--%s\n", d->name);
    for (const es_optdef *d = es_shared_opts; d->name; d++)
        if (d->group & cmd->shared)
            fprintf(f, "--%s\n", d->name);
}

/* ------------------------------------------------------------ man page */

/* text as roff: '-' and '\\' escaped, a line that starts with '.' or '\'' protected. */
static void es_man_text(FILE *f, const char *text)
{
    for (const char *p = text; *p; p++) {
        if ((p == text || p[-1] == '\n') && (*p == '.' || *p == '\''))
            fputs("\\&", f);
        if (*p == '-' || *p == '\\')
            fputs(*p == '-' ? "\\-" : "\\e", f);
        else
            fputc(*p, f);
    }
}

void es_cli_man(const es_command *cmd, FILE *f)
{
    fputs(".SS \"", f);
    es_man_text(f, cmd->name);
    fputs("\"\n.B engagestat\n", f);
    es_man_text(f, cmd->synopsis);
    fputs("\n.PP\n", f);
    es_man_text(f, cmd->prose);
    for (const es_optdef *d = cmd->opts; d && d->name; d++) {
        fputs(".TP\n", f);
        if (d->short_name)
            fprintf(f, "\\fB\\-%c\\fR, ", d->short_name);
        fputs("\\fB\\-\\-", f);
        es_man_text(f, d->name);
        fputs("\\fR", f);
        if (d->metavar) {
            fputs(" \\fI", f);
            es_man_text(f, d->metavar);
            fputs("\\fR", f);
        }
        fputc('\n', f);
        es_man_text(f, d->help ? d->help : "");
        if (d->deflt) {
            fputs(" (default ", f);
            es_man_text(f, d->deflt);
            fputc(')', f);
        }
        fputc('\n', f);
    }
    fputs(".PP\nShared options (see the options above):", f);
    const char *sep = " ";
    for (size_t g = 0; g < sizeof es_group_titles / sizeof *es_group_titles; g++)
        if (cmd->shared & es_group_titles[g].group) {
            fprintf(f, "%s%s", sep, es_group_titles[g].title);
            sep = ", ";
        }
    fputs(".\n", f);
    if (cmd->trailer != NULL) {
        fputs(".PP\n", f);
        es_man_text(f, cmd->trailer);
    }
    fputs(".PP\nExamples:\n.nf\n", f);
    es_man_text(f, cmd->examples);
    fputs(".fi\n", f);
}
