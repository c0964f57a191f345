// All output. Every line is built piecewise straight into the transmit ring while its CRC is
// accumulated; report_end() appends "*XXXX" and the newline. Nothing else writes to serial.
#ifndef REPORT_H
#define REPORT_H
#include <stdint.h>
#include <avr/pgmspace.h>

// Start a device line.
void report_begin();
// Finish the line: append *CRC and newline.
void report_end();
// Append one character.
void report_char(char c);
// Append a RAM string.
void report_str(const char* s);
// Append a flash string.
void report_str_P(const char* s);
// Append an unsigned decimal.
void report_u32(uint32_t v);
// Append a signed decimal.
void report_i32(int32_t v);
// Append a float with a fixed number of decimals (0..4).
void report_fixed(float v, uint8_t decimals);
// Append a float with up to 3 decimals, trailing zeros removed.
void report_compact(float v);
// Append " key=" (key in flash).
void report_key(const char* keyP);

// Start a reply "[#id ]ok" and remember (id, ok) for retries.
void report_ok_begin(uint16_t id);
// Whole reply "[#id ]ok".
void report_ok(uint16_t id);
// Whole reply "[#id ]error:N" and remember (id, N).
void report_error(uint16_t id, uint8_t code);
// Reply to a line refused before its id could be trusted: "error:N", plus " rid=<rid>" unless rid
// is 0 (the id the line's start reads as, unverified); never remembered.
void report_error_rid(uint8_t code, uint16_t rid);
// Reply to a repeated request id: "#id ok dup=1" or "#id error:N dup=1".
void report_duplicate(uint16_t id, uint8_t code);
// Boot banner.
void report_banner();
// "[MSG:text]" with text in flash.
void report_msg_P(const char* textP);
// Start "ALARM:N" (fields may follow; then report_end()).
void report_alarm_begin(uint8_t code);
// The status fields "state=... alarms=..." (after "ok" with a leading space, or inside "<...>").
void report_status_fields(bool leadingSpace);
// Push "<state=... >".
void report_status_push();
// Push a pull sample "S n tMs forceN posMm".
void report_sample(uint16_t n, uint32_t tMs, float forceN, float posMm);
// Start "DONE:<op>" (op in flash) for the operation request opId started; the line is kept, from
// the op on, until the next DONE, for RESULT. Fields follow; then report_end().
void report_done_begin(const char* opP, uint16_t opId);
// RESULT's fields: " op=<PULL|HOME> opId=N running=1" while a long operation runs, else the last
// DONE line's " op=<op> opId=N running=0 result=..." (" op=- opId=0 running=0" before any).
void report_last_done();
#endif
