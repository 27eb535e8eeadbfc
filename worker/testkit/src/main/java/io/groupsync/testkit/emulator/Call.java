package io.groupsync.testkit.emulator;

/**
 * One request as the emulator saw it.
 *
 * @param api          the vendor API it addressed (e.g. {@code modify_group_base_info})
 * @param arrivalNanos  when it arrived, on the emulator's clock (monotonic)
 * @param status        the HTTP status answered, or 0 when the connection was dropped or never answered
 * @param vendorCode    the vendor's own code in the answer (0 for success), or null when there was no body
 * @param throttled     whether it was answered with the vendor's frequency-limit answer
 * @param answeredNanos when its answer was ready to go, on the same clock: from arrival to then the vendor's state
 *                      may change on its behalf. For a call never served (dropped or held unanswered by a fault)
 *                      its arrival: it changed nothing.
 */
public record Call(String api, long arrivalNanos, int status, Integer vendorCode, boolean throttled,
                   long answeredNanos) {
}
