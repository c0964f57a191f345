// Host model of the ATmega328P parts the firmware touches; see host_hw.h.
#include "host_hw.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "config.h"
#include "current.h"

volatile uint8_t PINB, DDRB, PORTB, PINC, DDRC, PORTC, PIND, DDRD, PORTD;
volatile uint8_t MCUSR, PCICR, PCMSK0, PCMSK1, PCMSK2;
volatile uint8_t TCCR1A, TCCR1B, TCCR2B, TIMSK1, TIFR1;
volatile uint16_t OCR1A, TCNT1;
volatile uint8_t UCSR0A, UCSR0B, UCSR0C, UBRR0H, UBRR0L;
volatile uint8_t ADMUX, SPCR;
HostAdcsra ADCSRA;
HostAdc ADC;
HostSpsr SPSR;
HostSpdr SPDR;
HostSreg SREG;
HostUdr UDR0;

uint64_t host_hw_time_us;
volatile unsigned long timer0_millis;
HostTxCapture host_hw_tx;
int (*host_hw_tx_filter)(uint8_t b);
uint8_t host_hw_eeprom[1024];

static void reboot_unexpected() {
  fprintf(stderr, "host_hw: the firmware rebooted through the watchdog\n");
  abort();
}
void (*host_hw_on_reboot)() = reboot_unexpected;

extern "C" void USART_RX_vect(void);
extern "C" void USART_TX_vect(void);
#if RIG_PINS_ESTOP < 8
extern "C" void PCINT2_vect(void);
#define ESTOP_PIN_CHANGE PCINT2_vect
#elif RIG_PINS_ESTOP < 14
extern "C" void PCINT0_vect(void);
#define ESTOP_PIN_CHANGE PCINT0_vect
#else
extern "C" void PCINT1_vect(void);
#define ESTOP_PIN_CHANGE PCINT1_vect
#endif

static volatile bool tx_complete_pending;
static uint8_t rx_byte;

// An interrupt handler runs with the I bit clear, as on the AVR.
static void run_isr(void (*isr)()) {
  uint8_t saved = SREG.value;
  SREG.value = (uint8_t)(saved & ~HOST_HW_SREG_I);
  isr();
  SREG.value = saved;
}

void host_hw_run_pending_interrupts() {
  while (tx_complete_pending && (SREG.value & HOST_HW_SREG_I)) {
    tx_complete_pending = false;
    run_isr(USART_TX_vect);
  }
}

HostSreg& HostSreg::operator=(uint8_t v) {
  value = v;
  host_hw_run_pending_interrupts();
  return *this;
}

void host_hw_cli() { SREG.value = (uint8_t)(SREG.value & ~HOST_HW_SREG_I); }

void host_hw_sei() {
  SREG.value = (uint8_t)(SREG.value | HOST_HW_SREG_I);
  host_hw_run_pending_interrupts();
}

HostUdr& HostUdr::operator=(uint8_t b) {
  int sent = host_hw_tx_filter ? host_hw_tx_filter(b) : b;
  if (sent >= 0) {
    if (host_hw_tx.length < sizeof(host_hw_tx.bytes)) host_hw_tx.bytes[host_hw_tx.length++] = (char)sent;
    else host_hw_tx.overflowed = true;
  }
  tx_complete_pending = true;
  host_hw_run_pending_interrupts();
  return *this;
}

HostUdr::operator uint8_t() const { return rx_byte; }

void host_hw_receive(uint8_t b) {
  if (!(SREG.value & HOST_HW_SREG_I)) {
    fprintf(stderr, "host_hw: byte received with interrupts disabled\n");
    abort();
  }
  rx_byte = b;
  run_isr(USART_RX_vect);
  host_hw_run_pending_interrupts();
}

void host_hw_pin_change() {
  if (SREG.value & HOST_HW_SREG_I) run_isr(ESTOP_PIN_CHANGE);
}

// The amplifiers as the firmware expects them: the shunt reads the setpoint (so VDROP neither
// trips OPEN_CIRCUIT nor OVERCURRENT), the sense a 1.7 mV drop, the isolation node nothing.
HostAdc::operator uint16_t() const {
  uint8_t channel = (uint8_t)(ADMUX & 0x07);
  if (channel == RIG_PINS_SHUNT_ADC) {
    float code = current_setpoint_a() / (ADC_VOLTS_PER_COUNT * SHUNT_A_PER_ADC_VOLT) + 0.5f;
    return code >= 1023.0f ? 1023 : (uint16_t)code;
  }
  if (channel == RIG_PINS_SENSE_ADC) return 158;
  return 0;
}

static void set_pin(uint8_t pin, bool high) {
  if (high) *PIN_INREG(pin) |= PIN_MASK(pin);
  else *PIN_INREG(pin) &= (uint8_t)~PIN_MASK(pin);
}

static bool pin_high(uint8_t pin) { return (*PIN_INREG(pin) & PIN_MASK(pin)) != 0; }

void host_hw_set_estop(bool pressed) {
  if (pin_high(RIG_PINS_ESTOP) == pressed) return;
  set_pin(RIG_PINS_ESTOP, pressed);
  host_hw_pin_change();
}

void host_hw_set_guard(bool open) { set_pin(RIG_PINS_GUARD, open); }
void host_hw_set_home(bool atHome) { set_pin(RIG_PINS_HOME, !atHome); }
void host_hw_set_loadcell_ready(bool ready) { set_pin(RIG_PINS_LOAD_CELL_DATA, !ready); }
bool host_hw_loadcell_ready() { return !pin_high(RIG_PINS_LOAD_CELL_DATA); }

static void eeprom_check(const void* address, size_t n) {
  uintptr_t start = (uintptr_t)address;
  if (start > sizeof(host_hw_eeprom) || n > sizeof(host_hw_eeprom) - start) {
    fprintf(stderr, "host_hw: EEPROM access outside 0..1023: %lu+%zu\n", (unsigned long)start, n);
    abort();
  }
}

void eeprom_read_block(void* dst, const void* eepromSrc, size_t n) {
  eeprom_check(eepromSrc, n);
  memcpy(dst, host_hw_eeprom + (uintptr_t)eepromSrc, n);
}

void eeprom_update_block(const void* src, void* eepromDst, size_t n) {
  eeprom_check(eepromDst, n);
  memcpy(host_hw_eeprom + (uintptr_t)eepromDst, src, n);
}
