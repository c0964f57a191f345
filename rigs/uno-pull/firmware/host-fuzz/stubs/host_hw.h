// The host side of the AVR registers, clock, EEPROM and interrupts that the firmware touches, so
// that the real firmware sources compile and run on x86-64 (host-fuzz only; see ../README.md).
// Model: an infinitely fast UART (a byte written to UDR0 is on the wire at once and its
// TX-complete interrupt is pending until interrupts are enabled), an instant ADC, a clock the
// driver advances, and plain variables for the port and timer registers.
#ifndef HOST_HW_H
#define HOST_HW_H
#include <stddef.h>
#include <stdint.h>

#define HOST_HW_SREG_I 0x80

// SREG: interrupts that became pending while the I bit was clear run when it is set again.
struct HostSreg {
  volatile uint8_t value;
  operator uint8_t() const { return value; }
  HostSreg& operator=(uint8_t v);
};

// UDR0: a write transmits the byte; a read returns the byte the receive interrupt is handling.
struct HostUdr {
  HostUdr& operator=(uint8_t b);
  operator uint8_t() const;
};

// ADCSRA: a conversion started with ADSC is complete at once (ADSC reads back clear).
struct HostAdcsra {
  volatile uint8_t value;
  operator uint8_t() const { return (uint8_t)(value & ~(1u << 6)); }
  HostAdcsra& operator=(uint8_t v) { value = v; return *this; }
  HostAdcsra& operator|=(uint8_t v) { value = (uint8_t)(*this | v); return *this; }
};

// ADC: the result of the channel selected in ADMUX (host_hw_adc_result).
struct HostAdc {
  operator uint16_t() const;
};

// SPSR: every transfer is complete at once (SPIF reads back set).
struct HostSpsr {
  operator uint8_t() const { return 0x80; }
  HostSpsr& operator=(uint8_t) { return *this; }
};

// SPDR: writes go nowhere; reads return 0 (the MAX31855 reads 0 degC, no fault).
struct HostSpdr {
  operator uint8_t() const { return 0; }
  HostSpdr& operator=(uint8_t) { return *this; }
};

extern HostSreg SREG;
extern HostUdr UDR0;

// Clear the I bit.
void host_hw_cli();
// Set the I bit (pending interrupts run).
void host_hw_sei();
// Run the pending TX-complete interrupt(s) if the I bit is set.
void host_hw_run_pending_interrupts();
// Deliver one received byte through the real USART receive interrupt (I bit must be set).
void host_hw_receive(uint8_t b);
// Deliver a pin change on the E-stop's port through the real pin-change interrupt.
void host_hw_pin_change();

// Rig time in microseconds; millis() and micros() read it, delayMicroseconds() advances it.
extern uint64_t host_hw_time_us;
// The Arduino core's millis count (wiring.c), which idle.cpp peeks at: rig time in ms, brought up
// to date by millis() and by a sleep.
extern volatile unsigned long timer0_millis;

// Every byte the firmware has sent since the last take (an infinitely fast UART).
struct HostTxCapture {
  char bytes[1 << 16];
  size_t length;
  bool overflowed;
};
extern HostTxCapture host_hw_tx;
// Hook run on every transmitted byte before it is captured (fault injection): returns the byte
// to capture, or -1 to drop it.
extern int (*host_hw_tx_filter)(uint8_t b);

// The 1 KiB EEPROM of the ATmega328P.
extern uint8_t host_hw_eeprom[1024];

// Called when the firmware enables the watchdog to reboot (Ctrl-X); never returns.
extern void (*host_hw_on_reboot)();

// Input pins the driver sets: E-stop (HIGH = pressed), guard (HIGH = open), home (LOW = at home),
// HX711 DOUT (LOW = conversion ready).
void host_hw_set_estop(bool pressed);
void host_hw_set_guard(bool open);
void host_hw_set_home(bool atHome);
void host_hw_set_loadcell_ready(bool ready);
bool host_hw_loadcell_ready();
#endif
