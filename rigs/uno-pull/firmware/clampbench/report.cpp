#include "report.h"
#include "config.h"
#include "current.h"
#include "loadcell.h"
#include "protocol.h"
#include "relays.h"
#include "safety.h"
#include "serial.h"
#include "settings.h"
#include "stepper.h"
#include "system.h"
#include "thermo.h"

static uint16_t line_crc;
// The last DONE line from its operation's name on ("PULL result=held ..."), kept for RESULT, and
// the id of the request that started that operation.
static char last_done[REPORT_LAST_DONE_CHARS + 1];
static uint8_t last_done_len;
static uint16_t last_done_id;
static bool capturing;

void report_begin() { line_crc = 0xFFFF; }

void report_char(char c) {
  line_crc = protocol_crc16_update(line_crc, (uint8_t)c);
  serial_write((uint8_t)c);
  if (capturing && last_done_len < REPORT_LAST_DONE_CHARS) last_done[last_done_len++] = c;
}

static char hex_digit(uint8_t v) { return (char)(v < 10 ? '0' + v : 'A' + v - 10); }

void report_end() {
  capturing = false;
  uint16_t crc = line_crc;
  serial_write('*');
  for (int8_t shift = 12; shift >= 0; shift -= 4) serial_write((uint8_t)hex_digit((crc >> shift) & 0x0F));
  serial_write('\n');
}

void report_str(const char* s) {
  while (*s) report_char(*s++);
}

void report_str_P(const char* s) {
  char c;
  while ((c = (char)pgm_read_byte(s++)) != 0) report_char(c);
}

// Powers of ten for decimal_digits and fixed_impl: 10^0 .. 10^9 and 10^0 .. 10^4, in flash and read
// with pgm_read_*. No RAM twin of either: avr-gcc merges identical constant arrays, so a RAM array
// with the same values can end up read from RAM at the flash address (garbage, not a build error).
static const uint32_t POW10_U32[] PROGMEM = {1UL, 10UL, 100UL, 1000UL, 10000UL, 100000UL, 1000000UL, 10000000UL, 100000000UL, 1000000000UL};
static const uint16_t POW10_U16[] PROGMEM = {1, 10, 100, 1000, 10000};

// The decimal digit of v at `power` (v below ten times it), by subtraction; v keeps the rest.
template <typename T>
static inline char digit_at(T& v, T power) {
  char digit = '0';
  while (v >= power) {
    v -= power;
    digit++;
  }
  return digit;
}

// v's decimal digits into buf (at most 10, no terminator), zero-padded to at least minDigits (1..10);
// returns how many. By subtracting powers of ten: the AVR has no divider, and a 32-bit division per
// digit (__udivmodsi4, ~600 cycles) made number formatting the firmware's largest cost while it
// streams samples. Below 65536 (most numbers of a sample line) in 16 bits, from 10^4 down.
static uint8_t decimal_digits(uint32_t v, uint8_t minDigits, char* buf) {
  uint8_t n = 0;
  int8_t p = 9;
  for (; p >= 0; p--) {
    char digit;
    if (v >> 16) {
      digit = digit_at<uint32_t>(v, pgm_read_dword(&POW10_U32[p]));
    } else if (p > 4) {
      digit = '0';  // v < 65536 < 10^p
    } else {
      uint16_t v16 = (uint16_t)v;
      digit = digit_at<uint16_t>(v16, pgm_read_word(&POW10_U16[p]));
      v = v16;
    }
    if (n || digit != '0' || p < (int8_t)minDigits) buf[n++] = digit;
  }
  return n;
}

void report_u32(uint32_t v) {
  char buf[10];
  uint8_t n = decimal_digits(v, 1, buf);
  for (uint8_t i = 0; i < n; i++) report_char(buf[i]);
}

void report_i32(int32_t v) {
  if (v < 0) {
    report_char('-');
    report_u32((uint32_t)(-(v + 1)) + 1u);
  } else {
    report_u32((uint32_t)v);
  }
}

static void fixed_impl(float v, uint8_t decimals, bool trim) {
  if (v != v) { report_str_P(PSTR("nan")); return; }
  bool neg = v < 0;
  if (neg) v = -v;
  if (decimals > 4) decimals = 4;
  uint16_t scale = pgm_read_word(&POW10_U16[decimals]);
  float scaled = v * scale + 0.5f;
  if (scaled >= 4.0e9f) {  // too large for the fixed format: integer part only
    if (neg) report_char('-');
    report_u32(v >= 4.0e9f ? 4000000000UL : (uint32_t)v);
    return;
  }
  uint32_t s = (uint32_t)scaled;
  if (neg && s) report_char('-');
  // The digits of the scaled value with the point put back: at least one integer digit.
  char buf[10];
  uint8_t n = decimal_digits(s, decimals + 1, buf);
  uint8_t intDigits = n - decimals;
  for (uint8_t i = 0; i < intDigits; i++) report_char(buf[i]);
  if (trim) {
    while (decimals && buf[intDigits + decimals - 1] == '0') decimals--;
  }
  if (!decimals) return;
  report_char('.');
  for (uint8_t i = 0; i < decimals; i++) report_char(buf[intDigits + i]);
}

void report_fixed(float v, uint8_t decimals) { fixed_impl(v, decimals, false); }
void report_compact(float v) { fixed_impl(v, 3, true); }

void report_key(const char* keyP) {
  report_char(' ');
  report_str_P(keyP);
  report_char('=');
}

static void id_prefix(uint16_t id) {
  if (!id) return;
  report_char('#');
  report_u32(id);
  report_char(' ');
}

void report_ok_begin(uint16_t id) {
  protocol_remember(id, 0);
  report_begin();
  id_prefix(id);
  report_str_P(PSTR("ok"));
}

void report_ok(uint16_t id) {
  report_ok_begin(id);
  report_end();
}

static void error_begin(uint16_t id, uint8_t code) {
  report_begin();
  id_prefix(id);
  report_str_P(PSTR("error:"));
  report_u32(code);
}

void report_error(uint16_t id, uint8_t code) {
  protocol_remember(id, code);
  error_begin(id, code);
  report_end();
}

void report_error_rid(uint8_t code, uint16_t rid) {
  error_begin(0, code);
  if (rid) {
    report_key(PSTR("rid"));
    report_u32(rid);
  }
  report_end();
}

void report_duplicate(uint16_t id, uint8_t code) {
  report_begin();
  id_prefix(id);
  if (code) {
    report_str_P(PSTR("error:"));
    report_u32(code);
  } else {
    report_str_P(PSTR("ok"));
  }
  report_str_P(PSTR(" dup=1"));
  report_end();
}

void report_banner() {
  report_begin();
  report_str_P(PSTR("clampbench fw=" FW_VERSION " proto="));
  report_u32(PROTOCOL_MAJOR);
  report_char('.');
  report_u32(PROTOCOL_MINOR);
  report_str_P(PSTR(" rig="));
  report_str(settings.rigId);
  report_end();
}

void report_msg_P(const char* textP) {
  report_begin();
  report_str_P(PSTR("[MSG:"));
  report_str_P(textP);
  report_char(']');
  report_end();
}

void report_alarm_begin(uint8_t code) {
  report_begin();
  report_str_P(PSTR("ALARM:"));
  report_u32(code);
}

void report_status_fields(bool leadingSpace) {
  uint8_t state = system_state();
  if (leadingSpace) report_char(' ');
  report_str_P(PSTR("state="));
  report_str_P((const char*)pgm_read_word(&STATE_NAMES[state]));
  report_key(PSTR("pole"));
  report_u32(relays_selected_pole());
  report_key(PSTR("forceN"));
  report_fixed(loadcell_force_n(), 2);
  report_key(PSTR("posMm"));
  report_fixed(stepper_position_mm(), 4);
  report_key(PSTR("currentA"));
  report_fixed(current_setpoint_a(), 3);
  report_key(PSTR("tempC"));
  report_fixed(thermo_temp_c(), 2);
  report_key(PSTR("estop"));
  report_u32(safety_estop_pressed());
  report_key(PSTR("guard"));
  report_u32(safety_guard_open());
  report_key(PSTR("home"));
  report_u32(safety_at_home());
  report_key(PSTR("homed"));
  report_u32(stepper_position_unknown() ? 0 : 1);
  report_key(PSTR("alarms"));
  uint16_t alarms = safety_alarms();
  if (!alarms) {
    report_char('-');
  } else {
    bool first = true;
    for (uint8_t code = 1; code <= 16; code++) {
      if (!(alarms & (1u << (code - 1)))) continue;
      if (!first) report_char(',');
      report_u32(code);
      first = false;
    }
  }
}

void report_status_push() {
  report_begin();
  report_char('<');
  report_status_fields(false);
  report_char('>');
  report_end();
}

void report_sample(uint16_t n, uint32_t tMs, float forceN, float posMm) {
  report_begin();
  report_str_P(PSTR("S "));
  report_u32(n);
  report_char(' ');
  report_u32(tMs);
  report_char(' ');
  report_fixed(forceN, 2);
  report_char(' ');
  report_fixed(posMm, 4);
  report_end();
}

void report_done_begin(const char* opP, uint16_t opId) {
  report_begin();
  report_str_P(PSTR("DONE:"));
  capturing = true;
  last_done_len = 0;
  last_done_id = opId;
  report_str_P(opP);
}

void report_last_done() {
  report_key(PSTR("op"));
  if (system_long_op()) {
    report_str_P(system_op() == OP_PULL ? PSTR("PULL") : PSTR("HOME"));
    report_key(PSTR("opId"));
    report_u32(system_op_id());
    report_key(PSTR("running"));
    report_char('1');
    return;
  }
  uint8_t i = 0;
  if (!last_done_len) report_char('-');
  while (i < last_done_len && last_done[i] != ' ') report_char(last_done[i++]);
  report_key(PSTR("opId"));
  report_u32(last_done_id);
  report_key(PSTR("running"));
  report_char('0');
  while (i < last_done_len) report_char(last_done[i++]);
}
