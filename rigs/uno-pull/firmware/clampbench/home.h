// HOME: run toward the home switch at full speed; the step interrupt stops on the switch, and
// the position becomes 0. No switch within the travel (+10 %) -> HOMING_FAILED.
#ifndef HOME_H
#define HOME_H
#include <stdint.h>
// Accept a HOME request (checks done): reply ok and start moving.
void home_start(uint16_t id);
// Finish when the interrupt stopped on the switch or at the search limit.
void home_poll();
// While HOME runs and the motor stands: true, *atMs now (home_poll has a stop to take); false while
// it moves (the motor stopping wakes the loop).
bool home_next_ms(uint32_t* atMs);
// End early with DONE:HOME result=aborted (0) or result=alarm.
void home_cancel(uint8_t alarmCode);
#endif
