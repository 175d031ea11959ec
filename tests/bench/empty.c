/* SPDX-License-Identifier: Apache-2.0 */
/* empty.c - the bench's floor: a static musl program that does nothing. */
int main(void)
{
    return 0;
}
