// ADC with the internal 1.1 V reference, used without blocking: start a conversion, poll, read.
// Its conversion-complete interrupt is on, to wake the idle sleep; it does nothing else.
#ifndef ADC_H
#define ADC_H
#include <stdint.h>
// Select the internal reference and throw away the first conversion after the switch.
void adc_init();
// Start one conversion on a channel (0..5).
void adc_start(uint8_t channel);
// True when the conversion started last has finished.
bool adc_done();
// Result (0..1023) of the finished conversion.
uint16_t adc_result();
// Blocking single conversion (about 104 us); for short, bounded uses only.
uint16_t adc_read_now(uint8_t channel);
#endif
