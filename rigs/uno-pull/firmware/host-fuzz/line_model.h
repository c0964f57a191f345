// What the protocol says about one host line before any command runs (PROTOCOL.md 1, 1.1, 2, 4):
// whether it is a realtime line (abort, reboot), the line as the firmware's line assembler sees it,
// the id its reply must carry, the exact reply for the cases the envelope decides (too long,
// refused bytes, CRC, id, empty line), and whether its command changes state (only those are
// answered from the recent-id memory).
#ifndef LINE_MODEL_H
#define LINE_MODEL_H
#include <stdint.h>
#include <string>

// CRC-16/CCITT-FALSE of bytes (written here from PROTOCOL.md 1.1, not taken from the firmware).
uint16_t line_model_crc16(const std::string& bytes);
// "*XXXX" for bytes.
std::string line_model_crc_suffix(const std::string& bytes);

// A host line (its bytes through the '\n', sent at a line start) as the receive interrupt takes it
// (protocol 2.0, PROTOCOL.md 4): '?' acts wherever it arrives and is invisible to everything else;
// '!' (abort) and 0x18 (Ctrl-X, reboot) act only as a line of their own, the byte at the line start
// and the '\n' right after it (a '?' in between does not count), and the interrupt takes both, so
// such a line never reaches the line assembler and gets no reply. Anywhere else, and with any other
// byte after it ("!\r\n" too), '!' and 0x18 are ordinary line bytes.
enum LineRealtime { LINE_ORDINARY, LINE_ABORT, LINE_REBOOT };
LineRealtime line_model_realtime(const std::string& sent);

// One ordinary host line without its '\n', as the line assembler keeps it: every '?' is picked out
// by the receive interrupt and every '\r' is dropped ('!' and 0x18 stay: see line_model_realtime).
// PROTOCOL.md 1 speaks of a '\r' before the '\n'; 0x0D is not among the refused bytes, and the
// firmware drops it wherever it is.
std::string line_model_assembled(const std::string& sent);

// True when the command word (the body's first token, any case) names a command that changes
// state: bit CMD_x of the generated COMMANDS_CHANGE_STATE_MASK, the names from COMMANDS_HELP_TEXT
// (commands_table.h). An unknown word is not one.
bool line_model_changes_state(const std::string& word);

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
  // The line reaches dispatch (the envelope passed, the body has a command word) and that command
  // changes state (line_model_changes_state). With an id, only such a line is answered from the
  // recent-id memory (dup=1) or, as a copy of the request that started the running operation (same
  // id, same command), without running (PROTOCOL.md 1.4); any other line runs under any id and its
  // reply is never remembered.
  bool changesState;
  // The command word as protocol.cpp hands it to commands_execute() (upper-cased a..z): what the
  // oracle compares with the command that started the running operation (protocol.cpp's
  // running_command). Empty when the line does not reach dispatch.
  std::string command;
};

// Expected reply of an assembled line (see line_model_assembled).
LineExpectation line_model_expect(const std::string& assembled);
#endif
