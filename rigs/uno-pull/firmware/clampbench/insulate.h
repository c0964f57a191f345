// INSUL: insulation resistance between two poles with the insulation relay closed (rig.yaml
// isolation.insulation): first the open bus (the drive level), then pole a on the bus, pole b on
// ground through the mux and every other pole on the guard; R = Rref * n / (d - n).
#ifndef INSULATE_H
#define INSULATE_H
#include <stdint.h>
// Start the measurement between poles a and b (1..RIG_POLES, a != b; arguments already checked).
void insulate_start(uint16_t id, uint8_t a, uint8_t b);
// Advance: wait for the relays, take one conversion per call, reply when both readings are in.
void insulate_poll();
// End early: relays open, abort answers error:22, an alarm error:10.
void insulate_cancel(uint8_t alarmCode);
#endif
