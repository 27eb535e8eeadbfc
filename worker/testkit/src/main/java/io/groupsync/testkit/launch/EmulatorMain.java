package io.groupsync.testkit.launch;

import io.groupsync.testkit.emulator.Call;
import io.groupsync.testkit.emulator.EmulatorClock;
import io.groupsync.testkit.emulator.VendorEmulator;
import io.groupsync.testkit.emulator.openim.OpenImEmulator;
import io.groupsync.testkit.emulator.rongcloud.RongCloudEmulator;
import io.groupsync.testkit.emulator.tencent.TencentEmulator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * Vendor emulators on loopback for manual work, one or all three, each on a free port. Once every one serves, their
 * URLs and credentials go to stdout as {@code KEY=VALUE} lines (the names a worker's YAML can read with
 * {@code ${env:…}}, e.g. {@code TENCENT_SECRET_KEY} as in deploy/groupsync.example.yaml) and nothing else does; each
 * call they answer is logged to stderr. Runs until SIGTERM, or until stdin closes unless {@code --detached}.
 */
@Command(name = "emulators", mixinStandardHelpOptions = true,
        description = "Starts vendor emulators on loopback and prints each one's URL and credentials.")
public final class EmulatorMain implements Callable<Integer> {

    static final List<String> VENDORS = List.of("tencent", "openim", "rongcloud");
    static final long TENCENT_SDK_APP_ID = 1_400_000_001L;
    static final String TENCENT_IDENTIFIER = "administrator";
    static final String RONGCLOUD_APP_KEY = "devappkey";

    @Parameters(paramLabel = "VENDOR", arity = "0..*",
            description = "tencent, openim, rongcloud, or all (the default).")
    List<String> vendors = new ArrayList<>(List.of("all"));

    @Option(names = "--limit", description = "Calls per second per API (default: each vendor's own).")
    Integer limit;

    @Option(names = "--secret", description = "The secret of every emulator (default: a random one each).")
    String secret;

    @Option(names = "--auto-create", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Create unknown groups and members on their first edit (default: ${DEFAULT-VALUE}).")
    boolean autoCreate;

    @Option(names = "--env-file", paramLabel = "FILE",
            description = "Also write the lines to FILE, all at once, when every emulator serves.")
    Path envFile;

    @Option(names = "--detached", description = "Keep running when stdin closes (a start in the background).")
    boolean detached;

    @Spec
    CommandSpec spec;

    /** Returns only when the arguments are wrong: otherwise the emulators serve until the JVM is ended. */
    public static void main(String[] args) {
        System.exit(new CommandLine(new EmulatorMain()).execute(args));
    }

    @Override
    public Integer call() throws IOException, InterruptedException {
        Set<String> chosen = chosen();
        if (!detached) {
            StdinEof.exitWhenClosed(System.err::println);
        }
        Map<String, String> lines = new LinkedHashMap<>();
        for (String vendor : chosen) {
            lines.putAll(start(vendor, secret != null ? secret : UUID.randomUUID().toString()));
        }
        StringBuilder text = new StringBuilder();
        lines.forEach((key, value) -> text.append(key).append('=').append(value).append('\n'));
        if (envFile != null) {
            Path tmp = envFile.resolveSibling(envFile.getFileName() + ".tmp");
            Files.writeString(tmp, text);
            Files.move(tmp, envFile, StandardCopyOption.ATOMIC_MOVE);
        }
        System.out.print(text);
        System.out.flush();
        // The emulators serve on their own threads; this one only keeps the JVM up until it is told to end.
        new CountDownLatch(1).await();
        return 0;
    }

    private Set<String> chosen() {
        Set<String> chosen = new LinkedHashSet<>();
        for (String vendor : vendors) {
            if (vendor.equals("all")) {
                chosen.addAll(VENDORS);
            } else if (VENDORS.contains(vendor)) {
                chosen.add(vendor);
            } else {
                throw new ParameterException(spec.commandLine(), "no emulator " + vendor + "; choose from "
                        + VENDORS + " or all");
            }
        }
        return chosen;
    }

    /** Starts one emulator and returns its lines: its URL first, then its credentials. */
    private Map<String, String> start(String vendor, String vendorSecret) {
        Map<String, String> credentials = new LinkedHashMap<>();
        VendorEmulator emulator = switch (vendor) {
            case "tencent" -> {
                TencentEmulator tencent = new TencentEmulator(TENCENT_SDK_APP_ID, TENCENT_IDENTIFIER, vendorSecret,
                        EmulatorClock.system());
                tencent.setAutoCreate(autoCreate);
                credentials.put("TENCENT_SDK_APP_ID", Long.toString(TENCENT_SDK_APP_ID));
                credentials.put("TENCENT_IDENTIFIER", TENCENT_IDENTIFIER);
                credentials.put("TENCENT_SECRET_KEY", vendorSecret);
                yield tencent;
            }
            case "openim" -> {
                OpenImEmulator openIm = new OpenImEmulator(EmulatorClock.system(), vendorSecret);
                openIm.setAutoCreate(autoCreate);
                credentials.put("OPENIM_ADMIN_USER_ID", OpenImEmulator.DEFAULT_ADMIN_USER_ID);
                credentials.put("OPENIM_SECRET", vendorSecret);
                yield openIm;
            }
            default -> {
                RongCloudEmulator rongCloud = new RongCloudEmulator(RONGCLOUD_APP_KEY, vendorSecret,
                        EmulatorClock.system());
                rongCloud.setAutoCreate(autoCreate);
                credentials.put("RONGCLOUD_APP_KEY", RONGCLOUD_APP_KEY);
                credentials.put("RONGCLOUD_APP_SECRET", vendorSecret);
                yield rongCloud;
            }
        };
        if (limit != null) {
            emulator.limiter().setDefaultLimit(limit);
        }
        emulator.watch((request, call) -> System.err.println(vendor + " " + describe(call)));
        emulator.start();
        Map<String, String> lines = new LinkedHashMap<>();
        lines.put(vendor.toUpperCase(Locale.ROOT) + "_URL", emulator.baseUri().toString());
        lines.putAll(credentials);
        return lines;
    }

    private static String describe(Call call) {
        String answer = call.status() == 0 ? "no answer (fault)" : "HTTP " + call.status();
        String code = call.vendorCode() == null ? "" : ", code " + call.vendorCode();
        return call.api() + ": " + answer + code + (call.throttled() ? ", throttled" : "");
    }
}
