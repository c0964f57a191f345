#include "serial.h"
#include <avr/interrupt.h>
#include <avr/io.h>
#include "config.h"

static volatile uint8_t rx_buffer[SERIAL_RX_RING_SIZE];
static volatile uint8_t rx_head, rx_tail;
static volatile uint8_t tx_buffer[SERIAL_TX_RING_SIZE];
static volatile uint8_t tx_head, tx_tail;
static volatile uint8_t realtime_flags;
static volatile bool rx_overflow;

#if SERIAL_TX_RING_SIZE > 256 || SERIAL_RX_RING_SIZE > 256
#error ring indices are 8 bits
#endif

void serial_init() {
  const uint16_t ubrr = (uint16_t)((F_CPU / (8UL * PROTOCOL_BAUD)) - 1UL);  // 16 at 16 MHz
  UBRR0H = (uint8_t)(ubrr >> 8);
  UBRR0L = (uint8_t)ubrr;
  UCSR0A = (1 << U2X0);
  UCSR0C = (1 << UCSZ01) | (1 << UCSZ00);
  UCSR0B = (1 << RXEN0) | (1 << TXEN0) | (1 << RXCIE0);
}

ISR(USART_RX_vect) {
  uint8_t status = UCSR0A;
  uint8_t b = UDR0;
  (void)status;
  if (b == '?') { realtime_flags |= SERIAL_RT_STATUS; return; }
  if (b == '!') { realtime_flags |= SERIAL_RT_ABORT; return; }
  if (b == 0x18) { realtime_flags |= SERIAL_RT_RESET; return; }
  uint8_t next = (uint8_t)((rx_head + 1) & (SERIAL_RX_RING_SIZE - 1));
  if (next == rx_tail) { rx_overflow = true; return; }
  rx_buffer[rx_head] = b;
  rx_head = next;
}

ISR(USART_UDRE_vect) {
  uint8_t tail = tx_tail;
  UDR0 = tx_buffer[tail];
  tail = (uint8_t)((tail + 1) & (SERIAL_TX_RING_SIZE - 1));
  tx_tail = tail;
  if (tail == tx_head) UCSR0B &= (uint8_t)~(1 << UDRIE0);
}

int16_t serial_read() {
  uint8_t tail = rx_tail;
  if (tail == rx_head) return -1;
  uint8_t b = rx_buffer[tail];
  rx_tail = (uint8_t)((tail + 1) & (SERIAL_RX_RING_SIZE - 1));
  return b;
}

void serial_write(uint8_t b) {
  uint8_t next = (uint8_t)((tx_head + 1) & (SERIAL_TX_RING_SIZE - 1));
  while (next == tx_tail) {
    // Ring full: wait for the UDRE interrupt to drain a byte (also works with interrupts off).
    if (!(SREG & (1 << SREG_I)) && (UCSR0A & (1 << UDRE0))) {
      uint8_t tail = tx_tail;
      UDR0 = tx_buffer[tail];
      tx_tail = (uint8_t)((tail + 1) & (SERIAL_TX_RING_SIZE - 1));
    }
  }
  tx_buffer[tx_head] = b;
  tx_head = next;
  UCSR0B |= (1 << UDRIE0);
}

uint8_t serial_take_realtime() {
  uint8_t oldSreg = SREG;
  cli();
  uint8_t f = realtime_flags;
  realtime_flags = 0;
  SREG = oldSreg;
  return f;
}

bool serial_take_overflow() {
  if (!rx_overflow) return false;
  rx_overflow = false;
  return true;
}
