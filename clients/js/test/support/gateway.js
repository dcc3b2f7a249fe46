// Starts the packaged gateway (gateway/target/quarkus-app/quarkus-run.jar) as a child process on loopback,
// the way the Java tests do (testkit GatewayCommand): a small heap, free ports, readiness on the management port.
import { spawn } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const JAR = process.env.STARLING_JAR
  || path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../gateway/target/quarkus-app/quarkus-run.jar');
const LOGS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../target');
const START_MS = 30000;
const running = new Set();
let starts = 0;

process.on('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

/** The `java` of JAVA_HOME, else the one on the PATH (it must be 21 or newer). */
export function javaCommand() {
  return process.env.JAVA_HOME ? path.join(process.env.JAVA_HOME, 'bin', 'java') : 'java';
}

/**
 * Its output goes to target/gateway-N.log (N counts the starts in this test process).
 *
 * @param {{port?: number}} options port 0 picks a free one (read back from the log)
 * @returns {Promise<{port: number, managementPort: number, output: () => string, stop: () => Promise<void>}>}
 */
export async function startGateway({ port = 0 } = {}) {
  if (!existsSync(JAR)) {
    throw new Error(`Packaged gateway not found at ${JAR}; build it first (mvn -DskipTests package -pl gateway -am)`);
  }
  const args = [
    '-Xmx256m', '-Dquarkus.http.host=127.0.0.1', `-Dquarkus.http.port=${port}`,
    '-Dquarkus.management.host=127.0.0.1', '-Dquarkus.management.port=0',
    '-Dstarling.gateway.drain.grace=0s', '-jar', JAR,
  ];
  const child = spawn(javaCommand(), args, { stdio: ['ignore', 'pipe', 'pipe'] });
  running.add(child);
  mkdirSync(LOGS, { recursive: true });
  const log = createWriteStream(path.join(LOGS, `gateway-${++starts}.log`));
  child.stdout.pipe(log);
  child.stderr.pipe(log);
  let output = '';
  const exited = new Promise((resolve) => child.on('exit', (code, signal) => {
    running.delete(child);
    resolve(code ?? signal);
  }));
  child.on('error', (error) => { output += `\n${error.message}`; });
  const ports = new Promise((resolve) => {
    const onData = (chunk) => {
      output += chunk;
      const http = /Listening on: http:\/\/127\.0\.0\.1:(\d+)/.exec(output);
      const management = /Management interface listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(output);
      if (http && management) resolve({ port: Number(http[1]), managementPort: Number(management[1]) });
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
  });
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 10000);
    await exited;
    clearTimeout(timer);
  };
  const failed = (why) => new Error(`gateway ${why}; its output:\n${output.slice(-4000)}`);
  let timer;
  try {
    const started = await Promise.race([
      ports,
      exited.then((code) => { throw failed(`exited with ${code} (is ${javaCommand()} Java 21 or newer?)`); }),
      new Promise((_, reject) => { timer = setTimeout(() => reject(failed(`did not start within ${START_MS} ms`)), START_MS); }),
    ]);
    await waitReady(started.managementPort, () => child.exitCode !== null);
    return { ...started, output: () => output, stop };
  } catch (error) {
    await stop();
    throw error;
  } finally {
    clearTimeout(timer);
  }
}

async function waitReady(managementPort, dead) {
  const deadline = Date.now() + START_MS;
  while (Date.now() < deadline && !dead()) {
    try {
      const response = await fetch(`http://127.0.0.1:${managementPort}/q/health/ready`);
      if (response.status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('gateway never became ready');
}
