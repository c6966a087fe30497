/* cmd_export.c — `engagestat export FILE -o OUT`: the loaded, typed, cleaned table as
 * CSV, TSV or JSON Lines (es_export_save), and with --rejects the rows left out. */
#include "cli.h"

#include <stddef.h>
#include <string.h>

typedef struct {
    const char *out, *to, *rejects;
} es_export_args;

static const char *const es_export_names[] = {"csv", "tsv", "jsonl", NULL};

static const es_optdef es_export_optdefs[] = {
    {.name = "output", .short_name = 'o', .kind = ES_ARG_STR, .offset = offsetof(es_export_args, out),
     .metavar = "OUT", .help = "the file to write (required; '-' = standard output);\n"
                               "written whole or not at all"},
    {.name = "to", .kind = ES_ARG_ENUM, .offset = offsetof(es_export_args, to), .choices = es_export_names,
     .metavar = "FORMAT", .help = "csv, tsv or jsonl (default: from OUT's name: .csv, .tsv,\n"
                                  ".jsonl or .ndjson, each optionally .gz)"},
    {.name = "rejects", .kind = ES_ARG_STR, .offset = offsetof(es_export_args, rejects), .metavar = "FILE",
     .help = "also write the rejected rows (line, column, reason, raw)\n"
             "to FILE, in the format its name says (CSV by default)"},
    {0}};

const es_command es_export_cmd = {
    .name = "export",
    .synopsis = "export [OPTION]... FILE -o OUT",
    .prose = "Write the table engagestat loads from FILE: every kept row (rejected rows and\n"
             "rows removed by --where or --dedupe left out), every column, in file order,\n"
             "the header the column names.  Numbers are written so that they read back\n"
             "exactly (the shortest of 15 to 17 significant digits; integers without a\n"
             "decimal point), the date column as ISO 8601 UTC, missing cells empty (CSV,\n"
             "TSV) or null (JSON Lines); CSV and TSV cells are quoted as RFC 4180 says,\n"
             "JSON strings escaped.  Loading the export gives the same analysis results.\n"
             "A file without engagement columns is exported as parsed, so export also\n"
             "cleans any delimited file.  --rejects FILE lists the rejected rows, as R's\n"
             "readr::problems() does: the line, the field, the reason and the row's text\n"
             "(its cells as read, re-quoted), the first 100000 of them.\n",
    .one_file = 1,
    .shared = ES_SH_LOAD,
    .opts = es_export_optdefs,
    .trailer = "The rejects file has the columns line, column, reason, raw; when more rows were\n"
               "rejected than it holds, a last row with an empty line says how many were left out.\n",
    .examples = "engagestat export posts.csv -o clean.csv --rejects problems.csv\n"
                "engagestat export posts.csv.gz --where owner_matches_file=1 -o posts.jsonl.gz\n",
};

typedef struct {
    const es_load_report *rep;
    char line[32], column[32], more[96];
} es_rejects_ctx;

static int es_rejects_next(void *ctx, size_t i, const char **cells)
{
    es_rejects_ctx *c = ctx;
    const es_load_report *rep = c->rep;
    if (i < rep->n_rejected) {
        const es_rejected_row *r = &rep->rejected[i];
        snprintf(c->line, sizeof c->line, "%zu", r->line);
        snprintf(c->column, sizeof c->column, "%zu", r->column);
        cells[0] = c->line;
        cells[1] = c->column;
        cells[2] = r->reason;
        cells[3] = r->raw;
        return 1;
    }
    if (i == rep->n_rejected && rep->rows_rejected > rep->n_rejected) {
        snprintf(c->more, sizeof c->more, "%zu more rejected rows counted but not listed",
                 rep->rows_rejected - rep->n_rejected);
        cells[0] = cells[1] = cells[3] = NULL;
        cells[2] = c->more;
        return 1;
    }
    return 0;
}

static int es_write_rejects(const char *path, const es_load_report *rep, es_err *err)
{
    static const char *const names[] = {"line", "column", "reason", "raw"};
    es_export_format fmt = ES_EXPORT_CSV;
    int gzip;
    if (es_export_format_from_path(path, &fmt, &gzip) != ES_OK)
        fmt = ES_EXPORT_CSV;
    es_rejects_ctx ctx = {.rep = rep};
    return es_export_strings(path, fmt, names, 4, es_rejects_next, &ctx, err);
}

int es_cmd_export(int argc, char **argv)
{
    es_cli cli = {0};
    es_export_args a = {0};
    int rc = es_cli_parse(&cli, &es_export_cmd, argc, argv, &a);
    if (rc != 0)
        return rc < 0 ? 0 : rc;
    es_export_format fmt = ES_EXPORT_CSV;
    int gzip = 0;
    if (a.out == NULL) {
        es_cli_free(&cli);
        return es_cli_usage_error("export: missing -o OUT");
    }
    if (a.to != NULL)
        fmt = strcmp(a.to, "tsv") == 0 ? ES_EXPORT_TSV : strcmp(a.to, "jsonl") == 0 ? ES_EXPORT_JSONL : ES_EXPORT_CSV;
    else if (es_export_format_from_path(a.out, &fmt, &gzip) != ES_OK && strcmp(a.out, "-") != 0) {
        es_cli_free(&cli);
        return es_cli_usage_error("export: cannot tell the format from '%s' (.csv, .tsv, .jsonl, .ndjson, "
                                  "optionally .gz): give --to", a.out);
    }
    if (a.rejects != NULL)
        cli.load.keep_rejects = ES_KEEP_REJECTS_MAX;
    es_table *t = NULL;
    es_load_report rep;
    rc = es_cli_load(&cli, cli.args[0], &t, &rep);
    es_err err = {0};
    if (rc == 0 && a.rejects != NULL && (rc = es_write_rejects(a.rejects, &rep, &err)) != ES_OK)
        rc = es_cli_run_error(&cli, rc, &err);
    if (rc == 0 && (rc = es_export_save(t, a.out, fmt, &err)) != ES_OK)
        rc = es_cli_run_error(&cli, rc, &err);
    es_table_free(t);
    es_load_report_free(&rep);
    es_cli_free(&cli);
    return rc;
}
