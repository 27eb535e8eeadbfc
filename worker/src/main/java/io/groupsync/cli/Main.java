package io.groupsync.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code groupsync}: the one command line of the worker. */
@Command(name = "groupsync", mixinStandardHelpOptions = true, version = "groupsync 0.1.0",
        description = "Keeps chat groups in step across IM vendors, driven by Kafka.",
        subcommands = {RunCommand.class, ConfigCommand.class, ReplayCommand.class, TailCommand.class})
public final class Main {

    /** Exit code of a configuration the worker refuses to start with. */
    static final int EXIT_BAD_CONFIG = 2;
    /** Exit code of options that do not go together (picocli's own for a usage error). */
    static final int EXIT_USAGE = 2;

    public static void main(String[] args) {
        System.exit(new CommandLine(new Main()).execute(args));
    }
}
