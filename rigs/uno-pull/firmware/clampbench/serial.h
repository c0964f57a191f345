// USART0 with interrupt-driven ring buffers. The receive interrupt picks out the realtime bytes
// ('?' anywhere; '!' and Ctrl-X as a line of their own, "!\n") and only sets flags; everything
// else is queued for the line assembler.
#ifndef SERIAL_H
#define SERIAL_H
#include <stdint.h>

#define SERIAL_RT_STATUS 0x01
#define SERIAL_RT_ABORT 0x02
#define SERIAL_RT_RESET 0x04

// Configure USART0 at PROTOCOL_BAUD 8N1 (U2X) and enable its interrupts.
void serial_init();
// Next received byte, or -1 when none is queued.
int16_t serial_read();
// Queue one byte for sending; waits while the transmit ring is full.
void serial_write(uint8_t b);
// Take (and clear) the realtime flags set by the receive interrupt.
uint8_t serial_take_realtime();
// True while received input waits for the main loop: a whole line, realtime flags, or a receive
// ring half full (drained long before it overflows). The bytes of a line still arriving can wait:
// nothing acts on a line before its end, and a loop pass per byte was most of an idle rig's work.
// Call with interrupts off to decide about sleeping: a byte arriving after the check then wakes
// the sleep.
bool serial_input_pending();
// True once after the receive ring overflowed (a byte was lost).
bool serial_take_overflow();
#endif
