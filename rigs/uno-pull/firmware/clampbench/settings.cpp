#include "settings.h"
#include <avr/eeprom.h>
#include <string.h>
#include "protocol.h"

#define SETTINGS_MAGIC 0xCB
#define SETTINGS_ADDR ((uint8_t*)0)

Settings settings;

struct Block {
  uint8_t magic;
  uint8_t version;
  Settings values;
  uint16_t crc;
};

static uint16_t checksum(const Settings* s) {
  uint16_t crc = 0xFFFF;
  const uint8_t* p = (const uint8_t*)s;
  for (uint16_t i = 0; i < sizeof(Settings); i++) crc = protocol_crc16_update(crc, p[i]);
  return crc;
}

void settings_defaults() {
  memset(&settings, 0, sizeof(settings));
  strncpy_P(settings.rigId, PSTR(RIG_RIG_ID), LIMIT_RIG_ID_MAX_CHARS);
  settings.watchdogMs = LIMIT_WATCHDOG_MS_DEFAULT;
  settings.slipLimitMm = (float)LIMIT_SLIP_LIMIT_MM_DEFAULT;
  settings.tempLimitC = (float)RIG_THERMO_TEMP_LIMIT_C;
  settings.tareCounts = RIG_LOADCELL_DEFAULT_TARE_COUNTS;
  settings.countsPerN = (float)RIG_LOADCELL_DEFAULT_COUNTS_PER_N;
  settings.calDate = 0;
}

bool settings_store() {
  Block block;
  block.magic = SETTINGS_MAGIC;
  block.version = SETTINGS_VERSION;
  block.values = settings;
  block.crc = checksum(&settings);
  eeprom_update_block(&block, SETTINGS_ADDR, sizeof(block));
  Block check;
  eeprom_read_block(&check, SETTINGS_ADDR, sizeof(check));
  return memcmp(&check, &block, sizeof(block)) == 0;
}

bool settings_load() {
  Block block;
  eeprom_read_block(&block, SETTINGS_ADDR, sizeof(block));
  block.values.rigId[LIMIT_RIG_ID_MAX_CHARS] = 0;
  if (block.magic == SETTINGS_MAGIC && block.version == SETTINGS_VERSION && block.crc == checksum(&block.values) &&
      settings_valid_rig_id(block.values.rigId) && block.values.countsPerN > 0) {
    settings = block.values;
    return true;
  }
  settings_defaults();
  settings_store();
  return false;
}

bool settings_valid_rig_id(const char* s) {
  uint8_t n = 0;
  for (; s[n]; n++) {
    char c = s[n];
    bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
    if (!ok) return false;
  }
  return n >= 1 && n <= LIMIT_RIG_ID_MAX_CHARS;
}
