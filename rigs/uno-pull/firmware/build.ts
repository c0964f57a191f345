// Build the clampbench Uno firmware with Debian's avr-gcc and arduino-core-avr (no Arduino IDE).
//   npm run firmware            generate headers (if the generator exists), build, write clampbench.hex
//   npm run firmware -- --check build and fail if the result differs from the committed .hex
//   --no-codegen                skip the header generator
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const firmwareDir = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(firmwareDir, '../../..');
const sketchDir = join(firmwareDir, 'clampbench');
const hexFile = join(firmwareDir, 'clampbench.hex');
const coreDir = '/usr/share/arduino/hardware/arduino/avr/cores/arduino';
const variantDir = '/usr/share/arduino/hardware/arduino/avr/variants/standard';
const generator = join(firmwareDir, 'codegen.ts');
const FLASH_BYTES = 32256; // 32 KiB minus the 512-byte Optiboot bootloader
const RAM_BYTES = 2048;

const args = new Set(process.argv.slice(2));
const check = args.has('--check');

function fail(message: string): never {
  process.stderr.write(`firmware build: ${message}\n`);
  process.exit(1);
}

function tool(name: string): string {
  const found = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' });
  if (found.status !== 0) {
    fail(`${name} not found. Install the AVR toolchain: sudo apt-get install gcc-avr avr-libc binutils-avr arduino-core-avr`);
  }
  return found.stdout.trim();
}

function run(cmd: string, argv: string[], cwd = repoRoot): string {
  const r = spawnSync(cmd, argv, { cwd, encoding: 'utf8' });
  if (r.status !== 0) {
    process.stderr.write(r.stdout ?? '');
    process.stderr.write(r.stderr ?? '');
    fail(`${cmd} ${argv.filter((a) => !a.startsWith('-')).map((a) => relative(repoRoot, a)).join(' ')} failed`);
  }
  if (r.stderr) process.stderr.write(r.stderr);
  return r.stdout;
}

const gcc = tool('avr-gcc');
const gxx = tool('avr-g++');
const ar = tool('avr-gcc-ar');
const objcopy = tool('avr-objcopy');
const size = tool('avr-size');
if (!existsSync(join(coreDir, 'Arduino.h')) || !existsSync(join(variantDir, 'pins_arduino.h'))) {
  fail(`Arduino AVR core not found at ${coreDir}. Install it: sudo apt-get install arduino-core-avr`);
}

if (!args.has('--no-codegen') && existsSync(generator)) {
  execFileSync(process.execPath, ['--import', 'tsx', generator], { cwd: repoRoot, stdio: 'inherit' });
}
for (const header of ['codes.h', 'rig_config.h']) {
  if (!existsSync(join(sketchDir, header))) fail(`${relative(repoRoot, join(sketchDir, header))} is missing; run npm run codegen`);
}

const buildDir = join(firmwareDir, 'build', check ? 'check' : 'out');
rmSync(buildDir, { recursive: true, force: true });
mkdirSync(join(buildDir, 'core'), { recursive: true });
mkdirSync(join(buildDir, 'sketch'), { recursive: true });

const common = [
  '-mmcu=atmega328p', '-DF_CPU=16000000UL', '-DARDUINO=10807', '-DARDUINO_AVR_UNO', '-DARDUINO_ARCH_AVR',
  '-DDECIMAL_DIG=__DECIMAL_DIG__', '-Os', '-g0', '-flto', '-ffunction-sections', '-fdata-sections',
  '-Wall', '-Wextra', '-Wno-unused-parameter', `-I${coreDir}`, `-I${variantDir}`,
];
const cflags = [...common, '-std=gnu11', '-fno-fat-lto-objects'];
const cxxflags = [...common, '-std=gnu++11', '-fpermissive', '-fno-exceptions', '-fno-threadsafe-statics', '-fno-fat-lto-objects'];
const coreQuiet = ['-w'];

// Arduino core as an archive, so that unused parts (HardwareSerial0 and its USART interrupts)
// are not linked: the sketch has its own USART0 driver.
const coreObjects: string[] = [];
for (const file of readdirSync(coreDir).sort()) {
  const src = join(coreDir, file);
  const obj = join(buildDir, 'core', `${file}.o`);
  if (file.endsWith('.c')) run(gcc, [...cflags, ...coreQuiet, '-c', src, '-o', obj]);
  else if (file.endsWith('.cpp')) run(gxx, [...cxxflags, ...coreQuiet, '-c', src, '-o', obj]);
  else if (file.endsWith('.S')) run(gcc, [...common, '-x', 'assembler-with-cpp', '-c', src, '-o', obj]);
  else continue;
  coreObjects.push(obj);
}
const coreArchive = join(buildDir, 'core.a');
run(ar, ['rcsD', coreArchive, ...coreObjects]);

const sketchObjects: string[] = [];
for (const file of readdirSync(sketchDir).sort()) {
  const src = join(sketchDir, file);
  const obj = join(buildDir, 'sketch', `${file}.o`);
  if (file.endsWith('.ino')) run(gxx, [...cxxflags, '-x', 'c++', `-I${sketchDir}`, '-c', src, '-o', obj]);
  else if (file.endsWith('.cpp')) run(gxx, [...cxxflags, `-I${sketchDir}`, '-c', src, '-o', obj]);
  else if (file.endsWith('.c')) run(gcc, [...cflags, `-I${sketchDir}`, '-c', src, '-o', obj]);
  else continue;
  sketchObjects.push(obj);
}

const elf = join(buildDir, 'clampbench.elf');
run(gcc, ['-mmcu=atmega328p', '-Os', '-flto', '-fuse-linker-plugin', '-Wl,--gc-sections', '-o', elf, ...sketchObjects, coreArchive, '-lm']);
const builtHex = join(buildDir, 'clampbench.hex');
run(objcopy, ['-O', 'ihex', '-R', '.eeprom', elf, builtHex]);

// Flash = .text + .data, RAM = .data + .bss (avr-size -A sections).
const sections = new Map<string, number>();
for (const line of run(size, ['-A', elf]).split('\n')) {
  const m = /^(\.\w+)\s+(\d+)/.exec(line);
  if (m) sections.set(m[1]!, Number(m[2]));
}
const flash = (sections.get('.text') ?? 0) + (sections.get('.data') ?? 0);
const ram = (sections.get('.data') ?? 0) + (sections.get('.bss') ?? 0) + (sections.get('.noinit') ?? 0);
const pct = (n: number, of: number) => ((100 * n) / of).toFixed(1);
console.log(`flash: ${flash} / ${FLASH_BYTES} bytes (${pct(flash, FLASH_BYTES)} %)`);
console.log(`RAM:   ${ram} / ${RAM_BYTES} bytes (${pct(ram, RAM_BYTES)} %) static; the rest is stack`);
if (flash > FLASH_BYTES) fail(`program does not fit: ${flash} > ${FLASH_BYTES} bytes of flash`);
if (ram > RAM_BYTES - 256) fail(`static RAM ${ram} leaves less than 256 bytes of the ${RAM_BYTES} for the stack`);

const built = readFileSync(builtHex);
const digest = createHash('sha256').update(built).digest('hex').slice(0, 16);
if (check) {
  const committed = existsSync(hexFile) ? readFileSync(hexFile) : undefined;
  if (!committed || !committed.equals(built)) {
    fail(`${relative(repoRoot, hexFile)} is ${committed ? 'stale' : 'missing'}: the sources build to a different image (sha256 ${digest}). Run npm run firmware and commit the .hex.`);
  }
  console.log(`${relative(repoRoot, hexFile)} is up to date (sha256 ${digest})`);
} else {
  writeFileSync(hexFile, built);
  console.log(`wrote ${relative(repoRoot, hexFile)} (sha256 ${digest})`);
}
