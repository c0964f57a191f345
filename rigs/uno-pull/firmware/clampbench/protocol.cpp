#include "protocol.h"
#include <string.h>
#include "commands.h"
#include "config.h"
#include "report.h"
#include "safety.h"
#include "serial.h"
#include "system.h"

static char line[LINE_BUFFER_SIZE];
static uint8_t line_len;
static bool line_too_long, line_bad_byte, line_lost;
// Ids and answers of the last state-changing requests executed, so a retried one is answered, not
// re-run. Reads are neither remembered nor answered from here: a read runs again under any id.
static uint16_t recent_ids[LIMIT_RECENT_IDS];
static uint8_t recent_codes[LIMIT_RECENT_IDS];
static uint8_t recent_next;
static uint16_t read_id;          // the read being executed now (its reply is not remembered)
static uint16_t running_read_id;  // a read that started a short operation and answers when it ends
static int8_t running_command = -1;  // the state-changing command that started the running operation
static bool executing;  // a line's command runs now: what it answers is its own reply

// CRC-16/CCITT (polynomial 0x1021, MSB first) a byte at a time from a table of each byte's
// remainder, built by the compiler from the bitwise definition: every character the rig sends goes
// through here, and one table read is a third of the cycles of the shift-and-xor steps.
static constexpr uint16_t crc_bits(uint16_t crc, uint8_t bits) {
  return bits == 0 ? crc : crc_bits((crc & 0x8000) ? (uint16_t)((crc << 1) ^ 0x1021) : (uint16_t)(crc << 1), bits - 1);
}
static constexpr uint16_t crc_of_byte(uint16_t b) { return crc_bits((uint16_t)(b << 8), 8); }
#define CRC_4(b) crc_of_byte(b), crc_of_byte(b + 1), crc_of_byte(b + 2), crc_of_byte(b + 3)
#define CRC_16(b) CRC_4(b), CRC_4(b + 4), CRC_4(b + 8), CRC_4(b + 12)
#define CRC_64(b) CRC_16(b), CRC_16(b + 16), CRC_16(b + 32), CRC_16(b + 48)
static const uint16_t CRC_TABLE[256] PROGMEM = {CRC_64(0), CRC_64(64), CRC_64(128), CRC_64(192)};

uint16_t protocol_crc16_update(uint16_t crc, uint8_t b) {
  return (uint16_t)(crc << 8) ^ pgm_read_word(&CRC_TABLE[(uint8_t)(crc >> 8) ^ b]);
}

void protocol_remember(uint16_t id, uint8_t code) {
  if (!id || id == read_id) return;
  // The reply of a read's operation comes when it ends, never while another line runs (that line,
  // even under the same id, answers for itself).
  if (id == running_read_id && !executing) {
    running_read_id = 0;
    return;
  }
  recent_ids[recent_next] = id;
  recent_codes[recent_next] = code;
  recent_next = (uint8_t)((recent_next + 1) % LIMIT_RECENT_IDS);
}

uint16_t protocol_newest_id() {
  return recent_ids[(uint8_t)((recent_next + LIMIT_RECENT_IDS - 1) % LIMIT_RECENT_IDS)];
}

// Index of the newest answer to `id` among the recent requests, or -1. An id can be answered
// twice: a retry that came while its request still ran was told BUSY, then the request ended.
static int8_t recent_index(uint16_t id) {
  for (uint8_t back = 1; back <= LIMIT_RECENT_IDS; back++) {
    uint8_t i = (uint8_t)((recent_next + LIMIT_RECENT_IDS - back) % LIMIT_RECENT_IDS);
    if (recent_ids[i] == id) return (int8_t)i;
  }
  return -1;
}

static int8_t hex_value(char c) {
  if (c >= '0' && c <= '9') return (int8_t)(c - '0');
  if (c >= 'A' && c <= 'F') return (int8_t)(c - 'A' + 10);
  return -1;
}

// Parse into mantissa and number of decimals; overflow is reported as out of range.
static uint8_t parse_decimal(const char* s, int32_t* mantissa, uint8_t* decimals) {
  bool neg = false;
  if (*s == '-') { neg = true; s++; }
  uint32_t m = 0;
  uint8_t digits = 0, dec = 0;
  bool point = false, overflow = false;
  for (; *s; s++) {
    char c = *s;
    if (c == '.') {
      if (point) return ERR_BAD_NUMBER;
      point = true;
      continue;
    }
    if (c < '0' || c > '9') return ERR_BAD_NUMBER;
    if (point && ++dec > 3) return ERR_BAD_NUMBER;
    digits++;
    if (m > 99999999UL) overflow = true;
    else m = m * 10 + (uint8_t)(c - '0');
  }
  if (!digits || (point && !dec)) return ERR_BAD_NUMBER;
  if (overflow) return ERR_OUT_OF_RANGE;
  *mantissa = neg ? -(int32_t)m : (int32_t)m;
  *decimals = dec;
  return 0;
}

uint8_t protocol_parse_number(const char* s, float* out) {
  int32_t m;
  uint8_t dec;
  uint8_t err = parse_decimal(s, &m, &dec);
  if (err) return err;
  float v = (float)m;
  while (dec--) v /= 10.0f;
  *out = v;
  return 0;
}

uint8_t protocol_parse_integer(const char* s, int32_t* out) {
  int32_t m;
  uint8_t dec;
  uint8_t err = parse_decimal(s, &m, &dec);
  if (err) return err;
  while (dec--) {
    if (m % 10) return ERR_BAD_NUMBER;
    m /= 10;
  }
  *out = m;
  return 0;
}

// The id of a well-formed "#<1..65535> " at the start of the (terminated) line, without a leading
// zero (one spelling per id, as the firmware writes it back, PROTOCOL.md 1.1), or 0; *bodyAt is
// where the body starts.
static uint16_t line_id(uint8_t* bodyAt) {
  if (line[0] != '#' || line[1] == '0') return 0;
  uint32_t v = 0;
  uint8_t i = 1;
  while (line[i] >= '0' && line[i] <= '9' && i <= 6) v = v * 10 + (uint8_t)(line[i++] - '0');
  if (i == 1 || i > 6 || v > LIMIT_REQUEST_ID_MAX || line[i] != ' ') return 0;
  *bodyAt = (uint8_t)(i + 1);
  return (uint16_t)v;
}

// A line refused before its id could be trusted: "error:N", with "rid=<id>" when its start reads as
// an id (unverified, so not as the "#id " prefix).
static void refuse_line(uint8_t code) {
  uint8_t bodyAt;
  report_error_rid(code, line_id(&bodyAt));
}

// Check the envelope of a complete line, then dedupe and dispatch its body.
static void execute_line() {
  uint8_t len = line_len;
  // CRC suffix
  char* star = strchr(line, '*');
  if (star) {
    uint8_t bodyLen = (uint8_t)(star - line);
    if (len - bodyLen != 5) { refuse_line(ERR_BAD_CHECKSUM); return; }
    uint16_t given = 0;
    for (uint8_t i = 1; i <= 4; i++) {
      int8_t h = hex_value(star[i]);
      if (h < 0) { refuse_line(ERR_BAD_CHECKSUM); return; }
      given = (uint16_t)((given << 4) | (uint8_t)h);
    }
    uint16_t crc = 0xFFFF;
    for (uint8_t i = 0; i < bodyLen; i++) crc = protocol_crc16_update(crc, (uint8_t)line[i]);
    if (crc != given) { refuse_line(ERR_BAD_CHECKSUM); return; }
    *star = 0;
  } else if (line[0] == '#') {
    // An id is for a program, and a program seals its lines: an id line without a CRC has lost it
    // on the wire (one flipped bit turns '*' into '\n' or into a letter) and must not run.
    refuse_line(ERR_BAD_CHECKSUM);
    return;
  }
  // request id
  char* body = line;
  uint16_t id = 0;
  if (line[0] == '#') {
    uint8_t bodyAt;
    id = line_id(&bodyAt);
    if (!id) { report_error(0, ERR_BAD_REQUEST_ID); return; }
    body = line + bodyAt;
  }
  // tokens
  char* argv[PROTOCOL_MAX_ARGS + 1];
  uint8_t argc = 0;
  bool tooMany = false;
  char* p = body;
  for (;;) {
    while (*p == ' ' || *p == '\t') *p++ = 0;
    if (!*p) break;
    if (argc < PROTOCOL_MAX_ARGS + 1) argv[argc++] = p;
    else tooMany = true;
    while (*p && *p != ' ' && *p != '\t') p++;
  }
  if (!argc) {  // an empty line reads nothing and changes nothing: never remembered
    read_id = id;
    report_ok(id);
    read_id = 0;
    return;
  }
  for (char* c = argv[0]; *c; c++) {
    if (*c >= 'a' && *c <= 'z') *c = (char)(*c - 'a' + 'A');
  }
  int8_t index = command_check_word_index(argv[0], COMMANDS_HELP_TEXT);
  bool changesState = index >= 0 && (COMMANDS_CHANGE_STATE_MASK & (1UL << index));
  if (id && changesState) {
    int8_t seen = recent_index(id);
    if (seen >= 0) { report_duplicate(id, recent_codes[seen]); return; }
    // A copy of the request whose operation still runs. A short one (TARE, SPAN) answers when it
    // ends, for both; a long one was accepted with ok (its memory entry may be gone by now).
    if (id == system_op_id() && index == running_command) {
      if (system_long_op()) report_duplicate(id, 0);
      return;
    }
  }
  bool idle = system_op() == OP_NONE;
  read_id = changesState ? 0 : id;
  executing = true;
  commands_execute(id, argv[0], (uint8_t)(argc - 1), argv + 1, tooMany);
  executing = false;
  bool started = idle && id && system_op() != OP_NONE && system_op_id() == id;
  if (started && read_id) running_read_id = read_id;
  if (started) running_command = changesState ? index : -1;
  read_id = 0;
}

void protocol_poll() {
  int16_t c;
  while ((c = serial_read()) >= 0) {
    if (serial_take_overflow()) line_lost = true;
    uint8_t b = (uint8_t)c;
    if (b == '\r') continue;
    if (b == '\n') {
      safety_feed_watchdog();
      line[line_len] = 0;
      if (line_lost) refuse_line(ERR_RX_OVERFLOW);
      else if (line_too_long) refuse_line(ERR_LINE_TOO_LONG);
      else if (line_bad_byte) refuse_line(ERR_FORBIDDEN_BYTE);
      else execute_line();
      line_len = 0;
      line_too_long = line_bad_byte = line_lost = false;
      return;  // one line per loop pass, so operations and safety run in between
    }
    if (b < 0x20 && b != '\t') line_bad_byte = true;
    if (b >= 0x7F) line_bad_byte = true;
    if (line_len < LIMIT_LINE_MAX_CHARS) line[line_len++] = (char)b;
    else line_too_long = true;
  }
  if (serial_take_overflow()) line_lost = true;
}
