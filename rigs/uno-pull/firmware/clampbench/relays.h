// 74HC595 chain of three over hardware SPI: Kelvin select, isolation drive, isolation mux.
#ifndef RELAYS_H
#define RELAYS_H
#include <stdint.h>
#define RELAYS_MUX_ENABLE 0x10
#define RELAYS_MUX_INSULATION 0x20  // byte 2 bit 5: the insulation relay (rig.yaml isolation.insulation)
// Set the latch pin up and open every relay.
void relays_init();
// Shift out all three bytes and latch them (outputs change on the latch's rising edge).
void relays_set(uint8_t kelvin, uint8_t isoDrive, uint8_t isoMux);
// Open every relay and disable the mux.
void relays_open_all();
// Connect one pole (1..poles) to the Kelvin path, or none with 0; isolation bytes cleared.
void relays_select_pole(uint8_t pole);
// Pole whose Kelvin relays are closed (0 = none).
uint8_t relays_selected_pole();
#endif
