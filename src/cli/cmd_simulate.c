/* cmd_simulate.c — placeholder until the command lands (it exits 1 and says so). */
#include "cli.h"

int es_cmd_simulate(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    es_cli_error("simulate: not available in this build yet");
    return 1;
}
