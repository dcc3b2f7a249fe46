// Drives the official Beams Node server SDK (@pusher/push-notifications-server) against push-service.
//   node beams.js <host> <port> <instanceId> <secretKey> <command> [json-argument]
// commands: token <userId> | interests {"interests":[…],"body":{…}} | users {"users":[…],"body":{…}} | delete-user <id>
// Prints one JSON line: the SDK's result, or {"error": message} when the SDK rejected.
const PushNotifications = require('@pusher/push-notifications-server');

const [host, port, instanceId, secretKey, command, argument] = process.argv.slice(2);
const beams = new PushNotifications({ instanceId, secretKey, endpoint: host, port: Number(port) });

async function run() {
  switch (command) {
    case 'token':
      return beams.generateToken(argument);
    case 'interests': {
      const { interests, body } = JSON.parse(argument);
      return beams.publishToInterests(interests, body);
    }
    case 'users': {
      const { users, body } = JSON.parse(argument);
      return beams.publishToUsers(users, body);
    }
    case 'delete-user':
      return { deleted: (await beams.deleteUser(argument)) === undefined };
    default:
      throw new Error(`unknown command ${command}`);
  }
}

run()
  .then((result) => console.log(JSON.stringify({ result })))
  .catch((error) => console.log(JSON.stringify({ error: error.message })));
