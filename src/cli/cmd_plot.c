/* cmd_plot.c — `engagestat plot FILE -o DIR`: publication figures through gnuplot.
 * Its own options: --format png|svg|pdf|tex, --size, --font, --gnuplot, -o DIR. */
#include "cli.h"
#include "engagestat/outfile.h"
#include "engagestat/plot.h"
#include "engagestat/reference.h"

#include <limits.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Options of this command (it has its own -o DIR and --format LIST). */
typedef struct {
    const char *out, *format, *size, *font, *gnuplot, *reference, *published, *published_platform;
    long top_niches;
} es_plot_args;

static const es_optdef es_plot_optdefs[] = {
    {.name = "output", .short_name = 'o', .kind = ES_ARG_STR, .offset = offsetof(es_plot_args, out),
     .metavar = "DIR", .help = "directory for the figures (made with its missing parents; required)"},
    {.name = "format", .short_name = 'f', .kind = ES_ARG_LIST, .offset = offsetof(es_plot_args, format),
     .metavar = "LIST", .help = "png, svg, pdf, tex (cairolatex), comma-separated (png)"},
    {.name = "size", .kind = ES_ARG_STR, .offset = offsetof(es_plot_args, size), .metavar = "W,H",
     .help = "figure size, e.g. 12cm,8cm (default) or 4.5in,3in;\neach side 5-100 cm"},
    {.name = "font", .kind = ES_ARG_STR, .offset = offsetof(es_plot_args, font), .metavar = "NAME[,SIZE]",
     .help = "font and size in points ('Liberation Sans,9')"},
    {.name = "gnuplot", .kind = ES_ARG_STR, .offset = offsetof(es_plot_args, gnuplot), .metavar = "PATH",
     .help = "the gnuplot program (default: gnuplot on PATH)"},
    {.name = "reference", .kind = ES_ARG_STR, .offset = offsetof(es_plot_args, reference), .metavar = "FILE",
     .help = "a band summary (published benchmarks, such as the PlayerSells\nX file): its medians and q25-q75 drawn "
             "beside figure 1's\nboxes, matched by band name, else by follower edges"},
    {.name = "top-niches", .kind = ES_ARG_LONG, .offset = offsetof(es_plot_args, top_niches), .lo = 1, .hi = 40,
     .metavar = "K", .help = "figures 4 and 5 name the K largest niches; figure 4 pools\nthe rest as \"Other niches\" "
     "(default: as many as fit the height)"},
    {.name = "published", .kind = ES_ARG_STR, .offset = offsetof(es_plot_args, published), .metavar = "FILE",
     .help = "published benchmarks (datasets/published_benchmarks.csv):\nthe rows of our ER definition drawn on "
             "figure 1, the\nothers listed in DIR/fig1_published_other.csv"},
    {.name = "published-platform", .kind = ES_ARG_STR, .offset = offsetof(es_plot_args, published_platform),
     .metavar = "NAME", .help = "--published rows of this platform only (default: the\ndata's platform when it has "
                               "one, else any)"},
    {0}};

const es_command es_plot_cmd = {
    .name = "plot",
    .synopsis = "plot [OPTION]... FILE -o DIR",
    .prose = "Render the figures of a micro- versus mega-influencer study into DIR:\n"
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
             "Labels too long for --size are shortened to fit, with a note.  --ratio, --boot,\n"
             "--seed and --conf set the figure 5 ratio and its bootstrap CIs; figure 5 sorts\n"
             "the niches by the ratio and leaves out (and counts, in a note and its caption)\n"
             "those with fewer than --min-n accounts in either band.  With more niches than\n"
             "fit the height (or than --top-niches K), figure 4 pools the smaller ones as\n"
             "\"Other niches (M)\".  Characters no installed font can draw are drawn as '?'\n"
             "and listed in a note (scripts/install-deps.sh installs CJK and emoji fonts).\n"
             "--reference FILE reads a band summary (one row per follower band with\n"
             "p25/median/p75 of the engagement rate, percent detected from the column name or\n"
             "values above 1) and draws its medians (diamonds) and quartiles (thin bars) beside\n"
             "figure 1's boxes, in the legend as \"published (FILE)\"; bands are matched by\n"
             "name (\"micro\" matches \"Micro (10k-50k)\"), else by the follower edges its\n"
             "names or min/max columns give; what is not matched is noted.  FILE is read with\n"
             "the default loading options (--map, --where and the like are the data's).\n"
             "--published FILE reads a file of published figures, one row per number (the format of\n"
             "datasets/published_benchmarks.csv) and draws on figure 1 only the rows whose\n"
             "definition is our --er (\"likes+comments/followers\"), of the data's platform\n"
             "(--published-platform NAME; any when the data have none or several), single\n"
             "typical figures with follower edges, each labelled \"SOURCE YEAR: TIER\" and\n"
             "matched to our bands by follower edges; the others are listed with the reason\n"
             "in DIR/fig1_published_other.csv.  With both --reference and --published the two\n"
             "are merged into one reference (rows of both, legend naming both files).\n",
    .one_file = 1,
    .shared = ES_SH_LOAD | ES_SH_ER | ES_SH_BANDS | ES_SH_RATIO | ES_SH_RESAMPLE | ES_SH_CONF,
    .opts = es_plot_optdefs,
    .trailer = "Templates are read from $ENGAGESTAT_SCRIPTS, else the scripts/ directory next to\n"
               "the build, else the installed share/engagestat/scripts.\n",
    .examples = "engagestat plot datasets/engagestat-sim.csv.gz -o figures\n"
                "engagestat plot posts.csv --where owner_matches_file=1 \\\n"
                "    --where is_duplicate_post=0 -o figs --format png,pdf --size 16cm,10cm\n",
};

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
int es_cli_exe_dir(char *buf, size_t size)
{
    ssize_t n = readlink("/proc/self/exe", buf, size - 1);
    if (n <= 0)
        return 0;
    buf[n] = '\0';
    char *slash = strrchr(buf, '/');
    if (slash == NULL)
        return 0;
    *slash = '\0';
    return 1;
}

const char *es_cli_find_scripts(char *buf, size_t size)
{
    const char *env = getenv("ENGAGESTAT_SCRIPTS");
    if (env != NULL && *env)
        return env;
    char exe[PATH_MAX];
    if (es_cli_exe_dir(exe, sizeof exe)) {
        {
            static const char *const rel[] = {"/../scripts", "/../share/engagestat/scripts", "/../../scripts"};
            for (size_t i = 0; i < sizeof rel / sizeof *rel; i++)
                if (snprintf(buf, size, "%s%s", exe, rel[i]) < (int)size && es_has_theme(buf))
                    return buf;
        }
    }
    return "scripts";
}

/* What was written, one line per figure with its files; the notes; gnuplot's messages
 * on standard error (the logs stay in DIR).  1 on a write error. */
static int es_plot_print(const es_plot_report *pr, const es_plot_opts *po, const char *out)
{
    for (int i = 0; i < ES_PLOT_NFIG; i++) {
        if (!pr->written[i])
            continue;
        printf("%s  %s", es_plot_figure_name(i), es_plot_figure_title(i));
        if (pr->rendered[i]) {
            static const char *const ext[] = {"png", "svg", "pdf", "tex"};
            const char *sep = ": ";
            for (int k = 0; k < 4; k++)
                if (po->formats & (1u << k)) {
                    printf("%s%s/%s%s.%s", sep, out, es_plot_figure_name(i), k == 3 ? "-tex" : "", ext[k]);
                    sep = ", ";
                }
        } else {
            printf(" (data and script only)");
        }
        printf("\n");
    }
    for (size_t i = 0; i < pr->n_notes; i++)
        printf("note: %s\n", pr->notes[i]);
    for (size_t i = 0; i < pr->n_warnings; i++)
        fprintf(stderr, "engagestat: warning: %s\n", pr->warnings[i]);
    if (fflush(stdout) != 0 || ferror(stdout)) {
        es_cli_error("plot: write error on standard output");
        return 1;
    }
    return 0;
}

/* --published: the rows of pub matching the data's ER definition and platform (plat, else
 * the data's one platform, else any) into *ref, merged after the --reference rows when
 * there are some; the others into *other (table published_other).  Says on standard
 * output what was matched.  0, or 1 after an error (printed). */
static int es_plot_published(const es_published *pub, const es_cli_study *st, const char *plat,
                             es_reference *ref, es_results **other)
{
    const es_units *u = &st->units;
    if (plat == NULL && u->n > 0 && u->platform_dict != NULL) {
        uint32_t p0 = u->platform[0];
        for (size_t i = 1; i < u->n && p0 != ES_DICT_NONE; i++)
            p0 = u->platform[i] == p0 ? p0 : ES_DICT_NONE;
        plat = p0 != ES_DICT_NONE ? es_dict_str(u->platform_dict, p0) : NULL;
    }
    es_buf key = {0};
    es_err err = {0};
    es_reference m = {0};
    size_t n_other = 0;
    int rc = (*other = es_results_alloc("plot")) != NULL ? es_published_def_key(&st->uo.er, &key) : ES_ENOMEM;
    if (rc == ES_OK)
        rc = es_published_match(pub, key.data, plat, &m, &n_other, *other, &err);
    if (rc == ES_OK && m.n_notes > 0)
        printf("note: --published %s: %s (listed with the reason in fig1_published_other.csv)\n", pub->path,
               m.notes[0]);
    if (rc == ES_OK && ref->n > 0)
        rc = es_reference_append(ref, &m, &err);
    else if (rc == ES_OK) {
        es_reference_free(ref);
        *ref = m;
        memset(&m, 0, sizeof m);
    }
    if (rc != ES_OK)
        es_cli_error("plot: --published %s: %s", pub->path, err.msg ? err.msg : es_strerror(rc));
    es_err_clear(&err);
    es_reference_free(&m);
    es_buf_free(&key);
    return rc == ES_OK ? 0 : 1;
}

/* DIR/fig1_published_other.csv: the published rows not drawn, with the reason. */
static int es_plot_published_other(const es_results *other, const char *dir, es_err *err)
{
    char path[PATH_MAX];
    if (snprintf(path, sizeof path, "%s/fig1_published_other.csv", dir) >= (int)sizeof path)
        return es_err_set(err, ES_EINVAL, "%s: directory name too long", dir);
    es_outfile f;
    int rc = es_outfile_open(path, &f, err);
    if (rc != ES_OK)
        return rc;
    es_render_opts ro = {.format = ES_FMT_CSV, .table = "published_other"};
    if ((rc = es_results_render(other, &ro, f.fp)) != ES_OK) {
        es_outfile_abort(&f);
        return es_err_set(err, rc, "%s: cannot write", path);
    }
    return es_outfile_commit(&f, err);
}

int es_cmd_plot(int argc, char **argv)
{
    es_plot_args pa = {.format = "png"};
    es_cli cli = {0};
    int rc = es_cli_parse(&cli, &es_plot_cmd, argc, argv, &pa);
    if (rc != 0)
        return rc < 0 ? 0 : rc;
    es_cli_study st = {0};
    es_plot_opts po;
    es_plot_opts_init(&po);
    es_err err = {0};
    if (pa.out == NULL)
        rc = es_cli_usage_error("plot: missing -o DIR (the directory for the figures)");
    else if (pa.published_platform != NULL && pa.published == NULL)
        rc = es_cli_usage_error("plot: --published-platform needs --published FILE");
    else if (es_plot_parse_formats(pa.format, &po.formats, &err) != ES_OK ||
             (pa.size != NULL && es_plot_parse_size(pa.size, &po.width_cm, &po.height_cm, &err) != ES_OK) ||
             (pa.font != NULL && es_plot_check_font(pa.font, &err) != ES_OK) ||
             (po.font = pa.font, es_plot_check_canvas(&po, &err)) != ES_OK)
        rc = es_cli_usage_error("%s", err.msg ? err.msg : "invalid option");
    es_err_clear(&err);
    if (rc != 0) {
        es_cli_free(&cli);
        return rc;
    }
    const char *ra = cli.ratio.a, *rb = cli.ratio.b;
    po.font = pa.font;
    po.gnuplot = pa.gnuplot;
    po.top_niches = pa.top_niches;
    po.conf = cli.conf;
    po.min_n = (size_t)cli.min_n;
    po.boot = cli.boot;
    po.seed = cli.seed;
    po.threads = (unsigned)cli.threads;
    po.ratio_a = ra;
    po.ratio_b = rb;
    char sbuf[PATH_MAX];
    po.script_dir = es_cli_find_scripts(sbuf, sizeof sbuf);

    es_reference ref = {0};
    if (pa.reference != NULL) {
        if (es_reference_load(pa.reference, NULL, &ref, &err) != ES_OK) {
            es_cli_error("plot: --reference %s", err.msg ? err.msg : "cannot be read");
            es_err_clear(&err);
            es_cli_free(&cli);
            return 1;
        }
        po.reference = &ref;
    }
    es_published pub = {0};
    if (pa.published != NULL && es_published_load(pa.published, &pub, &err) != ES_OK) {
        es_cli_error("plot: --published %s", err.msg ? err.msg : "cannot be read");
        es_err_clear(&err);
        es_reference_free(&ref);
        es_cli_free(&cli);
        return 1;
    }
    cli.stream = 1; /* the figures read the units only */
    rc = es_cli_study_open(&cli, &st);
    if (rc != 0) {
        es_published_free(&pub);
        es_reference_free(&ref);
        es_cli_free(&cli);
        return rc;
    }
    es_results *other = NULL;
    if (pa.published != NULL) {
        rc = es_plot_published(&pub, &st, pa.published_platform, &ref, &other);
        po.reference = &ref;
        es_published_free(&pub);
        if (rc != 0)
            goto done;
    }
    if (es_bands_find(&st.bands, ra) < 0 || es_bands_find(&st.bands, rb) < 0) {
        rc = es_cli_usage_error("--ratio '%s': band '%s' is not in the band scheme '%s'", cli.ratio.text,
                                es_bands_find(&st.bands, ra) < 0 ? ra : rb, st.bands.label);
        goto done;
    }
    es_plot_report pr = {0};
    es_buf den = {0};
    int nn, dn;
    if (es_er_ratio(&st.uo.er, &nn, &dn))
        es_er_format_node(&st.uo.er, dn, &den);
    po.er_den = den.data ? den.data : "";
    int prc = es_plot_write(&st.units, &st.bands, &po, pa.out, &pr, &err);
    po.er_den = NULL;
    es_buf_free(&den);
    if (prc == ES_OK && other != NULL)
        prc = es_plot_published_other(other, pa.out, &err);
    if (prc != ES_OK) {
        es_cli_error("plot: %s", err.msg ? err.msg : es_strerror(prc));
        rc = 1;
    } else {
        prc = es_plot_render(pa.out, &po, &pr, &err);
        if (es_plot_print(&pr, &po, pa.out) != 0)
            rc = 1;
        int any = 0;
        for (int i = 0; i < ES_PLOT_NFIG; i++)
            any |= pr.written[i];
        if (prc != ES_OK) {
            es_cli_error("plot: %s", err.msg ? err.msg : es_strerror(prc));
            rc = 1;
        } else if (!any) {
            es_cli_error("plot: no figure could be drawn from these data (see the notes)");
            rc = 1;
        }
    }
    es_plot_report_free(&pr);
done:
    es_err_clear(&err);
    es_results_free(other);
    es_reference_free(&ref);
    es_cli_study_close(&st);
    es_cli_free(&cli);
    return rc;
}
