/* runone.c - the bench's launcher (build/bench/runone):
 *
 *   runone OUTFILE PROG [ARGS...]
 *
 * fork()s (like /usr/bin/time), runs PROG with stdin from /dev/null, stdout to
 * OUTFILE and stderr to /dev/null, wait4()s it and prints one line:
 * "EXIT WALL_US CPU_US MAXRSS_KIB" (CPU = user + sys). A small launcher, so
 * that the child's peak RSS is its own: a child vforked/spawned from the
 * Python bench would inherit Python's RSS high-water mark at exec. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
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

int main(int argc, char **argv)
{
    struct rusage ru;
    int status, code;
    long long t0, t1;
    pid_t pid;
    if (argc < 3) {
        fprintf(stderr, "usage: runone OUTFILE PROG [ARGS...]\n");
        return 2;
    }
    t0 = now_us();
    pid = fork();
    if (pid < 0) { perror("fork"); return 2; }
    if (pid == 0) {
        int in = open("/dev/null", O_RDONLY);
        int out = open(argv[1], O_WRONLY | O_CREAT | O_TRUNC, 0600);
        int err = open("/dev/null", O_WRONLY);
        if (in < 0 || out < 0 || err < 0) _exit(126);
        dup2(in, 0); dup2(out, 1); dup2(err, 2);
        execv(argv[2], argv + 2);
        _exit(127);
    }
    if (wait4(pid, &status, 0, &ru) != pid) { perror("wait4"); return 2; }
    t1 = now_us();
    code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    printf("%d %lld %lld %ld\n", code, t1 - t0,
           (long long)ru.ru_utime.tv_sec * 1000000 + ru.ru_utime.tv_usec +
           (long long)ru.ru_stime.tv_sec * 1000000 + ru.ru_stime.tv_usec, ru.ru_maxrss);
    return 0;
}
