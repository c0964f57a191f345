// Host stand-in for avr/wdt.h: enabling the watchdog is how the firmware reboots.
#ifndef HOST_AVR_WDT_H
#define HOST_AVR_WDT_H
#include "../host_hw.h"

#define WDTO_15MS 0
inline void wdt_disable() {}
inline void wdt_enable(uint8_t) { host_hw_on_reboot(); }
#endif
