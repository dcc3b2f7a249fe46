package dev.starling.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;

/**
 * The {@code helm test} hook: a Pod running files/websocket_probe.py against the public Service. The rendering is
 * checked here, and the probe itself is run against a minimal WebSocket server that answers like Starling (or not).
 */
class HelmTestHookTest {

    private static final Path PROBE = Chart.DIR.resolve("files/websocket_probe.py");

    @Test
    void testPodConnectsToThePublicServiceWithTheFirstAppsKey() throws IOException {
        Manifests manifests = Chart.chart().values(Chart.ci("single-node")).withHooksAsManifests().render();

        Pod pod = manifests.get(Pod.class, "starling-test-websocket");
        assertThat(pod.getMetadata().getAnnotations()).containsEntry(Chart.HOOK_ANNOTATION, "test");
        assertThat(pod.getSpec().getRestartPolicy()).isEqualTo("Never");
        Container probe = pod.getSpec().getContainers().get(0);
        assertThat(probe.getCommand()).containsExactly("python3", "/probe/websocket_probe.py", "starling-gateway",
                "6001", "ci-single-key");
        assertThat(probe.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
        assertThat(probe.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
        assertThat(pod.getSpec().getSecurityContext().getRunAsNonRoot()).isTrue();

        ConfigMap script = manifests.get(ConfigMap.class, "starling-test-probe");
        assertThat(script.getMetadata().getAnnotations()).containsEntry(Chart.HOOK_ANNOTATION, "test");
        assertThat(script.getData().get("websocket_probe.py")).isEqualTo(Files.readString(PROBE));
        assertThat(pod.getSpec().getVolumes()).singleElement()
                .satisfies(v -> assertThat(v.getConfigMap().getName()).isEqualTo("starling-test-probe"));
    }

    @Test
    void testUsesTheConfiguredKeyWhenAppsComeFromAnExistingSecret() {
        Manifests manifests = Chart.chart().values(Chart.ci("cluster-kafka")).withHooksAsManifests().render();

        assertThat(manifests.get(Pod.class, "starling-test-websocket").getSpec().getContainers().get(0).getCommand())
                .endsWith("ci-cluster-key");
    }

    @Test
    void noTestWithoutAKeyToConnectWith() {
        Manifests manifests = Chart.chart().set("apps.existingSecret", "operator-apps").withHooksAsManifests().render();

        assertThat(manifests.find(Pod.class, "starling-test-websocket")).isEmpty();
    }

    @Test
    void probeAcceptsAConnectionEstablishedFrame() throws Exception {
        String established = "{\"event\":\"pusher:connection_established\","
                + "\"data\":\"{\\\"socket_id\\\":\\\"1234.5678\\\",\\\"activity_timeout\\\":120}\"}";
        ProbeRun run = runProbe(established, true);

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output()).contains("OK: pusher:connection_established, socket_id 1234.5678");
        assertThat(run.requestLine()).isEqualTo("GET /app/the-key?protocol=7&client=starling-helm-test&version=1.0 HTTP/1.1");
    }

    @Test
    void probeFailsOnAPusherError() throws Exception {
        // Over 125 bytes: the frame uses the 16-bit extended length.
        String error = "{\"event\":\"pusher:error\",\"data\":{\"code\":4001,"
                + "\"message\":\"Application key the-key does not exist on this Starling installation, check the key\"}}";
        assertThat(error.length()).isGreaterThan(125);
        ProbeRun run = runProbe(error, true);

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.output()).contains("FAIL: expected pusher:connection_established").contains("4001");
    }

    @Test
    void probeFailsOnAWrongHandshakeAccept() throws Exception {
        ProbeRun run = runProbe("{\"event\":\"pusher:connection_established\",\"data\":\"{}\"}", false);

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.output()).contains("bad Sec-WebSocket-Accept");
    }

    private record ProbeRun(int exitCode, String output, String requestLine) {
    }

    /**
     * Runs the probe against a one-shot server that completes the handshake (with a correct or a wrong accept) and
     * sends {@code firstFrame} as a text frame; a frame over 125 bytes exercises the extended length.
     */
    private static ProbeRun runProbe(String firstFrame, boolean correctAccept) throws Exception {
        assumeTrue(python3Available(), "python3 is not installed here; the probe script is not run");
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<String> requestLine = CompletableFuture.supplyAsync(() -> serveOnce(server, firstFrame,
                    correctAccept));
            Process process = new ProcessBuilder("python3", PROBE.toString(), "127.0.0.1",
                    String.valueOf(server.getLocalPort()), "the-key").redirectErrorStream(true).start();
            process.getOutputStream().close();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("probe did not finish");
            }
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return new ProbeRun(process.exitValue(), output, requestLine.get(5, TimeUnit.SECONDS));
        }
    }

    private static String serveOnce(ServerSocket server, String firstFrame, boolean correctAccept) {
        try (Socket socket = server.accept()) {
            socket.setSoTimeout((int) Duration.ofSeconds(10).toMillis());
            String request = readHead(socket.getInputStream());
            Matcher key = Pattern.compile("(?im)^Sec-WebSocket-Key: *(\\S+)").matcher(request);
            if (!key.find() || !request.contains("Upgrade: websocket")) {
                throw new AssertionError("not a WebSocket upgrade: " + request);
            }
            String accept = correctAccept ? accept(key.group(1)) : accept("something else");
            byte[] payload = firstFrame.getBytes(StandardCharsets.UTF_8);
            try {
                OutputStream out = socket.getOutputStream();
                out.write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                        + "Sec-WebSocket-Accept: " + accept + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(0x81);
                if (payload.length <= 125) {
                    out.write(payload.length);
                } else {
                    out.write(126);
                    out.write(payload.length >> 8);
                    out.write(payload.length & 0xFF);
                }
                out.write(payload);
                out.flush();
                // Let the probe read and answer (its close frame) before this side closes.
                socket.getInputStream().read();
            } catch (IOException probeWentAway) {
                // A probe that rejects the handshake exits at once; that is its verdict, not a server error.
            }
            return request.lines().findFirst().orElse("");
        } catch (IOException e) {
            throw new RuntimeException(e);
        }
    }

    private static String readHead(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            head.append((char) b);
        }
        return head.toString();
    }

    private static String accept(String key) {
        try {
            byte[] sha1 = MessageDigest.getInstance("SHA-1").digest(
                    (key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11").getBytes(StandardCharsets.US_ASCII));
            return Base64.getEncoder().encodeToString(sha1);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean python3Available() {
        try {
            return new ProcessBuilder("python3", "--version").start().waitFor(10, TimeUnit.SECONDS);
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }
}
