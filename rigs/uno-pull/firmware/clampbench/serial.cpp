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
// Line ends in the receive ring: a whole line waits for the main loop.
static volatile uint8_t rx_line_ends;
static volatile bool tx_active;

#if SERIAL_TX_RING_SIZE > 256 || SERIAL_RX_RING_SIZE > 256
#error ring indices are 8 bits
#endif

void serial_init() {
  const uint16_t ubrr = (uint16_t)((F_CPU / (8UL * PROTOCOL_BAUD)) - 1UL);  // 16 at 16 MHz
  UBRR0H = (uint8_t)(ubrr >> 8);
  UBRR0L = (uint8_t)ubrr;
  UCSR0A = (1 << U2X0);
  UCSR0C = (1 << UCSZ01) | (1 << UCSZ00);
  UCSR0B = (1 << RXEN0) | (1 << TXEN0) | (1 << RXCIE0) | (1 << TXCIE0);
}

static void ring_put(uint8_t b) {
  uint8_t next = (uint8_t)((rx_head + 1) & (SERIAL_RX_RING_SIZE - 1));
  if (next == rx_tail) { rx_overflow = true; return; }
  rx_buffer[rx_head] = b;
  rx_head = next;
  if (b == '\n') rx_line_ends++;
}

// '?' acts wherever it arrives. '!' and 0x18 act only as a line of their own: at a line start and
// followed by the newline, which they take along. One flipped bit turns '#' or ' ' into '!' and
// '8' into 0x18 at any place of a line; the newline after it makes that an impossible accident.
// Any other byte after a held one puts both into the line, where they make it invalid.
static volatile bool at_line_start = true;
static volatile uint8_t held_realtime;  // SERIAL_RT_ABORT or SERIAL_RT_RESET waiting for its newline

ISR(USART_RX_vect) {
  uint8_t status = UCSR0A;
  uint8_t b = UDR0;
  (void)status;
  if (b == '?') { realtime_flags |= SERIAL_RT_STATUS; return; }
  if (held_realtime) {
    uint8_t held = held_realtime;
    held_realtime = 0;
    if (b == '\n') {
      realtime_flags |= held;
      at_line_start = true;
      return;
    }
    ring_put(held == SERIAL_RT_ABORT ? '!' : 0x18);
  } else if (at_line_start && (b == '!' || b == 0x18)) {
    held_realtime = b == '!' ? SERIAL_RT_ABORT : SERIAL_RT_RESET;
    return;
  }
  at_line_start = b == '\n';
  ring_put(b);
}

// Transmit from the TX-complete interrupt, so UCSR0B is written only once, at init: writing
// it while a byte is being received loses that byte in avr8js (its UCSR0B hook clears RXC),
// and the same firmware must run there.
ISR(USART_TX_vect) {
  uint8_t tail = tx_tail;
  if (tail == tx_head) {
    tx_active = false;
    return;
  }
  UDR0 = tx_buffer[tail];
  tx_tail = (uint8_t)((tail + 1) & (SERIAL_TX_RING_SIZE - 1));
}

bool serial_input_pending() {
  uint8_t fill = (uint8_t)((rx_head - rx_tail) & (SERIAL_RX_RING_SIZE - 1));
  return rx_line_ends != 0 || realtime_flags != 0 || fill >= SERIAL_RX_RING_SIZE / 2;
}

int16_t serial_read() {
  uint8_t tail = rx_tail;
  if (tail == rx_head) return -1;
  uint8_t b = rx_buffer[tail];
  rx_tail = (uint8_t)((tail + 1) & (SERIAL_RX_RING_SIZE - 1));
  if (b == '\n') {
    uint8_t oldSreg = SREG;
    cli();
    rx_line_ends--;
    SREG = oldSreg;
  }
  return b;
}

void serial_write(uint8_t b) {
  uint8_t next = (uint8_t)((tx_head + 1) & (SERIAL_TX_RING_SIZE - 1));
  while (next == tx_tail) {
    // ring full: the TX-complete interrupt drains it (never called with interrupts off)
  }
  uint8_t oldSreg = SREG;
  cli();
  if (!tx_active) {
    tx_active = true;
    UDR0 = b;
  } else {
    tx_buffer[tx_head] = b;
    tx_head = next;
  }
  SREG = oldSreg;
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
