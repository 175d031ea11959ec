/* SPDX-License-Identifier: Apache-2.0 */
/* startup.c - QEMU RISC-V virt (rv32imac, machine mode): reset, the CLINT
 * timer as the millisecond clock, the NS16550A UART, exit through the SiFive
 * test device (QEMU's exit status), a trap handler, stack painting. */
#include <stdint.h>
#include <string.h>
#include "board.h"

extern uint32_t _sidata, _sdata, _edata, _sbss, _ebss, _sstack, _estack;   /* painted: BOARD_STACK_PAINT */
extern int main(void);

#define UART_THR    (*(volatile uint8_t *)0x10000000u)
#define UART_LSR    (*(volatile uint8_t *)0x10000005u)
#define TEST_DEVICE (*(volatile uint32_t *)0x00100000u)
#define MTIME_LO    (*(volatile uint32_t *)0x0200bff8u)
#define MTIME_HI    (*(volatile uint32_t *)0x0200bffcu)
#define MTIME_HZ    10000000u

void board_exit(int code)
{
    /* 0x5555: pass (status 0); code << 16 | 0x3333: fail with that status */
    TEST_DEVICE = code == 0 ? 0x5555u : ((uint32_t)code << 16) | 0x3333u;
    for (;;) { }
}

static void uart_putc(char c)
{
    while ((UART_LSR & 0x20u) == 0) { }
    UART_THR = (uint8_t)c;
}

void board_puts(const char *s)
{
    for (; *s; s++) {
        if (*s == '\n') uart_putc('\r');
        uart_putc(*s);
    }
}

void board_putn(const char *s, size_t n)
{
    for (; n > 0 && *s; n--, s++) uart_putc(*s);
}

static uint64_t mtime(void)
{
    uint32_t hi, lo;
    do {
        hi = MTIME_HI;
        lo = MTIME_LO;
    } while (hi != MTIME_HI);
    return ((uint64_t)hi << 32) | lo;
}

uint32_t board_ms(void) { return (uint32_t)(mtime() / (MTIME_HZ / 1000u)); }
uint32_t board_cycles(void)
{
    uint32_t c;
    __asm__ volatile("csrr %0, mcycle" : "=r"(c));
    return c;
}

uint32_t board_jitter(void) { return MTIME_LO; }

/* Any trap is a fault here (no interrupts are enabled): say where, stop. */
__attribute__((aligned(4), noreturn)) void trap_c(void);
void trap_c(void)
{
    uint32_t cause, epc;
    __asm__ volatile("csrr %0, mcause" : "=r"(cause));
    __asm__ volatile("csrr %0, mepc" : "=r"(epc));
    board_puts("FAULT mcause ");
    board_putu(cause);
    board_puts(" mepc ");
    board_putu(epc);
    board_puts("\n");
    board_exit(99);
}

__attribute__((noreturn)) void reset_c(void);
void reset_c(void)
{
    uint32_t *src = &_sidata, *dst = &_sdata;
    while (dst < &_edata) *dst++ = *src++;
    for (dst = &_sbss; dst < &_ebss; ) *dst++ = 0;
    board_exit(main());
}

/* The reset entry: stack, painted below it, the trap vector, then C. */
__attribute__((naked, noreturn, section(".text.start"))) void _start(void);
void _start(void)
{
    __asm__ volatile(
        "la sp, _estack\n"
        "la t0, _sstack\n"
        "li t1, " BOARD_STR(BOARD_STACK_PAINT) "\n"
        "1: bgeu t0, sp, 2f\n"
        "sw t1, 0(t0)\n"
        "addi t0, t0, 4\n"
        "j 1b\n"
        "2: la t0, trap_c\n"
        "csrw mtvec, t0\n"
        "j reset_c\n");
}
