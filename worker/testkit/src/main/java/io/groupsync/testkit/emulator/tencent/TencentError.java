package io.groupsync.testkit.emulator.tencent;

/** A refusal in Tencent's terms, thrown from deep inside validation and turned into a FAIL envelope. */
final class TencentError extends RuntimeException {

    static final int INTERNAL = 10002;
    static final int BAD_COMMAND = 10003;
    static final int BAD_PARAMETER = 10004;
    static final int NO_PERMISSION = 10007;
    static final int GROUP_MISSING = 10010;
    static final int BAD_GROUP_ID = 10015;

    private final int code;

    TencentError(int code, String info) {
        super(info, null, false, false);
        this.code = code;
    }

    static TencentError badParameter(String info) {
        return new TencentError(BAD_PARAMETER, info);
    }

    static TencentError noPermission(String info) {
        return new TencentError(NO_PERMISSION, info);
    }

    int code() {
        return code;
    }

    String info() {
        return getMessage();
    }
}
