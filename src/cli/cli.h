/* cli.h — shared state of the command-line program (not installed).
 * Ownership: es_cli owns the parsed --where filters; es_cli_free releases them. */
#ifndef ES_CLI_H
#define ES_CLI_H

#include <stdio.h>

#include "engagestat/engagestat.h"

/* Shared option groups: a command accepts only the groups it lists (es_command.shared). */
enum {
    ES_SH_LOAD = 1 << 0,     /* --map --where --dedupe --delimiter --decimal --no-header --level */
    ES_SH_ER = 1 << 1,       /* --er --unit --account-er --max-er */
    ES_SH_BANDS = 1 << 2,    /* --bands --band-names --band-column */
    ES_SH_BY = 1 << 3,       /* --by */
    ES_SH_RATIO = 1 << 4,    /* --ratio */
    ES_SH_RESAMPLE = 1 << 5, /* --boot --seed --threads */
    ES_SH_CONF = 1 << 6,     /* --conf --min-n */
    ES_SH_MINN = 1 << 9,     /* --min-n alone (fit: no confidence level to set) */
    ES_SH_SIM = 1 << 7,      /* --params --accounts --calibrate --truth --seed */
    ES_SH_OUTPUT = 1 << 8,   /* --format --digits --table -o */
};

/* How an option's value is read.  FLAG stores .value (int); STR stores the argument
 * (const char *), after .check when set; LONG stores a long in [lo, hi]; DOUBLE a double
 * in the open interval (lo, hi); ENUM with .choices stores the argument (const char *)
 * when it is one of them, with .lookup the int it returns (-1: invalid); LIST is a
 * comma-separated STR; PAIR splits "A<sep>B" into an es_pair. */
typedef enum { ES_ARG_FLAG, ES_ARG_STR, ES_ARG_LONG, ES_ARG_DOUBLE, ES_ARG_ENUM, ES_ARG_LIST, ES_ARG_PAIR } es_argkind;

typedef struct es_pair {
    char a[64], b[64];
    const char *text; /* the argument as given */
} es_pair;

typedef struct es_optdef {
    const char *name;  /* long name without "--"; NULL ends a table */
    int short_name;    /* 0: none */
    es_argkind kind;
    size_t offset;     /* offsetof(es_cli or the command's options struct, field) */
    unsigned group;    /* shared options: the ES_SH_* groups it belongs to */
    double lo, hi;     /* LONG, DOUBLE: accepted range */
    int value;         /* FLAG: the value stored */
    const char *const *choices;        /* ENUM: NULL-terminated */
    int (*lookup)(const char *name);   /* ENUM: name -> int, -1 when invalid */
    int (*check)(const char *arg, void *base); /* STR, LIST: converts into base; 0, -1 invalid, or the
                                                * exit status after printing its own error */
    char sep;          /* PAIR: ',' or '/' */
    const char *expect;                /* usage error: "--NAME 'ARG': expected EXPECT" */
    const char *metavar, *help, *deflt; /* for --help and the man page; help may hold '\n' */
} es_optdef;

/* A command: its options as data, its help text around them. */
typedef struct es_command {
    const char *name;     /* "regress" */
    const char *synopsis; /* after "Usage: engagestat ", may hold more lines */
    const char *prose;    /* what it does, before the options */
    unsigned shared;      /* ES_SH_* groups it accepts */
    int one_file;         /* exactly one FILE argument ("COMMAND: missing FILE") */
    const es_optdef *opts; /* its own options, {0}-terminated; may be NULL */
    const char *trailer;  /* after the options (tables, notes); may be NULL */
    const char *examples; /* lines of examples, without indentation */
} es_command;

typedef struct es_cli {
    const char *command;
    es_load_opts load;
    es_where *where;
    size_t n_where;
    es_render_opts render;
    long digits;
    const char *output;     /* -o FILE; NULL = standard output */
    /* engagement and bands */
    const char *er;         /* "likes+comments/followers" */
    const char *unit;       /* account | post */
    const char *account_er; /* mean | median | ratio */
    double max_er;
    const char *bands;      /* preset name or edges */
    const char *band_names;
    const char *band_column; /* --band-column COL: the bands are that column's values */
    unsigned shared;         /* the running command's ES_SH_* groups */
    /* resampling */
    const char *by;
    es_pair ratio;          /* micro/mega */
    long boot;
    long seed;
    long threads;
    double conf;
    long min_n;
    /* simulate */
    const char *params;
    long accounts;
    const char *calibrate;
    const char *truth;
    /* the command's words as given (argv[0] is the command name), for provenance */
    int argc;
    char **argv;
    /* the options given on the command line (long names), once each */
    const char *seen[64];
    int n_seen;
    /* positional arguments */
    char **args;
    int n_args;
    /* set by the command before es_cli_study_open: it reads the units only, never the
     * table's rows, so they may be built as the rows stream past (es_load_opts.sink);
     * unit_sums: es_units_opts.sums */
    int stream;
    unsigned unit_sums;
} es_cli;

/* Parse argv for cmd: the shared groups it accepts and its own options (into opts, which
 * holds the command's defaults), with one getopt_long, and check cmd->one_file.  Returns
 * 0; -1 after printing the help (exit 0); 1 on a write or memory error; or 2 after
 * printing a usage error (one line plus "Try 'engagestat --help'").  On a nonzero return
 * cli is already freed.  cli->command is set to cmd->name. */
int es_cli_parse(es_cli *cli, const es_command *cmd, int argc, char **argv, void *opts);
/* Whether the option with this long name was given. */
int es_cli_given(const es_cli *cli, const char *name);
void es_cli_free(es_cli *cli);

/* The help of cmd, generated from its tables; with cmd NULL, the shared options of every
 * group under their titles (for engagestat --help). */
void es_cli_help(const es_command *cmd, FILE *f);
void es_cli_shared_help(unsigned groups, FILE *f);
/* Every option name of cmd and of the shared groups it accepts, one "--NAME" a line. */
void es_cli_list_options(const es_command *cmd, FILE *f);
/* The section of cmd in the man page, as roff for help2man's --include. */
void es_cli_man(const es_command *cmd, FILE *f);

/* Print "engagestat: MESSAGE" to stderr. */
void es_cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* A usage error: message, then "Try 'engagestat --help'"; returns 2. */
int es_cli_usage_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Load path; prints the error and returns 1 on failure, 2 on a usage error (rep is
 * then already freed), 0 on success. */
int es_cli_load(es_cli *cli, const char *path, es_table **t, es_load_report *rep);

/* Render results to -o FILE (atomically: temporary file, then rename) or stdout.
 * Returns the exit status (0, or 1 after printing the error). */
int es_cli_emit(es_cli *cli, es_results *res);

/* One load, ready for the analyses: the table, its report, the bands and the units
 * (built from --er, --unit, --account-er, --max-er, --bands, --band-names), and the
 * library's view of them (s). */
typedef struct es_cli_study {
    es_table *table;
    es_load_report rep;
    es_bands bands;
    es_units units;
    es_units_opts uo;
    es_study s;
    es_units_acc *acc;  /* the units being built while the file loads (streaming) */
    es_cli *cli;
    int opts_ready;     /* uo and bands are set */
} es_cli_study;

/* Load cli->args[0] and build the units.  Prints the error and returns 2 (usage) or
 * 1 (data) on failure, with st already closed; 0 on success. */
int es_cli_study_open(es_cli *cli, es_cli_study *st);
/* The second half of es_cli_study_open, after es_cli_load into st->table and st->rep. */
int es_cli_study_units(es_cli *cli, es_cli_study *st);
void es_cli_study_close(es_cli_study *st);

/* simulate and power read data only with --calibrate: 2 after a usage error when a
 * loading option is given without it, else 0. */
int es_cli_load_needs_calibrate(const es_cli *cli);

/* The provenance only the command line knows: command_line (shell words), where (each
 * --where as given), map, dedupe. */
void es_cli_provenance(const es_cli *cli, es_results *res);

/* es_study_results for cli->command plus the provenance only the command line knows
 * (command_line, where, map, dedupe).  NULL on allocation failure. */
es_results *es_cli_results(es_cli *cli, const es_cli_study *st);

/* The shared analysis options from --conf, --boot, --seed, --threads, --min-n. */
void es_cli_analysis_opts(const es_cli *cli, es_analysis_opts *o);

/* The exit status for an analysis's error rc: prints err (then clears it); 2 for
 * ES_EINVAL (an option that does not fit the data), else 1. */
int es_cli_run_error(const es_cli *cli, int rc, es_err *err);

/* --by niche|platform|niche,platform as two flags; 0, or 2 after a usage error. */
int es_cli_by(const char *by, int *niche, int *platform);

/* The gnuplot templates: $ENGAGESTAT_SCRIPTS, then scripts/ beside the build directory
 * of this executable, then the installed share/engagestat/scripts, then ./scripts. */
const char *es_cli_find_scripts(char *buf, size_t size);
/* The directory of this executable (/proc/self/exe) into buf: 1, or 0 when unknown. */
int es_cli_exe_dir(char *buf, size_t size);

/* SOURCE_DATE_EPOCH into *date (Unix seconds): -1 when unset; returns 0, or 2 after a
 * usage error when it is not a whole number >= 0. */
int es_cli_source_date(long long *date);

/* Commands; each returns the exit status.  es_<name>_cmd: the command's table. */
extern const es_command es_inspect_cmd, es_describe_cmd, es_compare_cmd, es_regress_cmd, es_fit_cmd, es_plot_cmd,
    es_simulate_cmd, es_power_cmd, es_bands_cmd, es_export_cmd, es_report_cmd, es_reproduce_cmd;
int es_cmd_inspect(int argc, char **argv);
int es_cmd_bands(int argc, char **argv);
int es_cmd_describe(int argc, char **argv);
int es_cmd_simulate(int argc, char **argv);
int es_cmd_compare(int argc, char **argv);
int es_cmd_power(int argc, char **argv);
int es_cmd_regress(int argc, char **argv);
int es_cmd_fit(int argc, char **argv);
int es_cmd_plot(int argc, char **argv);
int es_cmd_export(int argc, char **argv);
int es_cmd_report(int argc, char **argv);
int es_cmd_reproduce(int argc, char **argv);

#endif
