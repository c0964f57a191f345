// Host stand-in for avr/interrupt.h: an ISR is a plain function the host model calls.
#ifndef HOST_AVR_INTERRUPT_H
#define HOST_AVR_INTERRUPT_H
#include "../host_hw.h"

#define ISR(vector, ...) extern "C" void vector(void)
#define EMPTY_INTERRUPT(vector) extern "C" void vector(void) {}
#define cli() host_hw_cli()
#define sei() host_hw_sei()
#endif
