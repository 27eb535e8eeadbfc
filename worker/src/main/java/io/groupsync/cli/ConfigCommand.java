package io.groupsync.cli;

import io.groupsync.config.ConfigException;
import io.groupsync.config.Settings;
import io.groupsync.config.WorkerConfig;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code groupsync config}: check a configuration file, or list every setting. */
@Command(name = "config", mixinStandardHelpOptions = true,
        description = "Checks a configuration file (--check FILE) or lists every setting (--describe).")
final class ConfigCommand implements Callable<Integer> {

    @Option(names = "--check", paramLabel = "FILE", description = "Validate this file with the current environment.")
    Path check;

    @Option(names = "--describe", description = "Print every setting with its default and meaning, as Markdown.")
    boolean describe;

    @Override
    public Integer call() {
        if (describe) {
            System.out.println(Settings.markdownTable());
        }
        if (check != null) {
            try {
                WorkerConfig config = WorkerConfig.load(check, System.getenv());
                config.warnings().forEach(warning -> System.err.println("warning: " + warning));
                System.out.println("ok: " + config.routes().size() + " route(s)");
            } catch (ConfigException e) {
                System.err.println(e.getMessage());
                return Main.EXIT_BAD_CONFIG;
            }
        }
        return 0;
    }
}
