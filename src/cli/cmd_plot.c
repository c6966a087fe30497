/* cmd_plot.c — placeholder until the command lands (it exits 1 and says so). */
#include "cli.h"

int es_cmd_plot(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    es_cli_error("plot: not available in this build yet");
    return 1;
}
