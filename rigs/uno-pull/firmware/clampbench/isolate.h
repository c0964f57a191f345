// ISO: drive each pole's near end in turn and read every far-end terminal and every other
// pole's near end through the mux; reply with the wiring map and the shorted pairs.
#ifndef ISOLATE_H
#define ISOLATE_H
#include <stdint.h>
// Start the check of a DUT with this many poles (argument already checked).
void isolate_start(uint16_t id, uint8_t poles);
// Advance: switch the next node when its settle time has passed and read it.
void isolate_poll();
// End early: relays open, abort answers error:22, an alarm error:10.
void isolate_cancel(uint8_t alarmCode);
#endif
