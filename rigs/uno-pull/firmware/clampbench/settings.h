// Settings kept in EEPROM: a block with magic, version, the values and a CRC-16. Names, ranges and
// defaults are in firmware-protocol/commands.yaml (commands_table.h); each field is named as its setting.
#ifndef SETTINGS_H
#define SETTINGS_H
#include <stdint.h>
#include "commands_table.h"
#include "config.h"

struct Settings {
  char rigId[SETTING_RIG_ID_MAX_CHARS + 1];
  uint16_t watchdogMs;
  float slipLimitMm;
  float tempLimitC;
  int32_t tareCounts;
  float countsPerN;
  uint32_t calDate;
  uint16_t calCheck;
};

extern Settings settings;

// Load the block; on a bad magic, version or checksum store the defaults and return false.
bool settings_load();
// Write the current settings to EEPROM; false if the read-back differs.
bool settings_store();
// Put the defaults of commands.yaml (some from the rig definition) into RAM (not stored).
void settings_defaults();
// EEPROM bytes the settings block takes from address 0; other blocks start after it.
uint16_t settings_block_bytes();
#endif
