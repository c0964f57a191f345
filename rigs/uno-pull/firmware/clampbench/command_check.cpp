#include "command_check.h"
#include <avr/pgmspace.h>
#include "codes.h"
#include "commands_table.h"
#include "config.h"
#include "protocol.h"
#include "report.h"

#if defined(PROTOCOL_MAX_ARGS) && PROTOCOL_MAX_ARGS < COMMAND_ARGS_MAX
#error PROTOCOL_MAX_ARGS is below the most arguments a command takes
#endif

static char lower(char c) { return (c >= 'A' && c <= 'Z') ? (char)(c + ('a' - 'A')) : c; }

int8_t command_check_word_index(const char* name, const char* listP) {
  int8_t index = 0;
  const char* n = name;
  for (;;) {
    char c = (char)pgm_read_byte(listP++);
    if (c == ' ' || c == 0) {
      if (n && !*n) return index;
      if (!c) return -1;
      index++;
      n = name;
    } else if (n && *n && lower(*n) == lower(c)) {
      n++;
    } else {
      n = 0;
    }
  }
}

void command_check_report_word(const char* listP, uint8_t index) {
  char c;
  while (index) {
    if (pgm_read_byte(listP++) == ' ') index--;
  }
  while ((c = (char)pgm_read_byte(listP++)) != 0 && c != ' ') report_char(c);
}

// A bound or default: a pool value (both fields for an integer), or an earlier argument.
static ArgValue bound_value(uint8_t kind, uint8_t index, bool integer, const ArgValue* v) {
  if (kind == K_ARG) return v[index];
  ArgValue b;
  if (integer) {
    memcpy_P(&b.i, &COMMANDS_INT_POOL[index], sizeof(b.i));
    b.f = (float)b.i;
  } else {
    memcpy_P(&b.f, &COMMANDS_FLOAT_POOL[index], sizeof(b.f));
    b.i = 0;
  }
  return b;
}

// -1, 0, 1 as a is below, equal to, above b: integers exactly, decimals as floats.
static int8_t compare(const ArgValue& a, const ArgValue& b, bool integer) {
  if (integer) return a.i < b.i ? -1 : a.i > b.i;
  return a.f < b.f ? -1 : a.f > b.f;
}

static bool out_of_range(const ArgSpec& s, const ArgValue* v, uint8_t i) {
  bool integer = s.flags & A_INTEGER;
  if ((s.flags & A_OR_ZERO) && v[i].f == 0) return false;
  uint8_t minKind = (s.flags >> 2) & 3, maxKind = (s.flags >> 4) & 3;
  if (minKind) {
    int8_t c = compare(v[i], bound_value(minKind, s.min, integer, v), integer);
    if (c < 0 || (c == 0 && minKind == K_POOL_EXCLUSIVE)) return true;
  }
  return maxKind && compare(v[i], bound_value(maxKind, s.max, integer, v), integer) > 0;
}

// Every given argument a number (BAD_NUMBER, or OUT_OF_RANGE above 9 significant digits), then
// every integer whole, then every range in order; then the defaults of the missing ones (a default
// above an argument that bounds it becomes that argument).
uint8_t command_check_args(uint8_t first, uint8_t count, uint8_t argc, char** argv, ArgValue* v) {
  const ArgSpec* specs = &COMMANDS_ARG_SPECS[first];
  for (uint8_t i = 0; i < argc; i++) {
    if (uint8_t e = protocol_parse_number(argv[i], &v[i].f)) return e;
  }
  for (uint8_t i = 0; i < argc; i++) {
    if (pgm_read_byte(&specs[i].flags) & A_INTEGER) {
      if (uint8_t e = protocol_parse_integer(argv[i], &v[i].i)) return e;
    }
  }
  for (uint8_t i = 0; i < count; i++) {
    ArgSpec s;
    memcpy_P(&s, &specs[i], sizeof(s));
    bool integer = s.flags & A_INTEGER;
    if (i < argc) {
      if (out_of_range(s, v, i)) return ERR_OUT_OF_RANGE;
      continue;
    }
    v[i] = bound_value(s.flags >> 6, s.def, integer, v);
    uint8_t maxKind = (s.flags >> 4) & 3;
    if (maxKind == K_ARG && compare(v[i], v[s.max], integer) > 0) v[i] = v[s.max];
  }
  return 0;
}

// The arguments of command index: the setter's (SET: a setting name and its value) by the table's
// own check, any other command's by its descriptors.
static uint8_t check(int8_t index, uint8_t first, uint8_t most, uint8_t argc, char** argv, ArgValue* v) {
#if COMMAND_SETTER >= 0
  if (index == COMMAND_SETTER) return commands_check_setting(argv, v);
#endif
  return command_check_args(first, most, argc, argv, v);
}

// One request through every check in order, then its handler: 0 or the error to answer.
static uint8_t run(uint16_t id, const char* name, uint8_t argc, char** argv, bool tooMany) {
  int8_t index = command_check_word_index(name, COMMANDS_HELP_TEXT);
  if (index < 0) return ERR_UNKNOWN_COMMAND;
  CommandDef c;
  memcpy_P(&c, &COMMANDS_DEFS[index], sizeof(c));
  uint8_t most = c.args & 0x0F;
  if (argc < (c.args >> 4)) return ERR_MISSING_ARGUMENT;
  if (tooMany || argc > most) return ERR_TOO_MANY_ARGUMENTS;
  ArgValue v[COMMAND_ARGS_MAX > 0 ? COMMAND_ARGS_MAX : 1];
  if (uint8_t err = check(index, c.firstArg, most, argc, argv, v)) return err;
  for (uint8_t g = c.firstGate; g < c.endGate; g++) {
    uint8_t gate = pgm_read_byte(&COMMANDS_GATES[g]);
    uint8_t unless = gate >> 4;  // 1 + the argument whose 0 skips this gate, or 0
    if (unless && v[unless - 1].f == 0) continue;
    Interlock lock;
    memcpy_P(&lock, &COMMANDS_INTERLOCKS[gate & 0x0F], sizeof(lock));
    if (lock.holds()) return lock.error;
  }
#if COMMAND_SETTER >= 0
  if (index == COMMAND_SETTER) return commands_store_setting(id, (uint8_t)v[0].i, &v[1], argv[1]);
#endif
  return c.handler(id, argc, v);
}

void commands_execute(uint16_t id, const char* name, uint8_t argc, char** argv, bool tooMany) {
  uint8_t err = run(id, name, argc, argv, tooMany);
  if (err) report_error(id, err);
}
