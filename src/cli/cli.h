/* cli.h — shared state of the command-line program (not installed).
 * Ownership: es_cli owns the parsed --where filters; es_cli_free releases them. */
#ifndef ES_CLI_H
#define ES_CLI_H

#include <stdio.h>

#include "engagestat/engagestat.h"

/* Option groups: a command accepts only the groups it lists. */
enum {
    ES_OPT_LOAD = 1 << 0,     /* --map --where --dedupe --delimiter --no-header */
    ES_OPT_OUTPUT = 1 << 1,   /* --format --digits --table -o */
    ES_OPT_ER = 1 << 2,       /* --er --unit --account-er --max-er */
    ES_OPT_BANDS = 1 << 3,    /* --bands --band-names */
    ES_OPT_BOOT = 1 << 4,     /* --boot --seed --threads --conf --by --ratio */
    ES_OPT_SIM = 1 << 5,      /* --params --accounts --calibrate --truth */
};

typedef struct es_cli {
    const char *command;
    es_load_opts load;
    es_where *where;
    size_t n_where;
    es_render_opts render;
    const char *output;     /* -o FILE; NULL = standard output */
    /* engagement and bands */
    const char *er;         /* "likes+comments/followers" */
    const char *unit;       /* account | post */
    const char *account_er; /* mean | median | ratio */
    double max_er;
    const char *bands;      /* preset name or edges */
    const char *band_names;
    /* resampling */
    const char *by;
    const char *ratio;      /* "micro/mega" */
    long boot;
    unsigned long seed;
    int threads;
    double conf;
    /* simulate */
    const char *params;
    long accounts;
    const char *calibrate;
    const char *truth;
    /* the command's words as given (argv[0] is the command name), for provenance */
    int argc;
    char **argv;
    /* positional arguments */
    char **args;
    int n_args;
} es_cli;

/* Parse argv for a command accepting the given option groups.  Returns 0, or 2 after
 * printing a usage error (one line plus "Try 'engagestat --help'"). */
int es_cli_parse(es_cli *cli, int argc, char **argv, unsigned groups, void (*help)(FILE *));
void es_cli_free(es_cli *cli);

/* Print "engagestat: MESSAGE" to stderr. */
void es_cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* A usage error: message, then "Try 'engagestat --help'"; returns 2. */
int es_cli_usage_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Load the file named by the single positional argument; prints the error and
 * returns 1 on failure, 2 on a usage error, 0 on success. */
int es_cli_load(es_cli *cli, const char *path, es_table **t, es_load_report *rep);

/* Render results to -o FILE (atomically: temporary file, then rename) or stdout.
 * Returns the exit status (0, or 1 after printing the error). */
int es_cli_emit(es_cli *cli, es_results *res);

/* The analysis frame every analysis command shares: parse --er, --bands and
 * --band-names, build the units (accounts or posts) from the table.  Prints the error
 * and returns 2 (usage) or 1 (data) on failure, 0 on success. */
int es_cli_units(es_cli *cli, const es_table *t, es_bands *bands, es_units *units);

/* A results tree with the input block, the settings (er, unit, account_er, bands,
 * max_er) and warnings for every row or unit left out; NULL on allocation failure. */
es_results *es_cli_results(es_cli *cli, const char *command, const es_load_report *rep,
                           const es_bands *bands, const es_units *units);

/* Bootstrap options from --boot, --seed, --threads and --conf. */
void es_cli_boot_opts(const es_cli *cli, es_boot_opts *bo);

/* Commands; each returns the exit status. */
int es_cmd_inspect(int argc, char **argv);
int es_cmd_bands(int argc, char **argv);
int es_cmd_describe(int argc, char **argv);
int es_cmd_simulate(int argc, char **argv);
int es_cmd_compare(int argc, char **argv);
int es_cmd_power(int argc, char **argv);
int es_cmd_regress(int argc, char **argv);
int es_cmd_fit(int argc, char **argv);
int es_cmd_plot(int argc, char **argv);

#endif
