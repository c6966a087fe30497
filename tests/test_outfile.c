/* test_outfile.c — the atomic writer: a new file appears whole, a link to a file gets
 * its target replaced (the link stays), a write that is abandoned leaves nothing. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "engagestat/outfile.h"
#include "testutil.h"

static char *slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL)
        return NULL;
    char *s = calloc(1, 256);
    if (s != NULL && fread(s, 1, 255, f) == 0)
        s[0] = '\0';
    fclose(f);
    return s;
}

static void test_link_and_abort(void)
{
    char dir[] = "/tmp/es_outfile_XXXXXX";
    CU_ASSERT_PTR_NOT_NULL_FATAL(mkdtemp(dir));
    char target[256], link[256], fresh[256];
    snprintf(target, sizeof target, "%s/target.txt", dir);
    snprintf(link, sizeof link, "%s/link.txt", dir);
    snprintf(fresh, sizeof fresh, "%s/fresh.txt", dir);
    es_err err = {0};
    CU_ASSERT_EQUAL(es_outfile_save(target, "old\n", 4, &err), ES_OK);
    CU_ASSERT_EQUAL_FATAL(symlink("target.txt", link), 0);
    CU_ASSERT_EQUAL(es_outfile_save(link, "new\n", 4, &err), ES_OK);
    struct stat st;
    CU_ASSERT_TRUE(lstat(link, &st) == 0 && S_ISLNK(st.st_mode)); /* still a link */
    char *s = slurp(target);
    CU_ASSERT_TRUE(s != NULL && strcmp(s, "new\n") == 0);
    free(s);
    /* An abandoned write leaves no file and no temporary. */
    es_outfile f;
    CU_ASSERT_EQUAL_FATAL(es_outfile_open(fresh, &f, &err), ES_OK);
    fputs("partial", f.fp);
    es_outfile_abort(&f);
    CU_ASSERT_NOT_EQUAL(access(fresh, F_OK), 0);
    char cmd[300];
    snprintf(cmd, sizeof cmd, "test $(ls -A %s | wc -l) -eq 2 && rm -rf %s", dir, dir);
    CU_ASSERT_EQUAL(system(cmd), 0); /* target.txt and link.txt only */
}

int es_suite_outfile(void)
{
    CU_pSuite s = CU_add_suite("outfile", NULL, NULL);
    if (s == NULL)
        return -1;
    if (!CU_add_test(s, "a link's target replaced, an abandoned write leaves nothing", test_link_and_abort))
        return -1;
    return 0;
}
