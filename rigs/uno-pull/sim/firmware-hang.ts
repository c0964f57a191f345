/** AVR opcodes of avr-libc's `_exit`: `cli`, then `rjmp .-2` (a jump to itself). */
const CLI = 0x94f8;
const RJMP_TO_ITSELF = 0xcfff;

/**
 * Word address of avr-libc's `_exit` in a firmware image: where an AVR program ends up when main()
 * returns or abort() is called. Jumping there is a hang as the firmware itself would have it:
 * interrupts off, the CPU spinning for ever, no byte received or sent, every output left as it was.
 * Throws when the image has no such routine (not built with avr-libc).
 */
export function exitLoopWordAddress(program: Uint16Array): number {
  for (let word = 0; word + 1 < program.length; word++) {
    if (program[word] === CLI && program[word + 1] === RJMP_TO_ITSELF) return word;
  }
  throw new Error('firmware image has no avr-libc _exit routine (cli; rjmp .-2) to hang in');
}
