/* SPDX-License-Identifier: Apache-2.0 */
/* arch/sys_arch.h - lwIP's NO_SYS=0 operating-system layer over POSIX
 * threads, with no heap: every semaphore, mutex and mailbox is a structure
 * that lwIP embeds (in a netconn, a socket, a static), initialised in place.
 * An RTOS port has the same shape (FreeRTOS: xSemaphoreCreateBinaryStatic,
 * xQueueCreateStatic). */
#ifndef IL_LWIP_SYS_ARCH_H
#define IL_LWIP_SYS_ARCH_H

#include <pthread.h>

/* The most messages one mailbox holds (lwipopts.h's *_MBOX_SIZE stay at or below it). */
#define IL_SYS_MBOX_CAP 16

typedef struct il_sys_sem {
    pthread_mutex_t lock;
    pthread_cond_t cond;
    unsigned count;
    int valid;
} sys_sem_t;

typedef struct il_sys_mutex {
    pthread_mutex_t lock;
    int valid;
} sys_mutex_t;

typedef struct il_sys_mbox {
    pthread_mutex_t lock;
    pthread_cond_t changed;
    void *msg[IL_SYS_MBOX_CAP];
    unsigned head, count, cap;
    int valid;
} sys_mbox_t;

typedef pthread_t sys_thread_t;
typedef int sys_prot_t;

#define sys_sem_valid(s)             ((s) != NULL && (s)->valid)
#define sys_sem_set_invalid(s)       do { if ((s) != NULL) (s)->valid = 0; } while (0)
#define sys_mutex_valid(m)           ((m) != NULL && (m)->valid)
#define sys_mutex_set_invalid(m)     do { if ((m) != NULL) (m)->valid = 0; } while (0)
#define sys_mbox_valid(b)            ((b) != NULL && (b)->valid)
#define sys_mbox_set_invalid(b)      do { if ((b) != NULL) (b)->valid = 0; } while (0)

#endif
