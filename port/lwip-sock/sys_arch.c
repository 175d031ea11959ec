/* SPDX-License-Identifier: Apache-2.0 */
/* sys_arch.c - lwIP's NO_SYS=0 operating-system layer over POSIX threads
 * (Linux), heap-free: lwIP passes the structure to initialise, and the few
 * threads (tcpip, the TAP reader) take their start arguments from a static
 * table. The model an RTOS port follows with its static kernel objects. */
#define _GNU_SOURCE 1
#include <errno.h>
#include <string.h>
#include <time.h>
#include "lwip/err.h"
#include "lwip/sys.h"

#define IL_SYS_THREADS 4

typedef struct sys_thread_slot {
    lwip_thread_fn fn;
    void *arg;
} sys_thread_slot_t;

static sys_thread_slot_t threads[IL_SYS_THREADS];
static unsigned threads_used;
static pthread_mutex_t threads_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t protect_lock = PTHREAD_RECURSIVE_MUTEX_INITIALIZER_NP;

u32_t sys_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (u32_t)((uint64_t)ts.tv_sec * 1000u + (uint64_t)ts.tv_nsec / 1000000u);
}

void sys_init(void)
{
}

sys_prot_t sys_arch_protect(void)
{
    pthread_mutex_lock(&protect_lock);
    return 0;
}

void sys_arch_unprotect(sys_prot_t pval)
{
    (void)pval;
    pthread_mutex_unlock(&protect_lock);
}

/* A condition variable on the monotonic clock, as the timed waits use. */
static void cond_init(pthread_cond_t *c)
{
    pthread_condattr_t a;
    pthread_condattr_init(&a);
    pthread_condattr_setclock(&a, CLOCK_MONOTONIC);
    pthread_cond_init(c, &a);
    pthread_condattr_destroy(&a);
}

/* Wait on c (its mutex held) until signalled or timeout_ms from start
 * (0: no limit): false at the limit. */
static int cond_wait_ms(pthread_cond_t *c, pthread_mutex_t *m, u32_t start, u32_t timeout_ms)
{
    struct timespec ts;
    u32_t elapsed = sys_now() - start;
    if (timeout_ms == 0) return pthread_cond_wait(c, m) == 0;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    timeout_ms = elapsed < timeout_ms ? timeout_ms - elapsed : 0;
    ts.tv_sec += (time_t)(timeout_ms / 1000u);
    ts.tv_nsec += (long)(timeout_ms % 1000u) * 1000000L;
    if (ts.tv_nsec >= 1000000000L) {
        ts.tv_sec++;
        ts.tv_nsec -= 1000000000L;
    }
    return pthread_cond_timedwait(c, m, &ts) != ETIMEDOUT;
}

err_t sys_mutex_new(sys_mutex_t *mutex)
{
    pthread_mutex_init(&mutex->lock, NULL);
    mutex->valid = 1;
    return ERR_OK;
}

void sys_mutex_lock(sys_mutex_t *mutex)
{
    pthread_mutex_lock(&mutex->lock);
}

void sys_mutex_unlock(sys_mutex_t *mutex)
{
    pthread_mutex_unlock(&mutex->lock);
}

void sys_mutex_free(sys_mutex_t *mutex)
{
    pthread_mutex_destroy(&mutex->lock);
    mutex->valid = 0;
}

err_t sys_sem_new(sys_sem_t *sem, u8_t count)
{
    pthread_mutex_init(&sem->lock, NULL);
    cond_init(&sem->cond);
    sem->count = count;
    sem->valid = 1;
    return ERR_OK;
}

void sys_sem_signal(sys_sem_t *sem)
{
    pthread_mutex_lock(&sem->lock);
    sem->count++;
    pthread_cond_signal(&sem->cond);
    pthread_mutex_unlock(&sem->lock);
}

u32_t sys_arch_sem_wait(sys_sem_t *sem, u32_t timeout)
{
    u32_t start = sys_now();
    u32_t waited = SYS_ARCH_TIMEOUT;
    pthread_mutex_lock(&sem->lock);
    while (sem->count == 0 && cond_wait_ms(&sem->cond, &sem->lock, start, timeout)) {
    }
    if (sem->count > 0) {
        sem->count--;
        waited = sys_now() - start;
    }
    pthread_mutex_unlock(&sem->lock);
    return waited;
}

void sys_sem_free(sys_sem_t *sem)
{
    pthread_cond_destroy(&sem->cond);
    pthread_mutex_destroy(&sem->lock);
    sem->valid = 0;
}

err_t sys_mbox_new(sys_mbox_t *mbox, int size)
{
    if (size <= 0 || size > IL_SYS_MBOX_CAP) return ERR_MEM;
    pthread_mutex_init(&mbox->lock, NULL);
    cond_init(&mbox->changed);
    mbox->head = 0;
    mbox->count = 0;
    mbox->cap = (unsigned)size;
    mbox->valid = 1;
    return ERR_OK;
}

/* Append msg (the mailbox locked and not full). */
static void mbox_put(sys_mbox_t *mbox, void *msg)
{
    mbox->msg[(mbox->head + mbox->count) % mbox->cap] = msg;
    mbox->count++;
    pthread_cond_broadcast(&mbox->changed);
}

void sys_mbox_post(sys_mbox_t *mbox, void *msg)
{
    pthread_mutex_lock(&mbox->lock);
    while (mbox->count == mbox->cap) pthread_cond_wait(&mbox->changed, &mbox->lock);
    mbox_put(mbox, msg);
    pthread_mutex_unlock(&mbox->lock);
}

err_t sys_mbox_trypost(sys_mbox_t *mbox, void *msg)
{
    err_t err = ERR_MEM;
    pthread_mutex_lock(&mbox->lock);
    if (mbox->count < mbox->cap) {
        mbox_put(mbox, msg);
        err = ERR_OK;
    }
    pthread_mutex_unlock(&mbox->lock);
    return err;
}

err_t sys_mbox_trypost_fromisr(sys_mbox_t *mbox, void *msg)
{
    return sys_mbox_trypost(mbox, msg);
}

/* Take the oldest message (the mailbox locked and not empty). */
static void *mbox_take(sys_mbox_t *mbox)
{
    void *msg = mbox->msg[mbox->head];
    mbox->head = (mbox->head + 1) % mbox->cap;
    mbox->count--;
    pthread_cond_broadcast(&mbox->changed);
    return msg;
}

u32_t sys_arch_mbox_fetch(sys_mbox_t *mbox, void **msg, u32_t timeout)
{
    u32_t start = sys_now();
    u32_t waited = SYS_ARCH_TIMEOUT;
    void *m = NULL;
    pthread_mutex_lock(&mbox->lock);
    while (mbox->count == 0 && cond_wait_ms(&mbox->changed, &mbox->lock, start, timeout)) {
    }
    if (mbox->count > 0) {
        m = mbox_take(mbox);
        waited = sys_now() - start;
    }
    pthread_mutex_unlock(&mbox->lock);
    if (msg != NULL) *msg = m;
    return waited;
}

u32_t sys_arch_mbox_tryfetch(sys_mbox_t *mbox, void **msg)
{
    u32_t got = SYS_MBOX_EMPTY;
    void *m = NULL;
    pthread_mutex_lock(&mbox->lock);
    if (mbox->count > 0) {
        m = mbox_take(mbox);
        got = 0;
    }
    pthread_mutex_unlock(&mbox->lock);
    if (msg != NULL) *msg = m;
    return got;
}

void sys_mbox_free(sys_mbox_t *mbox)
{
    pthread_cond_destroy(&mbox->changed);
    pthread_mutex_destroy(&mbox->lock);
    mbox->valid = 0;
}

static void *thread_start(void *p)
{
    const sys_thread_slot_t *slot = p;
    slot->fn(slot->arg);
    return NULL;
}

/* name, stacksize and prio mean nothing to POSIX threads; a program
 * starting more than IL_SYS_THREADS threads is a configuration error. */
sys_thread_t sys_thread_new(const char *name, lwip_thread_fn thread, void *arg, int stacksize, int prio)
{
    pthread_t t;
    sys_thread_slot_t *slot = NULL;
    (void)name;
    (void)stacksize;
    (void)prio;
    pthread_mutex_lock(&threads_lock);
    if (threads_used < IL_SYS_THREADS) slot = &threads[threads_used++];
    pthread_mutex_unlock(&threads_lock);
    if (slot == NULL) LWIP_PLATFORM_ASSERT("sys_thread_new: more than IL_SYS_THREADS threads");
    slot->fn = thread;
    slot->arg = arg;
    if (pthread_create(&t, NULL, thread_start, slot) != 0) LWIP_PLATFORM_ASSERT("sys_thread_new: pthread_create");
    return t;
}
