/* SPDX-License-Identifier: Apache-2.0 */
/* board_stack.c - the stack's size and high-water mark (board.h), for the
 * boards whose reset code paints the stack, _sstack up to the first SP, with
 * BOARD_STACK_PAINT before anything runs on it (boards/qemu-mps2,
 * boards/qemu-riscv): the deepest word no longer painted is the mark. */
#include <stdint.h>
#include "board.h"

extern uint32_t _sstack, _estack;   /* the linker script's stack */

size_t board_stack_size(void)
{
    return (size_t)((uintptr_t)&_estack - (uintptr_t)&_sstack);
}

size_t board_stack_used(void)
{
    const uint32_t *p = &_sstack;
    while (p < &_estack && *p == BOARD_STACK_PAINT) p++;
    return (size_t)((uintptr_t)&_estack - (uintptr_t)p);
}
