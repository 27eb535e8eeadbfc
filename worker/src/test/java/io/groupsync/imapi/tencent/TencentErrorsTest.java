package io.groupsync.imapi.tencent;

import static org.assertj.core.api.Assertions.assertThat;

import io.groupsync.imapi.CallClass;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every code of docs/vendors/tencent.md's Tencent table maps to the class that table gives it. The table below is
 * docs/vendors/tencent.md's,
 * copied as it stands; a code added there and here without a mapping in {@link TencentErrors} fails.
 */
class TencentErrorsTest {

    static final String VENDORS_MD_TABLE = """
            | 10002 | internal error | retry |
            | 10003, 10004, 10007, 10010, 10015, 10026 | bad command / bad parameter / no permission / group missing / bad group id / command disabled | permanent |
            | 10006 | operation frequency limit | throttled: back off, retry |
            | 10008 | signature may be wrong, try again | regenerate, retry at once |
            | 60002, 60003 | bad URL / bad JSON | permanent |
            | 60004, 60005 | account or signature error | regenerate UserSig once, then permanent |
            | 60006 | SDKAppID invalid | permanent (configuration) |
            | 60007, 60011, 60018, 60019 | REST / SDKAppID request frequency over limit | throttled: back off, retry |
            | 60008, 60013, 60014 | service timeout / response error / account swap timeout | retry |
            | 60009, 60010, 60012, 60015, 60016, 60017, 60020, 60021 | resource error, needs admin, missing sdkappid, account type, app disabled, request disabled, package expired, IP not allowed | permanent |
            | 70001 | UserSig expired | regenerate, retry at once |
            | 70003 | UserSig unparsable | regenerate once |
            | 70009, 70013, 70014, 70016, 70020 | wrong key / id mismatch / appid mismatch / key missing / wrong data centre | permanent (configuration) |
            | 70050 | signature failures, frequency limited | wait ≥ 1 min |
            | 70051, 70107 | account blacklisted / not imported | permanent |
            """;

    /**
     * What each class of the table means here. The renewing rows name the class the pipeline sees when the retry
     * with a renewed UserSig is refused again; for 70001 that is our decision (TRANSIENT, see TencentErrors).
     */
    static TencentErrors.Handling expected(String tableClass) {
        return switch (tableClass) {
            case "retry" -> new TencentErrors.Handling(CallClass.TRANSIENT, false, null);
            case "permanent", "permanent (configuration)" ->
                    new TencentErrors.Handling(CallClass.PERMANENT, false, null);
            case "throttled: back off, retry" -> new TencentErrors.Handling(CallClass.THROTTLED, false, null);
            case "regenerate UserSig once, then permanent", "regenerate once" ->
                    new TencentErrors.Handling(CallClass.PERMANENT, true, null);
            case "regenerate, retry at once" -> new TencentErrors.Handling(CallClass.TRANSIENT, true, null);
            case "wait ≥ 1 min" -> new TencentErrors.Handling(CallClass.THROTTLED, false, Duration.ofMinutes(1));
            default -> throw new IllegalArgumentException("a class docs/vendors/tencent.md did not have: " + tableClass);
        };
    }

    static Stream<Arguments> table() {
        return VENDORS_MD_TABLE.lines().flatMap(row -> {
            String[] cells = row.split("\\|");
            String meaning = cells[2].trim();
            String tableClass = cells[3].trim();
            return Arrays.stream(cells[1].split(",")).map(code -> Arguments.of(Integer.parseInt(code.trim()),
                    meaning, tableClass));
        });
    }

    @ParameterizedTest(name = "{0} ({1}) → {2}")
    @MethodSource("table")
    void everyCodeOfTheVendorsTableHasItsClass(int code, String meaning, String tableClass) {
        assertThat(TencentErrors.known(code)).as("a mapping for %d", code).contains(expected(tableClass));
        assertThat(TencentErrors.of(code)).isEqualTo(expected(tableClass));
    }

    @Test
    void theCopiedTableListsThirtyNineDistinctCodes() {
        List<Integer> codes = table().map(a -> (Integer) a.get()[0]).toList();

        assertThat(codes).hasSize(39).doesNotHaveDuplicates();
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 10001, 10005, 60001, 70002, 80001, 90000, -1})
    void anUnknownCodeIsPermanentAndNotRenewed(int code) {
        assertThat(TencentErrors.known(code)).isEmpty();
        assertThat(TencentErrors.of(code)).isEqualTo(new TencentErrors.Handling(CallClass.PERMANENT, false, null));
    }
}
