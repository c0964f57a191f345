// The command table: argument counts, argument parsing and ranges, interlocks, busy checks,
// and the immediate commands; operations are started in their own modules.
#ifndef COMMANDS_H
#define COMMANDS_H
#include <stdint.h>
// Run one request (name upper-cased, argv the arguments); sends its reply or starts an operation.
void commands_execute(uint16_t id, const char* name, uint8_t argc, char** argv, bool tooMany);
#endif
