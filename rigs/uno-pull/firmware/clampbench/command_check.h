// The command checker: finds a request's command in the generated table (commands_table.cpp, from
// firmware-protocol/commands.yaml), checks its arguments against the table's descriptors, fills in
// defaults, refuses it while one of its interlocks holds, then runs its handler. The same code for
// every commands.yaml; the table is data in flash. Error precedence (PROTOCOL.md 2 / 2.2): unknown
// command 1, too few 4, too many 5, every given argument as a number (2, or 3 above 9 significant
// digits), every integer argument whole (2), every range in order (3), defaults, then the command's
// gates in order, then the handler.
#ifndef COMMAND_CHECK_H
#define COMMAND_CHECK_H
#include <stdint.h>

// One argument: f always; i as well for an integer argument (and for SET, v[0].i is the setting).
struct ArgValue {
  float f;
  int32_t i;
};

// A command handler: argc arguments were given; v holds every argument, defaults filled in, all
// checked. Returns an error code, or 0 when it replied or started an operation.
typedef uint8_t (*Handler)(uint16_t id, uint8_t argc, const ArgValue* v);

// An argument: flags bit 0 integer, bit 1 zero allowed besides the range, bits 2-3 min, 4-5 max,
// 6-7 default, each 0 none, 1 a pool value (COMMANDS_INT_POOL for integers, COMMANDS_FLOAT_POOL for
// decimals), 2 an earlier argument, 3 (min only) a pool value the argument must be above.
// min, max and def index the pool or the arguments.
struct ArgSpec {
  uint8_t flags;
  uint8_t min;
  uint8_t max;
  uint8_t def;
};
#define A_INTEGER 0x01
#define A_OR_ZERO 0x02
#define K_POOL 1
#define K_ARG 2
#define K_POOL_EXCLUSIVE 3

// A command: args = required << 4 | most; its descriptors from firstArg; its gates firstGate..endGate-1
// (each gate: interlock index in the low nibble, 1 + the argument whose 0 skips it in the high one).
struct CommandDef {
  uint8_t args;
  uint8_t firstArg;
  uint8_t firstGate;
  uint8_t endGate;
  Handler handler;
};

// An interlock: the command is refused with error while holds() is true.
struct Interlock {
  bool (*holds)();
  uint8_t error;
};

// Run one request (name upper-cased, argv its arguments, tooMany: more than the line parser kept):
// checks it, runs its handler and answers error:N itself when something refuses it.
void commands_execute(uint16_t id, const char* name, uint8_t argc, char** argv, bool tooMany);
// Index of name among the space-separated words of listP (flash), any case, or -1.
int8_t command_check_word_index(const char* name, const char* listP);
// Append word index of the space-separated list listP (flash) to the line being sent.
void command_check_report_word(const char* listP, uint8_t index);
// Check arguments 0..argc-1 given (of count) against the descriptors from COMMANDS_ARG_SPECS[first]
// and fill in the defaults of the missing ones: 0 or the error code.
uint8_t command_check_args(uint8_t first, uint8_t count, uint8_t argc, char** argv, ArgValue* v);
#endif
