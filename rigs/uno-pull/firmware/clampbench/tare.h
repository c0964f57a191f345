// TARE and SPAN: average TARE_READINGS load-cell readings and store the zero or the span.
#ifndef TARE_H
#define TARE_H
#include <stdint.h>
// Start: knownN 0 = TARE (zero), else SPAN with that force applied now.
void tare_start(uint16_t id, float knownN);
// Take one load-cell reading into the average (called on every new reading).
void tare_on_reading();
// Give up with error:18 when the load cell stays silent.
void tare_poll();
// End early: abort answers error:22, an alarm error:10.
void tare_cancel(uint8_t alarmCode);
#endif
