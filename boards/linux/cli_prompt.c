/* SPDX-License-Identifier: Apache-2.0 */
/* cli_prompt.c - the terminal password prompt (see cli_prompt.h).
 *
 * The official CLI waits for the password without end; here the wait ends
 * at the run's deadline (--timeout), and a signal never leaves the terminal
 * without its echo. */
#include "cli_prompt.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "il_posix.h"
#include "il_wipe.h"

static const int prompt_signals[] = {SIGINT, SIGTERM, SIGHUP, SIGQUIT};
#define PROMPT_NSIG (sizeof prompt_signals / sizeof prompt_signals[0])

/* The signal that arrived during the prompt (0: none): what a handler may
 * write. */
static volatile sig_atomic_t prompt_caught;

static void prompt_on_signal(int sig)
{
    prompt_caught = sig;
}

/* What the prompt changed, to be put back. */
typedef struct prompt_saved {
    int fd;
    struct termios tio;
    struct sigaction sa[PROMPT_NSIG];
} prompt_saved_t;

static void prompt_restore(const prompt_saved_t *s)
{
    (void)tcsetattr(s->fd, TCSANOW, &s->tio);
    for (size_t i = 0; i < PROMPT_NSIG; i++) (void)sigaction(prompt_signals[i], &s->sa[i], NULL);
}

/* Handlers that only record the signal (no SA_RESTART: poll returns). */
static void prompt_catch(prompt_saved_t *s)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = prompt_on_signal;
    (void)sigemptyset(&sa.sa_mask);
    prompt_caught = 0;
    for (size_t i = 0; i < PROMPT_NSIG; i++) (void)sigaction(prompt_signals[i], &sa, &s->sa[i]);
}

/* A signal came: the terminal back, the password gone, then the signal's
 * own end (with the dispositions the process had). */
static void prompt_die(const prompt_saved_t *s, char *buf, size_t cap)
{
    int sig = prompt_caught;
    il_wipe(buf, cap);
    prompt_restore(s);
    (void)signal(sig, SIG_DFL);
    (void)kill(getpid(), sig);
    _exit(128 + sig);      /* the signal was held back: end as the shell reports it */
}

/* One byte of the line, as x/term's readPasswordLine takes it: 1 at the
 * end of the line, 0 to go on, -1 when buf is full. */
static int prompt_byte(char c, char *buf, size_t cap, size_t *len)
{
    if (c == '\n') return 1;
    if (c == '\b') {
        if (*len > 0) buf[--(*len)] = '\0';
    } else if (c != '\r') {
        if (*len + 1 >= cap) return -1;
        buf[(*len)++] = c;
    }
    return 0;
}

/* Read the line within the deadline: 0 or an errno. */
static int prompt_read(const prompt_saved_t *s, char *buf, size_t cap, size_t *len, int64_t deadline_ms)
{
    for (;;) {
        struct pollfd p = {s->fd, POLLIN, 0};
        int64_t left = deadline_ms - il_posix_now_ms();
        char c;
        if (left <= 0) return ETIMEDOUT;
        int r = poll(&p, 1, left > 60000 ? 60000 : (int)left);
        if (prompt_caught != 0) prompt_die(s, buf, cap);
        if (r < 0 && errno != EINTR) return errno;
        if (r <= 0) continue;
        ssize_t n = read(s->fd, &c, 1);
        if (prompt_caught != 0) prompt_die(s, buf, cap);
        if (n < 0 && errno != EINTR && errno != EAGAIN) return errno;
        if (n == 0 && (p.revents & (POLLHUP | POLLERR)) != 0) return EIO;   /* the terminal went away */
        if (n != 1) continue;     /* an end of file typed (^D): the official CLI reads on */
        int end = prompt_byte(c, buf, cap, len);
        if (end != 0) return end > 0 ? 0 : EMSGSIZE;
    }
}

/* The prompt on stdout, at once. */
static void prompt_show(const char *prompt)
{
    size_t n = strlen(prompt);
    while (n > 0) {
        ssize_t w = write(1, prompt, n);
        if (w < 0 && errno == EINTR) continue;
        if (w <= 0) return;
        prompt += w;
        n -= (size_t)w;
    }
}

int cli_prompt_password(const char *prompt, int fd, char *buf, size_t cap, size_t *len, int64_t deadline_ms)
{
    prompt_saved_t s;
    struct termios t;
    int e;
    *len = 0;
    if (cap > 0) buf[0] = '\0';
    s.fd = fd;
    if (tcgetattr(fd, &s.tio) != 0) {
        e = errno;
        prompt_show(prompt);
        return e;
    }
    t = s.tio;
    t.c_lflag &= ~(tcflag_t)ECHO;
    t.c_lflag |= ICANON | ISIG;
    t.c_iflag |= ICRNL;
    prompt_catch(&s);
    if (tcsetattr(fd, TCSANOW, &t) != 0) {
        e = errno;
        prompt_restore(&s);
        return e;
    }
    prompt_show(prompt);
    e = prompt_read(&s, buf, cap, len, deadline_ms);
    prompt_restore(&s);
    if (e != 0) {
        il_wipe(buf, cap);
        *len = 0;
    } else {
        buf[*len] = '\0';
    }
    return e;
}
