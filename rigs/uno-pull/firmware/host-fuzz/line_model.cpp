#include "line_model.h"
#include "codes.h"
#include "commands_table.h"

uint16_t line_model_crc16(const std::string& bytes) {
  uint16_t crc = 0xFFFF;
  for (unsigned char byte : bytes) {
    crc ^= (uint16_t)(byte << 8);
    for (int bit = 0; bit < 8; bit++) crc = (crc & 0x8000) ? (uint16_t)((crc << 1) ^ 0x1021) : (uint16_t)(crc << 1);
  }
  return crc;
}

std::string line_model_crc_suffix(const std::string& bytes) {
  static const char hex[] = "0123456789ABCDEF";
  uint16_t crc = line_model_crc16(bytes);
  std::string suffix = "*";
  for (int shift = 12; shift >= 0; shift -= 4) suffix += hex[(crc >> shift) & 0x0F];
  return suffix;
}

LineRealtime line_model_realtime(const std::string& sent) {
  std::string seen;  // the bytes the receive interrupt does not answer with an early '?' return
  for (unsigned char b : sent) {
    if (b != '?') seen += (char)b;
  }
  if (seen == "!\n") return LINE_ABORT;
  if (seen == "\x18\n") return LINE_REBOOT;
  return LINE_ORDINARY;
}

std::string line_model_assembled(const std::string& sent) {
  std::string line;
  for (unsigned char b : sent) {
    if (b == '?' || b == '\r' || b == '\n') continue;
    line += (char)b;
  }
  return line;
}

static std::string upper_case(const std::string& word) {
  std::string upper = word;
  for (char& c : upper) c = (char)(c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c);
  return upper;
}

bool line_model_changes_state(const std::string& word) {
  std::string upper = upper_case(word);
  // The help text is in flash on the AVR, plain memory here (stubs/avr/pgmspace.h).
  std::string names = COMMANDS_HELP_TEXT;
  size_t start = 0;
  for (unsigned index = 0; index < COMMAND_COUNT; index++) {
    size_t end = names.find(' ', start);
    if (names.substr(start, end == std::string::npos ? std::string::npos : end - start) == upper) {
      return (COMMANDS_CHANGE_STATE_MASK >> index) & 1;
    }
    if (end == std::string::npos) break;
    start = end + 1;
  }
  return false;
}

static bool refused_byte(unsigned char b) { return (b < 0x20 && b != '\t') || b >= 0x7F; }
static bool upper_hex(char c) { return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'F'); }

// "#" then 1..65535 in decimal, without a leading zero, then one space: the id, or 0; *digits its length.
static uint16_t id_prefix(const std::string& line, size_t* digitsOut) {
  size_t digits = 0;
  uint32_t value = 0;
  if (line.empty() || line[0] != '#') return 0;
  while (1 + digits < line.size() && line[1 + digits] >= '0' && line[1 + digits] <= '9' && digits < 6) {
    value = value * 10 + (uint32_t)(line[1 + digits] - '0');
    digits++;
  }
  bool spaceFollows = 1 + digits < line.size() && line[1 + digits] == ' ';
  bool leadingZero = digits >= 1 && line[1] == '0';
  if (digits < 1 || digits > 5 || leadingZero || value < 1 || value > LIMIT_REQUEST_ID_MAX || !spaceFollows) return 0;
  *digitsOut = digits;
  return (uint16_t)value;
}

LineExpectation line_model_expect(const std::string& line) {
  size_t ignored = 0;
  // Refused before the id could be trusted (PROTOCOL.md 1.1): the start of the line, as far as the
  // firmware keeps it (the first lineMaxChars), names the id it reads as.
  LineExpectation envelopeError = {0, 0, true, id_prefix(line.substr(0, LIMIT_LINE_MAX_CHARS), &ignored), false, ""};
  if (line.size() > LIMIT_LINE_MAX_CHARS) return envelopeError.code = ERR_LINE_TOO_LONG, envelopeError;
  for (unsigned char b : line) {
    if (refused_byte(b)) return envelopeError.code = ERR_FORBIDDEN_BYTE, envelopeError;
  }
  std::string covered = line;
  size_t star = line.find('*');
  if (star != std::string::npos) {
    covered = line.substr(0, star);
    std::string given = line.substr(star + 1);
    bool wellFormed = given.size() == 4 && upper_hex(given[0]) && upper_hex(given[1]) && upper_hex(given[2]) && upper_hex(given[3]);
    if (!wellFormed || line_model_crc_suffix(covered) != "*" + given) return envelopeError.code = ERR_BAD_CHECKSUM, envelopeError;
  } else if (!line.empty() && line[0] == '#') {
    return envelopeError.code = ERR_BAD_CHECKSUM, envelopeError;  // a line with an id must carry a CRC
  }
  LineExpectation expect = {0, -1, false, 0, false, ""};
  std::string body = covered;
  if (!covered.empty() && covered[0] == '#') {
    size_t digits = 0;
    expect.id = id_prefix(covered, &digits);
    if (!expect.id) return envelopeError.code = ERR_BAD_REQUEST_ID, envelopeError.rid = 0, envelopeError;
    body = covered.substr(digits + 2);
  }
  size_t word = body.find_first_not_of(" \t");
  if (word == std::string::npos) {
    expect.code = 0;  // an empty line gets ok (it reads nothing: never remembered)
    return expect;
  }
  expect.command = upper_case(body.substr(word, body.find_first_of(" \t", word) - word));
  expect.changesState = line_model_changes_state(expect.command);
  return expect;
}
