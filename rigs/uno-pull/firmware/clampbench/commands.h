// The commands: the table (arguments, ranges, interlocks, settings) is generated into
// commands_table.h/.cpp from firmware-protocol/commands.yaml; command_check.cpp dispatches and
// checks requests by it; commands.cpp has the handlers.
#ifndef COMMANDS_H
#define COMMANDS_H
#include "commands_table.h"
#endif
