// HX711 load-cell converter, bit-banged; read only when DOUT is low (conversion ready), so the
// main loop never waits for it.
#ifndef LOADCELL_H
#define LOADCELL_H
#include <stdint.h>
// Clock low, data input.
void loadcell_init();
// Read a conversion if one is ready; returns true when a new reading was taken.
bool loadcell_poll();
// Raw counts of the last reading (24-bit two's complement, sign-extended).
int32_t loadcell_counts();
// Force (N) of the last reading with the current tare and span.
float loadcell_force_n();
// millis() of the last reading (0 = none yet).
uint32_t loadcell_last_ms();
// True when any reading has been taken since boot.
bool loadcell_has_reading();
// True while a conversion is ready to be read (DOUT low): the main loop should run.
bool loadcell_ready();
#endif
