package io.groupsync.imapi;

/**
 * A request's body as the vendor client planned it: typed (a JSON tree, a form) until it is written to the wire,
 * so that batching merges parts instead of parsing bytes back, and encoding happens on the HTTP side.
 * Never changed once planned: a refused batch is retried call by call with the same payloads.
 */
public interface Payload {

    /** The body's media type. */
    String contentType();

    /** The body as the vendor gets it (signatures and tokens travel outside it). */
    byte[] encode();

    /** The request as it may be written to a dead letter: method, path and body, no secret. */
    String redacted();

    /** A body that is bytes already: placeholders and tests. */
    static Payload encoded(byte[] body, String redacted, String contentType) {
        return new Encoded(body, redacted, contentType);
    }

    /** See {@link #encoded}. */
    record Encoded(byte[] body, String redacted, String contentType) implements Payload {

        @Override
        public byte[] encode() {
            return body;
        }
    }
}
