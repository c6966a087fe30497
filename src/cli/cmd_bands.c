/* cmd_bands.c — `engagestat bands`: the follower-band presets (or a custom scheme). */
#include "cli.h"

#include <string.h>

const es_command es_bands_cmd = {
    .name = "bands",
    .synopsis = "bands [--bands PRESET|EDGES [--band-names LIST]] [OPTION]...",
    .prose = "List the follower-band presets (or show one scheme).  Bands are half-open\n"
             "intervals [lower, upper); accounts below the first edge are reported apart.\n",
    .shared = ES_SH_BANDS | ES_SH_OUTPUT,
    .examples = "engagestat bands\n"
                "engagestat bands --bands 5000,50000,1000000 --band-names micro,mid,mega\n",
};

static int es_bands_rows(es_rtable *tb, const es_bands *b)
{
    for (size_t i = 0; i < b->n; i++) {
        char range[64];
        es_bands_range(b, i, range, sizeof range);
        es_row row = es_rtable_append(tb);
        es_row_str(&row, "preset", b->label);
        es_row_str(&row, "band", b->names[i]);
        es_row_num(&row, "lower", b->edges[i]);
        if (i + 1 < b->n)
            es_row_num(&row, "upper", b->edges[i + 1]);
        es_row_str(&row, "range", range);
    }
    return es_results_status(tb->owner, NULL);
}

int es_cmd_bands(int argc, char **argv)
{
    es_cli cli = {0};
    int rc = es_cli_parse(&cli, &es_bands_cmd, argc, argv, NULL);
    if (rc != 0)
        return rc < 0 ? 0 : rc;
    if (cli.n_args != 0) {
        es_cli_free(&cli);
        return es_cli_usage_error("bands: unexpected argument '%s'", cli.args[0]);
    }
    if (cli.band_column != NULL) {
        es_cli_free(&cli);
        return es_cli_usage_error("bands: --band-column takes the bands from a data file's column; use it with "
                                  "describe, compare, fit, regress or plot");
    }
    int explicit = es_cli_given(&cli, "bands") || es_cli_given(&cli, "band-names");
    es_results *res = es_results_alloc("bands");
    if (res == NULL) {
        es_cli_free(&cli);
        es_cli_error("out of memory");
        return 1;
    }
    static const char *const cols[] = {"preset", "band", "lower", "upper", "range"};
    es_rtable *tb;
    es_results_table(res, "bands", "Follower bands: [lower, upper)", 5, cols, &tb);
    es_err err = {0};
    for (size_t p = 0; es_band_presets[p] != NULL && rc == 0; p++) {
        es_bands b;
        const char *spec = explicit ? cli.bands : es_band_presets[p];
        if (es_bands_parse(&b, spec, explicit ? cli.band_names : NULL, &err) != ES_OK) {
            rc = es_cli_usage_error("%s", err.msg ? err.msg : "invalid --bands");
            break;
        }
        es_bands_rows(tb, &b);
        es_bands_free(&b);
        if (explicit)
            break;
    }
    es_err_clear(&err);
    if (rc == 0)
        rc = es_cli_emit(&cli, res);
    es_results_free(res);
    es_cli_free(&cli);
    return rc;
}
