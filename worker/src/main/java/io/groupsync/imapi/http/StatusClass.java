package io.groupsync.imapi.http;

import io.groupsync.imapi.CallClass;

/**
 * What an HTTP status means when the vendor's own verdict is missing (no envelope: a proxy's or gateway's page)
 * or when the status speaks before the body, the same rule for every vendor.
 */
public final class StatusClass {

    private StatusClass() {
    }

    /**
     * 429 is a frequency limit; 5xx and 408 (the server gave up waiting for the request) may pass, so they are
     * retried; anything else (4xx, a 3xx the client does not follow, a code outside HTTP's 1xx–5xx) will be the
     * same next time. A 200 is for the vendor's client to read: what its body lacks is the vendor's to judge.
     */
    public static CallClass of(int status) {
        if (status == 429) {
            return CallClass.THROTTLED;
        }
        if (status == 408 || (status >= 500 && status <= 599)) {
            return CallClass.TRANSIENT;
        }
        return CallClass.PERMANENT;
    }
}
