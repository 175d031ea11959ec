/* SPDX-License-Identifier: Apache-2.0 */
/* startup.c - MPS2 AN386 (Cortex-M4F): vectors, reset, SysTick clock, UART,
 * semihosting exit, fault handler, stack painting. */
#include <stdint.h>
#include <string.h>
#include "board.h"

extern uint32_t _sidata, _sdata, _edata, _sbss, _ebss, _sstack, _estack;   /* painted: BOARD_STACK_PAINT */
extern int main(void);

/* ---- semihosting ---- */
static int sh_call(int op, void *arg)
{
    register int r0 __asm__("r0") = op;
    register void *r1 __asm__("r1") = arg;
    __asm__ volatile("bkpt 0xab" : "+r"(r0) : "r"(r1) : "memory");
    return r0;
}

void board_exit(int code)
{
    /* SYS_EXIT_EXTENDED: QEMU exits with code as its own status */
    uint32_t block[2] = { 0x20026u /* ADP_Stopped_ApplicationExit */, (uint32_t)code };
    sh_call(0x20, block);
    for (;;) { }
}

/* ---- CMSDK UART0 ---- */
#ifndef MPS2_UART0
#define MPS2_UART0 0x40004000u     /* AN386; AN505 (Cortex-M33, Secure alias): 0x50200000 */
#endif
#define UART0_DATA  (*(volatile uint32_t *)(MPS2_UART0 + 0x0u))
#define UART0_STATE (*(volatile uint32_t *)(MPS2_UART0 + 0x4u))
#define UART0_CTRL  (*(volatile uint32_t *)(MPS2_UART0 + 0x8u))
#define UART0_BAUD  (*(volatile uint32_t *)(MPS2_UART0 + 0x10u))

static void uart_init(void)
{
    UART0_BAUD = 16;
    UART0_CTRL = 1;   /* TX enable */
}

void board_puts(const char *s)
{
    while (*s) {
        if (*s == '\n') {
            while (UART0_STATE & 1u) { }
            UART0_DATA = '\r';
        }
        while (UART0_STATE & 1u) { }
        UART0_DATA = (uint8_t)*s++;
    }
}

void board_putn(const char *s, size_t n)
{
    char c[2] = { 0, 0 };
    while (n-- > 0 && *s) {
        c[0] = *s++;
        board_puts(c);
    }
}

/* ---- SysTick: the millisecond clock (25 MHz core clock in QEMU's MPS2) ---- */
#define SYST_CSR (*(volatile uint32_t *)0xE000E010u)
#define SYST_RVR (*(volatile uint32_t *)0xE000E014u)
#define SYST_CVR (*(volatile uint32_t *)0xE000E018u)
#ifndef BOARD_CPU_HZ
#define BOARD_CPU_HZ 25000000u     /* AN386; AN505: 20 MHz */
#endif

static volatile uint32_t ticks_ms;

static void SysTick_Handler(void) { ticks_ms++; }

uint32_t board_ms(void) { return ticks_ms; }
uint32_t board_cycles(void) { return SYST_CVR; }

/* ---- faults ---- */
static void Fault_Handler(void)
{
    board_puts("FAULT\n");
    board_exit(99);
}

/* ---- reset ---- */
__attribute__((naked, noreturn)) void Reset_Handler(void);
__attribute__((used, noreturn)) static void reset_c(void);

void Reset_Handler(void)
{
    /* paint the stack below the current SP, then continue in C */
    __asm__ volatile(
        "ldr r0, =_sstack\n"
        "mov r1, sp\n"
        "ldr r2, =" BOARD_STR(BOARD_STACK_PAINT) "\n"
        "1: cmp r0, r1\n"
        "bhs 2f\n"
        "str r2, [r0], #4\n"
        "b 1b\n"
        "2: b reset_c\n");
}

static void reset_c(void)
{
    uint32_t *src = &_sidata, *dst = &_sdata;
    while (dst < &_edata) *dst++ = *src++;
    for (dst = &_sbss; dst < &_ebss; ) *dst++ = 0;
    /* FPU: full access to CP10/CP11 before any floating-point code */
    *(volatile uint32_t *)0xE000ED88u |= (0xFu << 20);
    __asm__ volatile("dsb\n isb" ::: "memory");
    uart_init();
    SYST_RVR = BOARD_CPU_HZ / 1000u - 1u;
    SYST_CVR = 0;
    SYST_CSR = 7;   /* processor clock, interrupt, enable */
    board_exit(main());
}

/* ---- vectors ---- */
typedef void (*vector_t)(void);
__attribute__((section(".isr_vector"), used))
static const vector_t vectors[16 + 32] = {
    (vector_t)(uintptr_t)&_estack,
    Reset_Handler,
    Fault_Handler,  /* NMI */
    Fault_Handler,  /* HardFault */
    Fault_Handler,  /* MemManage */
    Fault_Handler,  /* BusFault */
    Fault_Handler,  /* UsageFault */
    0, 0, 0, 0,
    Fault_Handler,  /* SVC */
    Fault_Handler,  /* DebugMon */
    0,
    Fault_Handler,  /* PendSV */
    SysTick_Handler,
    /* external interrupts: none enabled (the NIC is polled) */
};
