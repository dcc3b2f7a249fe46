package dev.starling.loadgen.it;

/** One default-configured gateway for the scenario tests of a test JVM, stopped when the JVM exits. */
final class SharedGateway {

    private static GatewayProcess gateway;

    private SharedGateway() {
    }

    static synchronized GatewayProcess get() throws Exception {
        if (gateway == null) {
            gateway = GatewayProcess.start();
            GatewayProcess started = gateway;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    started.close();
                } catch (InterruptedException ignored) {
                    // exiting anyway
                }
            }));
        }
        return gateway;
    }
}
