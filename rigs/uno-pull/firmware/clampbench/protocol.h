// Host lines: assembly from the receive ring, the "#id ... *CRC" envelope, the last-id
// dedupe, tokenising, number parsing and dispatch to the command table.
#ifndef PROTOCOL_H
#define PROTOCOL_H
#include <stdint.h>

// One step of CRC-16/CCITT-FALSE (poly 0x1021, init 0xFFFF by the caller).
uint16_t protocol_crc16_update(uint16_t crc, uint8_t b);
// Consume received bytes; execute each complete line.
void protocol_poll();
// Remember the id and reply code of an answered state-changing request (0 = ok); id 0 and the ids
// of reads are ignored.
void protocol_remember(uint16_t id, uint8_t code);
// The newest id remembered (0 = none since boot): INFO reports it as lastId.
uint16_t protocol_newest_id();
// Parse a decimal argument (optional -, at most 3 decimals, no exponent): 0, ERR_BAD_NUMBER or ERR_OUT_OF_RANGE.
uint8_t protocol_parse_number(const char* s, float* out);
// As protocol_parse_number but the value must be a whole number.
uint8_t protocol_parse_integer(const char* s, int32_t* out);
#endif
