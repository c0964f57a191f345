// Host stand-in for avr/eeprom.h over a 1 KiB array; an access outside it aborts.
#ifndef HOST_AVR_EEPROM_H
#define HOST_AVR_EEPROM_H
#include <stddef.h>

void eeprom_read_block(void* dst, const void* eepromSrc, size_t n);
void eeprom_update_block(const void* src, void* eepromDst, size_t n);
#endif
