import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export interface DeviceVector { name: string; line: string; id?: number; message: unknown }
export interface RejectedVector { name: string; line: string; reason: string }
export interface DeviceLineVectors { valid: DeviceVector[]; decodeOnly: DeviceVector[]; rejected: RejectedVector[] }

export interface Exchange { name: string; send: string; reply: string }
export interface RequestVectors {
  encode: Array<{ id: number; command: string; args: Array<string | number>; line: string }>;
  exchanges: Exchange[];
  sequences: Array<{ name: string; steps: Exchange[] }>;
}

function readVectors<T>(name: string): T {
  return JSON.parse(readFileSync(fileURLToPath(new URL(`../../firmware-protocol/vectors/${name}`, import.meta.url)), 'utf8')) as T;
}

export const deviceLineVectors = readVectors<DeviceLineVectors>('device-lines.json');
export const requestVectors = readVectors<RequestVectors>('requests.json');
