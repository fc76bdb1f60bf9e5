// The child of bench/node_floor.js: sends back whatever it is sent.
process.on('message', (message) => process.send(message));
