// Public surface of the protocol codec.
export { crc16, crcHex } from './crc16.js';
export { openEnvelope, sealLine, type EnvelopeFailure, type OpenedEnvelope } from './envelope.js';
export { DeviceMessage, UnknownMessage, formatDeviceBody, isReply, parseDeviceBody } from './device-message.js';
export { decodeDeviceLine, encodeDeviceLine, splitAtRebootBanner, type DecodedDeviceLine, type DeviceLineFailure } from './device-line.js';
export { decodeRequestLine, encodeRequest, formatArgumentNumber, type DecodedRequest } from './request.js';
export { type Fields } from './fields.js';
export { StatusFields } from './messages/status-fields.js';
export * from './known-replies.js';
