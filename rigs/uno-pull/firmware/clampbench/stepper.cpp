#include "stepper.h"
#include <Arduino.h>
#include <avr/interrupt.h>
#include "config.h"

static volatile int32_t position;
static volatile int8_t direction;   // +1 / -1 requested
static volatile bool moving;
static volatile int32_t min_steps, max_steps;
static volatile bool stop_at_home;
static volatile uint8_t stop_reason;
static volatile bool position_known;  // false at boot: nothing homed yet

void stepper_init() {
  PIN_HIGH(RIG_PINS_MOTOR_ENABLE);
  PIN_OUTPUT(RIG_PINS_MOTOR_ENABLE);
  PIN_LOW(RIG_PINS_STEP);
  PIN_OUTPUT(RIG_PINS_STEP);
  PIN_LOW(RIG_PINS_DIR);
  PIN_OUTPUT(RIG_PINS_DIR);
  TCCR1A = 0;
  TCCR1B = (1 << WGM12) | (1 << CS12);  // CTC on OCR1A, F_CPU/256 (STEPPER_TIMER_HZ)
  OCR1A = 0xFFFF;
  TIMSK1 = 0;
  min_steps = 0;
  max_steps = TRAVEL_STEPS;
}

static void halt_from_isr(uint8_t reason) {
  TIMSK1 &= (uint8_t)~(1 << OCIE1A);
  moving = false;
  stop_reason = reason;
}

ISR(TIMER1_COMPA_vect) {
  if (PIN_READ(RIG_PINS_ESTOP)) {
    PIN_HIGH(RIG_PINS_MOTOR_ENABLE);
    halt_from_isr(STEPPER_STOP_ESTOP);
    return;
  }
  int8_t dir = direction;
  if (dir > 0) {
    if (!PIN_READ(RIG_PINS_DIR)) { PIN_HIGH(RIG_PINS_DIR); return; }  // DIR setup before the edge
    if (position >= max_steps) { halt_from_isr(STEPPER_STOP_LIMIT); return; }
  } else {
    if (PIN_READ(RIG_PINS_DIR)) { PIN_LOW(RIG_PINS_DIR); return; }
    if (stop_at_home && !PIN_READ(RIG_PINS_HOME)) { halt_from_isr(STEPPER_STOP_HOME); return; }
    if (position <= min_steps) { halt_from_isr(STEPPER_STOP_LIMIT); return; }
  }
  PIN_HIGH(RIG_PINS_STEP);
  position += dir;
  delayMicroseconds(2);
  PIN_LOW(RIG_PINS_STEP);
}

void stepper_set_speed(float stepsPerS) {
  float mag = stepsPerS < 0 ? -stepsPerS : stepsPerS;
  if (mag > MAX_SPEED_STEPS_PER_S) mag = MAX_SPEED_STEPS_PER_S;
  if (mag < STEPPER_MIN_STEPS_PER_S) {
    stepper_stop();
    PIN_LOW(RIG_PINS_MOTOR_ENABLE);
    return;
  }
  // Rounded up, so the speed never exceeds the one asked for (nor the rig's maximum).
  uint32_t ticks = (uint32_t)((float)STEPPER_TIMER_HZ / mag + 0.999f);
  if (ticks > 65535UL) ticks = 65535UL;
  if (ticks < 8) ticks = 8;
  PIN_LOW(RIG_PINS_MOTOR_ENABLE);
  uint8_t oldSreg = SREG;
  cli();
  direction = stepsPerS < 0 ? -1 : 1;
  OCR1A = (uint16_t)ticks;
  if (!moving) {
    TCNT1 = 0;
    TIFR1 = (1 << OCF1A);
    moving = true;
    TIMSK1 |= (1 << OCIE1A);
  } else if (TCNT1 >= ticks) {
    TCNT1 = (uint16_t)(ticks - 1);  // shorter interval: fire now instead of wrapping
  }
  SREG = oldSreg;
}

void stepper_stop() {
  uint8_t oldSreg = SREG;
  cli();
  TIMSK1 &= (uint8_t)~(1 << OCIE1A);
  moving = false;
  SREG = oldSreg;
}

void stepper_disable() {
  stepper_stop();
  PIN_HIGH(RIG_PINS_MOTOR_ENABLE);
  // A driver without current holds nothing: the carriage may be moved by hand or by the
  // conductor's tension, so the counter no longer says where it is.
  position_known = false;
}

bool stepper_position_unknown() { return !position_known; }

int32_t stepper_position() {
  uint8_t oldSreg = SREG;
  cli();
  int32_t p = position;
  SREG = oldSreg;
  return p;
}

void stepper_set_position(int32_t steps) {
  uint8_t oldSreg = SREG;
  cli();
  position = steps;
  position_known = true;
  SREG = oldSreg;
}

void stepper_set_limits(int32_t minSteps, int32_t maxSteps) {
  uint8_t oldSreg = SREG;
  cli();
  min_steps = minSteps;
  max_steps = maxSteps;
  SREG = oldSreg;
}

void stepper_stop_at_home(bool enable) { stop_at_home = enable; }
bool stepper_moving() { return moving; }

uint8_t stepper_take_stop_reason() {
  uint8_t oldSreg = SREG;
  cli();
  uint8_t r = stop_reason;
  stop_reason = STEPPER_STOP_NONE;
  SREG = oldSreg;
  return r;
}

float stepper_position_mm() { return (float)stepper_position() / STEPS_PER_MM; }
