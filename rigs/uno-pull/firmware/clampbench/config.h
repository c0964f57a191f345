// Firmware-wide constants: buffer sizes, derived rig figures and pin helpers.
// Rig figures come from rig_config.h (generated from rig.yaml); protocol limits from codes.h
// (generated from codes.yaml); argument and setting ranges from commands_table.h (commands.yaml). Every value is cast where it is used in float math, so the
// generator may emit a YAML integer either as an integer or as a float.
#ifndef CONFIG_H
#define CONFIG_H

#include <avr/io.h>
#include "codes.h"
#include "rig_config.h"

#define FW_VERSION "0.2.0"
#define SETTINGS_VERSION 2

// Tolerate either spelling of the loadCell section in the generated header.
#if !defined(RIG_LOADCELL_CAPACITY_N) && defined(RIG_LOAD_CELL_CAPACITY_N)
#define RIG_LOADCELL_CAPACITY_N RIG_LOAD_CELL_CAPACITY_N
#define RIG_LOADCELL_DEFAULT_COUNTS_PER_N RIG_LOAD_CELL_DEFAULT_COUNTS_PER_N
#define RIG_LOADCELL_DEFAULT_TARE_COUNTS RIG_LOAD_CELL_DEFAULT_TARE_COUNTS
#endif

// ---- buffers ----
#define SERIAL_RX_RING_SIZE 64    // power of two
#define SERIAL_TX_RING_SIZE 256   // power of two; holds a whole device line (at most 255 + newline; INFO ~240)
#define LINE_BUFFER_SIZE (LIMIT_LINE_MAX_CHARS + 1)
#define PROTOCOL_MAX_ARGS 6
#define REPORT_LAST_DONE_CHARS 160  // the longest DONE:PULL from PULL on: 144 characters (forces clamped at 4e9)

// ---- derived rig figures ----
#define STEPS_PER_MM ((float)RIG_MOTION_STEPS_PER_REV * (float)RIG_MOTION_MICROSTEPS / (float)RIG_MOTION_LEAD_SCREW_PITCH_MM)
#define MAX_SPEED_STEPS_PER_S ((float)RIG_MOTION_MAX_SPEED_MMPS * STEPS_PER_MM)
#define TRAVEL_STEPS ((int32_t)((float)RIG_MOTION_TRAVEL_MM * STEPS_PER_MM))
// An approach that travels this far without reaching the preload has nothing in its grip (PULL result=noload).
#define MAX_SLACK_STEPS ((int32_t)((float)RIG_MOTION_MAX_SLACK_MM * STEPS_PER_MM))
#define HOMING_MAX_STEPS ((int32_t)((float)RIG_MOTION_TRAVEL_MM * 1.1f * STEPS_PER_MM))
#define FORCE_CAP_N ((float)RIG_FORCE_CAP_N)
#define CAPACITY_N ((float)RIG_LOADCELL_CAPACITY_N)
#define MAX_TEST_CURRENT_A ((float)RIG_CURRENT_MAX_TEST_CURRENT_A)
#define DAC_FULL_SCALE_A ((float)RIG_CURRENT_DAC_FULL_SCALE_A)
#define DAC_MAX_CODE ((1u << RIG_CURRENT_DAC_BITS) - 1u)
#define ADC_VOLTS_PER_COUNT ((float)RIG_CURRENT_ADC_REF_V / 1024.0f)
// ADC volts -> quantity
#define SENSE_MV_PER_ADC_VOLT (1000.0f / (float)RIG_CURRENT_SENSE_GAIN)
#define SHUNT_A_PER_ADC_VOLT (1000.0f / ((float)RIG_CURRENT_SHUNT_MILLIOHM * (float)RIG_CURRENT_SHUNT_GAIN))
// isolation: ADC code above which the sensed node is "connected"
#define ISO_THRESHOLD_ADC ((uint16_t)((float)RIG_ISOLATION_THRESHOLD_V * (float)RIG_ISOLATION_DIVIDER_RATIO / ADC_VOLTS_PER_COUNT))
// insulation resistance (INSUL)
#define INSUL_REFERENCE_OHM ((float)RIG_ISOLATION_INSULATION_REFERENCE_OHM)
#define INSUL_RANGE_LOW_OHM ((float)RIG_ISOLATION_INSULATION_RANGE_LOW_OHM)
#define INSUL_RANGE_HIGH_OHM ((float)RIG_ISOLATION_INSULATION_RANGE_HIGH_OHM)
#define INSUL_CONVERSIONS ((uint8_t)RIG_ISOLATION_INSULATION_CONVERSIONS)
#define RIG_POLES_MASK ((uint8_t)((1u << RIG_POLES) - 1u))

// ---- timing ----
#define ISO_MUX_SETTLE_MS RIG_RELAYS_MUX_SETTLE_MS  // mux-only change (no relay contact moves a long way)
#define ISO_CONVERSIONS 4            // ADC conversions averaged per isolation node
#define WATCHDOG_TICK_MARGIN_MS 2     // host-silence watchdog trips this much early (millis() tick jitter), never late
#define LOADCELL_TIMEOUT_MS 200      // no reading for longer while force is needed -> alarm
#define LOADCELL_SATURATION_COUNTS 0x7FFFF0L
#define TARE_READINGS 16             // HX711 readings averaged by TARE / SPAN
#define TARE_TIMEOUT_MS 1000         // TARE / SPAN give up (error 18) after this
#define THERMO_PERIOD_MS 100
#define HEAT_CHECK_PERIOD_MS 100     // shunt check while HEAT is on
#define HEAT_CHECK_CONVERSIONS 16
// timer1 at F_CPU/256: 16 us ticks are fine enough for 5 mm/s (16 ticks a step) and cost a
// simulator a quarter of the timer events of F_CPU/64.
#define STEPPER_TIMER_HZ 62500UL
#define STEPPER_MIN_STEPS_PER_S 4.0f // below this the motor stands still

// ---- force control (pull) ----
#define PULL_LOOP_GAIN 0.25f         // per-period loop gain k*T*Kp (critically damped with one period of delay)
#define PULL_STIFFNESS_INIT_NPMM 400.0f   // start with the stiffest expected DUT: stable for all softer ones
#define PULL_STIFFNESS_MIN_NPMM 5.0f
#define PULL_STIFFNESS_MAX_NPMM 2000.0f
#define PULL_STIFFNESS_WINDOW_STEPS 40    // displacement between stiffness estimates (0.05 mm)
#define PULL_STIFFNESS_WINDOW_N 2.0f      // ... or this force rise (20 sigma of the cell's noise), whichever comes first
#define PULL_STIFFNESS_MIN_STEPS 8        // never from fewer steps: one step is 1/8 of that
#define PULL_TAUT_N 0.5f                  // a reading above this during the approach: the conductor is taut
#define PULL_MAX_LEAD_PERIODS 3.0f        // the ramp's setpoint leads the force by at most this many periods of rate
#define PULL_MIN_LEAD_N 0.3f              // ... but never less than 4 sigma of the cell's noise (0.07 N)

// ---- pin helpers: Arduino Uno pin number -> port / bit (compile-time) ----
#define PIN_PORT(p) ((p) < 8 ? &PORTD : ((p) < 14 ? &PORTB : &PORTC))
#define PIN_DDR(p) ((p) < 8 ? &DDRD : ((p) < 14 ? &DDRB : &DDRC))
#define PIN_INREG(p) ((p) < 8 ? &PIND : ((p) < 14 ? &PINB : &PINC))
#define PIN_BIT(p) ((p) < 8 ? (p) : ((p) < 14 ? (p) - 8 : (p) - 14))
#define PIN_MASK(p) ((uint8_t)(1u << PIN_BIT(p)))
#define PIN_HIGH(p) (*PIN_PORT(p) |= PIN_MASK(p))
#define PIN_LOW(p) (*PIN_PORT(p) &= (uint8_t)~PIN_MASK(p))
#define PIN_READ(p) ((*PIN_INREG(p) & PIN_MASK(p)) != 0)
#define PIN_OUTPUT(p) (*PIN_DDR(p) |= PIN_MASK(p))
#define PIN_INPUT_PULLUP(p) do { *PIN_DDR(p) &= (uint8_t)~PIN_MASK(p); *PIN_PORT(p) |= PIN_MASK(p); } while (0)
#define PIN_INPUT(p) do { *PIN_DDR(p) &= (uint8_t)~PIN_MASK(p); *PIN_PORT(p) &= (uint8_t)~PIN_MASK(p); } while (0)

#endif
