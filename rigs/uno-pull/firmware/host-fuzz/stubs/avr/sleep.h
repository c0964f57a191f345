// Host stand-in for avr/sleep.h: a sleep lasts until the next millis tick at the latest, the
// interrupt that always comes: the host model's rig time moves on to the next millisecond.
#ifndef HOST_AVR_SLEEP_H
#define HOST_AVR_SLEEP_H
#include "../host_hw.h"

#define SLEEP_MODE_IDLE 0
#define set_sleep_mode(mode) ((void)(mode))
#define sleep_enable() ((void)0)
#define sleep_disable() ((void)0)
#define sleep_cpu() (host_hw_time_us = (host_hw_time_us / 1000u + 1u) * 1000u, timer0_millis = (unsigned long)(host_hw_time_us / 1000u))
#endif
