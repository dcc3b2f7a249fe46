package dev.starling.testkit;

/** What a test needs to act as an app: its id, key and secret. */
public interface AppCredentials {

    String id();

    String key();

    String secret();

    static AppCredentials of(String id, String key, String secret) {
        record Simple(String id, String key, String secret) implements AppCredentials {
        }
        return new Simple(id, key, secret);
    }
}
