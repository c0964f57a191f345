// The commands: the table (dispatch, arguments, ranges, interlocks, settings) is generated into
// commands_table.h/.cpp from firmware-protocol/commands.yaml; commands.cpp has the handlers.
#ifndef COMMANDS_H
#define COMMANDS_H
#include "commands_table.h"
#endif
