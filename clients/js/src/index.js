export { Starling, Starling as default } from './starling.js';
export { Channel, Members } from './channel.js';
export { Connection, closeAction } from './connection.js';
export { EndpointError } from './http.js';
export { VERSION } from './version.js';
