// Host stand-in for the Arduino core: only what the clampbench sketch uses.
#ifndef ARDUINO_H
#define ARDUINO_H
#include <stdint.h>
#include <string.h>
#include <avr/interrupt.h>
#include <avr/io.h>
#include <avr/pgmspace.h>

inline uint32_t millis() {
  timer0_millis = (unsigned long)(host_hw_time_us / 1000u);
  return (uint32_t)timer0_millis;
}
inline uint32_t micros() { return (uint32_t)host_hw_time_us; }
inline void delayMicroseconds(unsigned int us) { host_hw_time_us += us; }
#endif
