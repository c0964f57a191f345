// Hardware SPI master (mode 0, MSB first, 1 MHz) shared by the relay chain, the DAC and the
// thermocouple converter; each device drives its own select line.
#ifndef SPI_H
#define SPI_H
#include <stdint.h>
// Configure MOSI/SCK/SS as outputs and enable the SPI master.
void spi_init();
// Send one byte and return the byte received at the same time.
uint8_t spi_transfer(uint8_t out);
#endif
