/* cmd_plot.c — `engagestat plot FILE -o DIR`: publication figures through gnuplot.
 * The plot-only options (--format png|svg|pdf|tex, --size, --font, --gnuplot, -o DIR)
 * are taken out of argv here; the rest goes to the shared parser. */
#include "cli.h"
#include "engagestat/plot.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static void es_plot_help(FILE *f)
{
    fprintf(f,
"Usage: engagestat plot [OPTION]... FILE -o DIR\n"
"Render the figures of a micro- versus mega-influencer study into DIR:\n"
"  fig1  engagement rate by band (box plots on a log axis, n and median CIs)\n"
"  fig2  engagement rate versus followers (log-log, binned medians, OLS line and CI)\n"
"  fig3  distribution of engagement rate per band, fitted lognormal and gamma\n"
"  fig4  niche x band heatmap of median engagement rate\n"
"  fig5  forest plot of the ratio of medians (--ratio, default micro/mega) per niche\n"
"  fig6  complementary CDF of follower counts with a power-law tail\n"
"  fig7  empirical CDF of engagement rate per band\n"
"Each figure is written as data files (figN*.tsv) and a script figN.gp that loads\n"
"the templates copied into DIR (theme.gp and one per figure); `gnuplot DIR/figN.gp`\n"
"re-renders it after hand edits.  gnuplot (5.4) is run as a program; when it is\n"
"missing the data and scripts are still written and the exit status is 1.\n"
"Everything gnuplot prints is shown as a warning (and kept in DIR/figN.log); a\n"
"failed layout (canvas too small, no room for tick labels or the key) exits 1.\n"
"Labels too long for --size are shortened to fit, with a note.\n"
"\n"
"Options:\n"
"  -o, --output DIR       directory for the figures (created if missing; required)\n"
"  -f, --format LIST      png, svg, pdf, tex (cairolatex), comma-separated (png)\n"
"      --size W,H         figure size, e.g. 12cm,8cm (default) or 4.5in,3in;\n"
"                         each side 5-100 cm\n"
"      --font NAME[,SIZE] font and size in points ('Liberation Sans,9')\n"
"      --gnuplot PATH     the gnuplot program (default: gnuplot on PATH)\n"
"  --ratio A/B, --boot N, --seed N, --conf LEVEL: the figure 5 ratio and its\n"
"  bootstrap CIs; --map, --where, --dedupe, --er, --unit, --account-er, --max-er,\n"
"  --bands, --band-names as for every analysis (see engagestat --help).\n"
"Templates are read from $ENGAGESTAT_SCRIPTS, else the scripts/ directory next to\n"
"the build, else the installed share/engagestat/scripts.\n"
"\n"
"Examples:\n"
"  engagestat plot datasets/engagestat-sim.csv.gz -o figures\n"
"  engagestat plot posts.csv --where owner_matches_file=1 \\\n"
"      --where is_duplicate_post=0 -o figs --format png,pdf --size 16cm,10cm\n");
}

/* Take the plot-only options out of argv (both "--opt VALUE" and "--opt=VALUE");
 * returns 0, or the exit status of a usage error. */
static int es_plot_take_opts(int *argc, char **argv, const char **out, const char **format, const char **size,
                             const char **font, const char **gnuplot)
{
    static const struct {
        const char *lng;
        char shrt;
    } opts[] = {{"output", 'o'}, {"format", 'f'}, {"size", 0}, {"font", 0}, {"gnuplot", 0}};
    const char **dst[] = {out, format, size, font, gnuplot};
    int w = 1;
    for (int i = 1; i < *argc; i++) {
        char *a = argv[i];
        if (strcmp(a, "--") == 0) {
            while (i < *argc)
                argv[w++] = argv[i++];
            break;
        }
        int hit = -1;
        const char *val = NULL;
        for (int k = 0; k < 5 && hit < 0; k++) {
            size_t n = strlen(opts[k].lng);
            if (a[0] == '-' && a[1] == '-' && strncmp(a + 2, opts[k].lng, n) == 0 &&
                (a[2 + n] == '\0' || a[2 + n] == '=')) {
                hit = k;
                val = a[2 + n] == '=' ? a + 3 + n : NULL;
            } else if (opts[k].shrt && a[0] == '-' && a[1] == opts[k].shrt) {
                hit = k;
                val = a[2] ? a + 2 : NULL;
            }
        }
        if (hit < 0) {
            argv[w++] = a;
            continue;
        }
        if (val == NULL) {
            if (i + 1 >= *argc)
                return es_cli_usage_error("plot: option '%s' requires an argument", a);
            val = argv[++i];
        }
        *dst[hit] = val;
    }
    argv[w] = NULL;
    *argc = w;
    return 0;
}

static int es_has_theme(const char *dir)
{
    char path[PATH_MAX];
    struct stat st;
    if (snprintf(path, sizeof path, "%s/theme.gp", dir) >= (int)sizeof path)
        return 0;
    return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/* The templates: $ENGAGESTAT_SCRIPTS, then scripts/ beside the build directory of
 * this executable, then the installed share/engagestat/scripts, then ./scripts. */
static const char *es_find_scripts(char *buf, size_t size)
{
    const char *env = getenv("ENGAGESTAT_SCRIPTS");
    if (env != NULL && *env)
        return env;
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n > 0) {
        exe[n] = '\0';
        char *slash = strrchr(exe, '/');
        if (slash != NULL) {
            *slash = '\0';
            static const char *const rel[] = {"/../scripts", "/../share/engagestat/scripts", "/../../scripts"};
            for (size_t i = 0; i < sizeof rel / sizeof *rel; i++)
                if (snprintf(buf, size, "%s%s", exe, rel[i]) < (int)size && es_has_theme(buf))
                    return buf;
        }
    }
    return "scripts";
}

int es_cmd_plot(int argc, char **argv)
{
    const char *out = NULL, *format = "png", *size = NULL, *font = NULL, *gnuplot = NULL;
    int rc = es_plot_take_opts(&argc, argv, &out, &format, &size, &font, &gnuplot);
    if (rc != 0)
        return rc;
    es_cli cli = {.command = "plot"};
    rc = es_cli_parse(&cli, argc, argv, ES_OPT_LOAD | ES_OPT_ER | ES_OPT_BANDS | ES_OPT_BOOT, es_plot_help);
    if (rc != 0) {
        es_cli_free(&cli);
        return rc < 0 ? 0 : rc;
    }
    es_plot_opts po;
    es_plot_opts_init(&po);
    es_err err = {0};
    char ra[64] = "", rb[64] = "";
    const char *slash = strchr(cli.ratio, '/');
    if (cli.n_args != 1)
        rc = es_cli_usage_error(cli.n_args == 0 ? "plot: missing FILE" : "plot: expected one FILE");
    else if (out == NULL)
        rc = es_cli_usage_error("plot: missing -o DIR (the directory for the figures)");
    else if (es_plot_parse_formats(format, &po.formats, &err) != ES_OK ||
             (size != NULL && es_plot_parse_size(size, &po.width_cm, &po.height_cm, &err) != ES_OK) ||
             (font != NULL && es_plot_check_font(font, &err) != ES_OK) ||
             (po.font = font, es_plot_check_canvas(&po, &err)) != ES_OK)
        rc = es_cli_usage_error("%s", err.msg ? err.msg : "invalid option");
    else if (slash == NULL || slash == cli.ratio || slash[1] == '\0' || (size_t)(slash - cli.ratio) >= sizeof ra ||
             strlen(slash + 1) >= sizeof rb)
        rc = es_cli_usage_error("--ratio '%s': expected BAND/BAND such as micro/mega", cli.ratio);
    es_err_clear(&err);
    if (rc != 0) {
        es_cli_free(&cli);
        return rc;
    }
    memcpy(ra, cli.ratio, (size_t)(slash - cli.ratio));
    strcpy(rb, slash + 1);
    po.font = font;
    po.gnuplot = gnuplot;
    po.conf = cli.conf;
    po.boot = cli.boot;
    po.seed = cli.seed;
    po.threads = (unsigned)cli.threads;
    po.ratio_a = ra;
    po.ratio_b = rb;
    char sbuf[PATH_MAX];
    po.script_dir = es_find_scripts(sbuf, sizeof sbuf);

    es_table *t = NULL;
    es_load_report rep;
    rc = es_cli_load(&cli, cli.args[0], &t, &rep);
    if (rc != 0) {
        es_load_report_free(&rep);
        es_cli_free(&cli);
        return rc;
    }
    es_bands bands = {0};
    es_units units = {0};
    rc = es_cli_units(&cli, t, &bands, &units);
    if (rc != 0) {
        es_table_free(t);
        es_load_report_free(&rep);
        es_cli_free(&cli);
        return rc;
    }
    if (es_bands_find(&bands, ra) < 0 || es_bands_find(&bands, rb) < 0) {
        rc = es_cli_usage_error("--ratio '%s': band '%s' is not in the band scheme '%s'", cli.ratio,
                                es_bands_find(&bands, ra) < 0 ? ra : rb, bands.label);
        goto done;
    }
    es_plot_report pr = {0};
    int st = es_plot_write(&units, &bands, &po, out, &pr, &err);
    if (st != ES_OK) {
        es_cli_error("plot: %s", err.msg ? err.msg : es_strerror(st));
        rc = 1;
    } else {
        st = es_plot_render(out, &po, &pr, &err);
        for (int i = 0; i < ES_PLOT_NFIG; i++) {
            if (!pr.written[i])
                continue;
            printf("%s  %s", es_plot_figure_name(i), es_plot_figure_title(i));
            if (pr.rendered[i]) {
                static const char *const ext[] = {"png", "svg", "pdf", "tex"};
                const char *sep = ": ";
                for (int k = 0; k < 4; k++)
                    if (po.formats & (1u << k)) {
                        printf("%s%s/%s%s.%s", sep, out, es_plot_figure_name(i), k == 3 ? "-tex" : "", ext[k]);
                        sep = ", ";
                    }
            } else {
                printf(" (data and script only)");
            }
            printf("\n");
        }
        for (size_t i = 0; i < pr.n_notes; i++)
            printf("note: %s\n", pr.notes[i]);
        /* Everything gnuplot said, on standard error (the logs stay in DIR). */
        for (size_t i = 0; i < pr.n_warnings; i++)
            fprintf(stderr, "engagestat: warning: %s\n", pr.warnings[i]);
        if (fflush(stdout) != 0 || ferror(stdout)) {
            es_cli_error("plot: write error on standard output");
            rc = 1;
        }
        int any = 0;
        for (int i = 0; i < ES_PLOT_NFIG; i++)
            any |= pr.written[i];
        if (st != ES_OK) {
            es_cli_error("plot: %s", err.msg ? err.msg : es_strerror(st));
            rc = 1;
        } else if (!any) {
            es_cli_error("plot: no figure could be drawn from these data (see the notes)");
            rc = 1;
        }
    }
    es_plot_report_free(&pr);
done:
    es_err_clear(&err);
    es_units_free(&units);
    es_bands_free(&bands);
    es_table_free(t);
    es_load_report_free(&rep);
    es_cli_free(&cli);
    return rc;
}
