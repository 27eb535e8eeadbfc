package io.groupsync.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** One class per role, small enough to hold in one's head: no main source file over 300 lines. */
class MainCodeSizeTest {

    private static final int MAX_LINES = 300;

    @Test
    void noMainSourceFileIsOverThreeHundredLines() throws IOException {
        Path main = Path.of("src/main/java");
        assertThat(main).isDirectory();
        try (Stream<Path> files = Files.walk(main)) {
            List<String> tooLong = files.filter(f -> f.toString().endsWith(".java"))
                    .filter(f -> lines(f) > MAX_LINES)
                    .map(f -> main.relativize(f) + " (" + lines(f) + " lines)")
                    .toList();
            assertThat(tooLong).isEmpty();
        }
    }

    private static long lines(Path file) {
        try (Stream<String> lines = Files.lines(file)) {
            return lines.count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
