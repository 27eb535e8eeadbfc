package io.groupsync.record;

/**
 * Another instance now owns this worker's transactional id (or its group membership): this one must stop at once,
 * writing nothing more. Surfaces as a non-zero exit so an orchestrator notices two instances sharing an id.
 */
public final class FencedException extends RuntimeException {

    FencedException(Throwable cause) {
        super("fenced by another instance with the same transactional id: " + cause.getMessage(), cause);
    }
}
