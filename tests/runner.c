/* runner.c — runs every CUnit suite (tests/test_*.c register themselves through
 * the generated suites.h).  Usage: runner [SUITE-NAME | --list].  --list prints the
 * suites' names, a line each (tests/unit.sh runs them as separate processes, several
 * at once). */
#include <CUnit/Basic.h>
#include <gsl/gsl_errno.h>
#include <stdio.h>
#include <string.h>

#include "suites.h"

typedef int (*es_suite_fn)(void);

int main(int argc, char **argv)
{
    static const es_suite_fn suites[] = {ES_SUITES};
    /* The library checks every GSL status itself: never abort the test run. */
    gsl_set_error_handler_off();
    if (CU_initialize_registry() != CUE_SUCCESS)
        return 1;
    for (size_t i = 0; i < sizeof suites / sizeof *suites; i++)
        if (suites[i]() != 0) {
            fprintf(stderr, "runner: suite registration failed: %s\n", CU_get_error_msg());
            CU_cleanup_registry();
            return 1;
        }
    CU_basic_set_mode(CU_BRM_VERBOSE);
    if (argc > 1 && strcmp(argv[1], "--list") == 0) {
        for (CU_pSuite s = CU_get_registry()->pSuite; s != NULL; s = s->pNext)
            printf("%s\n", s->pName);
        CU_cleanup_registry();
        return 0;
    }
    if (argc > 1) {
        CU_pSuite s = CU_get_suite(argv[1]);
        if (s == NULL) {
            fprintf(stderr, "runner: no suite named '%s'\n", argv[1]);
            CU_cleanup_registry();
            return 2;
        }
        CU_basic_run_suite(s);
    } else {
        CU_basic_run_tests();
    }
    unsigned failed = CU_get_number_of_failures() + CU_get_number_of_suites_failed();
    CU_cleanup_registry();
    return failed ? 1 : 0;
}
