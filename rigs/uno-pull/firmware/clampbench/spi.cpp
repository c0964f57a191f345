#include "spi.h"
#include "config.h"

void spi_init() {
  PIN_OUTPUT(RIG_PINS_SPI_MOSI);
  PIN_OUTPUT(RIG_PINS_SPI_SCK);
  PIN_INPUT(RIG_PINS_SPI_MISO);
  DDRB |= (1 << DDB2);  // SS must be an output to stay master (it is the relay latch on the Uno)
  SPCR = (1 << SPE) | (1 << MSTR) | (1 << SPR0);  // F_CPU/16 = 1 MHz, mode 0, MSB first
  SPSR = 0;
}

uint8_t spi_transfer(uint8_t out) {
  SPDR = out;
  while (!(SPSR & (1 << SPIF))) {
  }
  return SPDR;
}
