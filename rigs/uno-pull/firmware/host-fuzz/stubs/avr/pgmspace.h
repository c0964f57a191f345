// Host stand-in for avr/pgmspace.h: flash and RAM are one address space here.
#ifndef HOST_AVR_PGMSPACE_H
#define HOST_AVR_PGMSPACE_H
#include <string.h>
#include <strings.h>

#define PROGMEM
#define PSTR(s) (s)
#define pgm_read_byte(addr) (*(const uint8_t*)(addr))
// Pointer-sized on the host: the firmware reads flash pointers (names, handlers) with it.
#define pgm_read_word(addr) (*(addr))
#define pgm_read_dword(addr) (*(const uint32_t*)(addr))
#define memcpy_P memcpy
#define strcmp_P strcmp
#define strcasecmp_P strcasecmp
#define strncpy_P strncpy
#endif
