#include "loadcell.h"
#include <Arduino.h>
#include <avr/interrupt.h>
#include "config.h"
#include "settings.h"

static int32_t counts;
static float force_n;
static uint32_t last_ms;
static bool has_reading;

// A conversion ready (DOUT falling) wakes the sleeping main loop (idle.h) at once rather than at
// the next millis tick: the pin-change interrupt of DOUT's port, which does nothing else.
#if RIG_PINS_LOAD_CELL_DATA < 8
#define DOUT_PCINT_VECT PCINT2_vect
#define DOUT_PCIE PCIE2
#define DOUT_PCMSK PCMSK2
#elif RIG_PINS_LOAD_CELL_DATA < 14
#define DOUT_PCINT_VECT PCINT0_vect
#define DOUT_PCIE PCIE0
#define DOUT_PCMSK PCMSK0
#else
#define DOUT_PCINT_VECT PCINT1_vect
#define DOUT_PCIE PCIE1
#define DOUT_PCMSK PCMSK1
#endif
#if (RIG_PINS_LOAD_CELL_DATA < 8) == (RIG_PINS_ESTOP < 8) && (RIG_PINS_LOAD_CELL_DATA < 14) == (RIG_PINS_ESTOP < 14)
#error "the load cell's DOUT and the E-stop share a pin-change interrupt: put them on different ports"
#endif

EMPTY_INTERRUPT(DOUT_PCINT_VECT);

void loadcell_init() {
  PIN_LOW(RIG_PINS_LOAD_CELL_CLOCK);
  PIN_OUTPUT(RIG_PINS_LOAD_CELL_CLOCK);
  PIN_INPUT(RIG_PINS_LOAD_CELL_DATA);
  DOUT_PCMSK |= PIN_MASK(RIG_PINS_LOAD_CELL_DATA);
  PCICR |= (1 << DOUT_PCIE);
}

// One PD_SCK pulse; returns DOUT sampled after the rising edge. Interrupts are held off only
// while the clock is high: a high period over 60 us would power the HX711 down.
static uint8_t clock_pulse() {
  uint8_t oldSreg = SREG;
  cli();
  PIN_HIGH(RIG_PINS_LOAD_CELL_CLOCK);
  delayMicroseconds(1);
  uint8_t bit = PIN_READ(RIG_PINS_LOAD_CELL_DATA) ? 1 : 0;
  PIN_LOW(RIG_PINS_LOAD_CELL_CLOCK);
  SREG = oldSreg;
  delayMicroseconds(1);
  return bit;
}

bool loadcell_ready() { return !PIN_READ(RIG_PINS_LOAD_CELL_DATA); }

bool loadcell_poll() {
  if (PIN_READ(RIG_PINS_LOAD_CELL_DATA)) return false;  // conversion not ready
  uint32_t raw = 0;
  for (uint8_t i = 0; i < 24; i++) raw = (raw << 1) | clock_pulse();
  clock_pulse();  // 25th pulse: channel A, gain 128 for the next conversion
  if (raw & 0x800000UL) raw |= 0xFF000000UL;
  counts = (int32_t)raw;
  force_n = (float)(counts - settings.tareCounts) / settings.countsPerN;
  last_ms = millis();
  if (last_ms == 0) last_ms = 1;
  has_reading = true;
  return true;
}

int32_t loadcell_counts() { return counts; }
float loadcell_force_n() { return force_n; }
uint32_t loadcell_last_ms() { return last_ms; }
bool loadcell_has_reading() { return has_reading; }
