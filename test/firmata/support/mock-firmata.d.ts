// mock-firmata 0.2.0 ships no types: the part the driver unit tests use.
declare module 'mock-firmata' {
  const mockFirmata: {
    Firmata: new (options?: Record<string, unknown>) => unknown;
    Pins: { UNO: unknown[]; UNOANALOG: number[] };
  };
  export default mockFirmata;
}
