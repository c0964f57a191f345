#include "adc.h"
#include <avr/interrupt.h>
#include <avr/io.h>

// Conversions are polled; their complete interrupt only ends the main loop's idle sleep (idle.cpp),
// so the CPU sleeps through the 104 us of a conversion instead of polling it.
EMPTY_INTERRUPT(ADC_vect)

static const uint8_t ADMUX_REF_INTERNAL = (1 << REFS1) | (1 << REFS0);

void adc_init() {
  ADMUX = ADMUX_REF_INTERNAL;
  ADCSRA = (1 << ADEN) | (1 << ADIE) | (1 << ADPS2) | (1 << ADPS1) | (1 << ADPS0);  // 125 kHz
  (void)adc_read_now(0);  // first conversion after a reference change is not valid
}

void adc_start(uint8_t channel) {
  ADMUX = ADMUX_REF_INTERNAL | (channel & 0x07);
  ADCSRA |= (1 << ADSC);
}

bool adc_done() { return !(ADCSRA & (1 << ADSC)); }

uint16_t adc_result() { return ADC; }

uint16_t adc_read_now(uint8_t channel) {
  adc_start(channel);
  while (!adc_done()) {
  }
  return adc_result();
}
