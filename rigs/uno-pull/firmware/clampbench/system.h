// The running operation (at most one) and the state shown on the wire, derived from it.
#ifndef SYSTEM_H
#define SYSTEM_H
#include <stdint.h>

#define OP_NONE 0
#define OP_MEASURE 1  // short
#define OP_ISOLATE 2  // short
#define OP_TARE 3     // short (TARE and SPAN)
#define OP_PULL 4     // long
#define OP_HOME 5     // long
#define OP_INSULATE 6 // short

// Record that an operation started for a request id (0 = none).
void system_begin_op(uint8_t op, uint16_t id);
// Record that the running operation finished.
void system_end_op();
// The running operation (OP_*).
uint8_t system_op();
// Request id of the running operation.
uint16_t system_op_id();
// True while PULL or HOME runs.
bool system_long_op();
// True while VDROP, ISO, TARE or SPAN runs.
bool system_short_op();
// State index (STATE_*) for STATUS.
uint8_t system_state();
// End the running operation: abort byte (alarmCode 0) or a latched alarm; it sends its reply.
void system_cancel_op(uint8_t alarmCode);
// Handle the abort byte: stop everything, end the operation, open relays, no alarm.
void system_abort();
// Reboot through the watchdog (the banner follows).
void system_reboot();
#endif
