package io.groupsync.config;

/**
 * The worker's topics.
 *
 * @param input       GroupChange events to consume
 * @param results     one SyncResult per event and route
 * @param deadLetters records that cannot succeed, kept replayable
 */
public record TopicConfig(String input, String results, String deadLetters) {
}
