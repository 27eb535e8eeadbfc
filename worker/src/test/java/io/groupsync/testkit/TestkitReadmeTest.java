package io.groupsync.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The testkit's README shows a test that runs: {@link RenameReachesTencentTest}, word for word. */
class TestkitReadmeTest {

    @Test
    void theReadmesExampleIsTheTestThatRuns() throws Exception {
        // Surefire runs in the worker module's directory.
        String readme = Files.readString(Path.of("testkit/README.md"));
        String test = Files.readString(Path.of("src/test/java/io/groupsync/testkit/RenameReachesTencentTest.java"));
        String body = test.substring(test.indexOf("import "));

        assertThat(readme).contains("```java\n" + body + "```\n");
    }
}
