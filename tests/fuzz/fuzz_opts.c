/* fuzz_opts.c — the option engine (src/cli/opts.c): the input's first byte picks a
 * command's table, the rest is its argv, split on NUL bytes and newlines; es_cli_parse
 * only (nothing is loaded, run or written; the help and usage errors it prints go to
 * /dev/null: es_fuzz_quiet).  A command's own options are stored into a
 * zeroed block as big as any command's options struct. */
#include "fuzz.h"

#include <stdalign.h>
#include <stdlib.h>
#include <string.h>

#include "../../src/cli/cli.h"

#define ES_FUZZ_MAX_ARGS 64

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const es_command *const cmds[] = {&es_inspect_cmd, &es_describe_cmd, &es_compare_cmd, &es_regress_cmd,
                                             &es_fit_cmd,     &es_plot_cmd,     &es_simulate_cmd, &es_power_cmd,
                                             &es_bands_cmd,   &es_export_cmd,   &es_report_cmd,   &es_reproduce_cmd};
    static alignas(max_align_t) unsigned char opts[1 << 16];
    es_fuzz_quiet();
    if (size < 1)
        return 0;
    const es_command *cmd = cmds[data[0] % (sizeof cmds / sizeof *cmds)];
    char *words = es_fuzz_str(data + 1, size - 1);
    char *argv[ES_FUZZ_MAX_ARGS + 2];
    int argc = 0;
    argv[argc++] = (char *)cmd->name;
    for (size_t i = 0, start = 0; i <= size - 1 && argc <= ES_FUZZ_MAX_ARGS; i++)
        if (words[i] == '\0' || words[i] == '\n') { /* words[size - 1] is the last NUL */
            words[i] = '\0';
            argv[argc++] = words + start;
            start = i + 1;
        }
    argv[argc] = NULL;
    memset(opts, 0, sizeof opts);
    es_cli cli = {0};
    if (es_cli_parse(&cli, cmd, argc, argv, opts) == 0) {
        int niche, platform;
        if (cmd->shared & ES_SH_BY)
            es_cli_by(cli.by, &niche, &platform);
        es_cli_free(&cli);
    }
    free(words);
    return 0;
}
