// What the protocol says about one host line before any command runs (PROTOCOL.md 1, 1.1, 2):
// the line as the firmware's line assembler sees it, the id its reply must carry, and the exact
// reply for the cases the envelope decides (too long, refused bytes, CRC, id, empty line).
#ifndef LINE_MODEL_H
#define LINE_MODEL_H
#include <stdint.h>
#include <string>

// CRC-16/CCITT-FALSE of bytes (written here from PROTOCOL.md 1.1, not taken from the firmware).
uint16_t line_model_crc16(const std::string& bytes);
// "*XXXX" for bytes.
std::string line_model_crc_suffix(const std::string& bytes);

// One host line without its '\n', as the line assembler keeps it: the realtime bytes (? ! Ctrl-X)
// are picked out by the receive interrupt (PROTOCOL.md 4) and every '\r' is dropped. PROTOCOL.md 1
// speaks of a '\r' before the '\n'; 0x0D is not among the refused bytes, and the firmware drops it
// wherever it is.
std::string line_model_assembled(const std::string& sent);

struct LineExpectation {
  // Id the reply must carry, 0 = none.
  uint16_t id;
  // Reply fixed by the envelope: -1 = up to the command, 0 = "ok", N = "error:N".
  int code;
  // The envelope refused the line: the reply is exactly error:code, no id, never a dup answer.
  bool envelopeError;
  // Envelope errors 6, 7, 19, 23: the id the line's start reads as ("#<1..65535> "), sent as
  // "rid=<id>" (unverified, so not as the "#id " prefix); 0 = none.
  uint16_t rid;
};

// Expected reply of an assembled line (see line_model_assembled).
LineExpectation line_model_expect(const std::string& assembled);
#endif
