/* SPDX-License-Identifier: Apache-2.0 */
/* runone.c - the bench's launcher (build/bench/runone):
 *
 *   runone OUTFILE PROG [ARGS...]
 *   runone --ids IDFILE OUTFILE PROG [ARGS...]
 *
 * Starts PROG with posix_spawn() (a vfork-style clone, as Go's os/exec and
 * Python's subprocess do), stdin from /dev/null, stdout to OUTFILE, stderr to
 * /dev/null (opened by the launcher before the spawn and given to the child
 * by dup2, so that their opening is not in the child's figures), wait4()s
 * it and prints one line:
 * "EXIT WALL_US CPU_US MAXRSS_KIB MINFLT" (CPU = user + sys; MINFLT = minor
 * page faults, each a page the program touched first). With --ids, runs
 * PROG once per line of IDFILE, one after the other, "{ID}" in an argument
 * replaced by the line, and prints the sums (EXIT: the first non-zero one,
 * MAXRSS: the largest): separate runs without a Python spawn between them.
 *
 * Why spawn and why a small static launcher: with fork() the child first
 * runs in a copy of the launcher's memory, and its CPU time, page faults and
 * peak RSS then include copying and tearing down that copy (on this kind of
 * VM about half a millisecond and ~17 faults per run, and the copy's RSS
 * became the child's peak). A spawned child shares the launcher's memory
 * until exec, so the figures are the program's own: exec, run, exit. The
 * launcher is built static with musl so that what the child does inherit at
 * exec (the launcher's own RSS high-water mark) is a few pages. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static long long now_us(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

static int run(char **argv, long long *wall, long long *cpu, long *rss, long long *flt)
{
    struct rusage ru;
    int status;
    long long t0, t1;
    pid_t pid;
    posix_spawn_file_actions_t fa;
    /* opened here, handed over by dup2: opening them (the output file with
     * O_TRUNC) in the child would be the launcher's work in its figures */
    int in_fd = open("/dev/null", O_RDONLY | O_CLOEXEC), err_fd = open("/dev/null", O_WRONLY | O_CLOEXEC);
    int out_fd = open(argv[1], O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (in_fd < 0 || err_fd < 0 || out_fd < 0) {
        perror("runone: open");
        exit(2);
    }
    if (posix_spawn_file_actions_init(&fa) != 0 ||
        posix_spawn_file_actions_adddup2(&fa, in_fd, 0) != 0 ||
        posix_spawn_file_actions_adddup2(&fa, out_fd, 1) != 0 ||
        posix_spawn_file_actions_adddup2(&fa, err_fd, 2) != 0) {
        fprintf(stderr, "runone: posix_spawn_file_actions failed\n");
        exit(2);
    }
    t0 = now_us();
    if (posix_spawn(&pid, argv[2], &fa, NULL, argv + 2, environ) != 0) {
        t1 = now_us();
        posix_spawn_file_actions_destroy(&fa);
        close(in_fd);
        close(out_fd);
        close(err_fd);
        *wall += t1 - t0;
        return 127;
    }
    posix_spawn_file_actions_destroy(&fa);
    close(in_fd);
    close(out_fd);
    close(err_fd);
    if (wait4(pid, &status, 0, &ru) != pid) { perror("wait4"); exit(2); }
    t1 = now_us();
    *wall += t1 - t0;
    *cpu += (long long)ru.ru_utime.tv_sec * 1000000 + ru.ru_utime.tv_usec +
            (long long)ru.ru_stime.tv_sec * 1000000 + ru.ru_stime.tv_usec;
    if (ru.ru_maxrss > *rss) *rss = ru.ru_maxrss;
    *flt += ru.ru_minflt;
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

int main(int argc, char **argv)
{
    long long wall = 0, cpu = 0, flt = 0;
    long rss = 0;
    int code = 0;
    if (argc >= 5 && strcmp(argv[1], "--ids") == 0) {
        /* argv: runone --ids IDFILE OUTFILE PROG ARGS... -> nargv: runone OUTFILE PROG ARGS' */
        static char args[64][512];
        char *nargv[66], line[256];
        int n = argc - 2, i;   /* entries of nargv before the NULL */
        FILE *f = fopen(argv[2], "r");
        if (f == NULL || n > 64) { perror(argv[2]); return 2; }
        nargv[0] = argv[0];
        nargv[1] = argv[3];
        while (fgets(line, sizeof line, f) != NULL) {
            line[strcspn(line, "\r\n")] = '\0';
            if (line[0] == '\0') continue;
            for (i = 2; i < n; i++) {
                const char *a = argv[i + 2], *at = strstr(a, "{ID}");
                if (at == NULL) snprintf(args[i], sizeof args[i], "%s", a);
                else snprintf(args[i], sizeof args[i], "%.*s%s%s", (int)(at - a), a, line, at + 4);
                nargv[i] = args[i];
            }
            nargv[n] = NULL;
            int c = run(nargv, &wall, &cpu, &rss, &flt);
            if (code == 0) code = c;
        }
        fclose(f);
    } else if (argc >= 3) {
        code = run(argv, &wall, &cpu, &rss, &flt);
    } else {
        fprintf(stderr, "usage: runone [--ids IDFILE] OUTFILE PROG [ARGS...]\n");
        return 2;
    }
    printf("%d %lld %lld %ld %lld\n", code, wall, cpu, rss, flt);
    return 0;
}
