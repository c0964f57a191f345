// Host stand-in for avr/io.h (ATmega328P): the registers the firmware touches, as variables, and
// their bit numbers. UDR0, SREG and the ADC and SPI data/status registers are objects (host_hw.h)
// so that the host model sees accesses.
#ifndef HOST_AVR_IO_H
#define HOST_AVR_IO_H
#include <stdint.h>
#include "../host_hw.h"

extern volatile uint8_t PINB, DDRB, PORTB, PINC, DDRC, PORTC, PIND, DDRD, PORTD;
extern volatile uint8_t MCUSR, PCICR, PCMSK0, PCMSK1, PCMSK2;
extern volatile uint8_t TCCR1A, TCCR1B, TCCR2B, TIMSK1, TIFR1;
extern volatile uint16_t OCR1A, TCNT1;
extern volatile uint8_t UCSR0A, UCSR0B, UCSR0C, UBRR0H, UBRR0L;
extern volatile uint8_t ADMUX, SPCR;
extern HostAdcsra ADCSRA;
extern HostAdc ADC;
extern HostSpsr SPSR;
extern HostSpdr SPDR;

// USART0
#define RXCIE0 7
#define TXCIE0 6
#define RXEN0 4
#define TXEN0 3
#define UCSZ01 2
#define UCSZ00 1
#define U2X0 1
// timer1
#define WGM12 3
#define CS12 2
#define OCIE1A 1
#define OCF1A 1
// pin-change interrupts
#define PCIE0 0
#define PCIE1 1
#define PCIE2 2
// ADC
#define REFS1 7
#define REFS0 6
#define ADEN 7
#define ADSC 6
#define ADIE 3
#define ADPS2 2
#define ADPS1 1
#define ADPS0 0
// SPI and port B
#define SPE 6
#define MSTR 4
#define SPR0 0
#define SPIF 7
#define DDB2 2
#endif
