/* cmd_describe.c — placeholder until the command lands (it exits 1 and says so). */
#include "cli.h"

int es_cmd_describe(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    es_cli_error("describe: not available in this build yet");
    return 1;
}
