package io.groupsync.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

/**
 * deploy/Dockerfile copies the jar that {@code mvn package} builds, and Jib's image (worker/pom.xml) starts the worker
 * the way the Dockerfile's does. Neither image is built here: nothing on this machine can pull a base image.
 */
class ContainerImageTest {

    private static final Path DOCKERFILE = Manifests.DEPLOY.resolve("Dockerfile");

    @Test
    void theDockerfileCopiesTheShadedJarThatMavenPackageBuilds() throws Exception {
        Document pom = xml(Path.of("pom.xml"));
        String artifactId = text(pom, "/project/artifactId");
        String version = text(pom, "/project/parent/version");
        String classifier = text(pom, "//plugin[artifactId='maven-shade-plugin']//shadedClassifierName");
        String dockerfile = Files.readString(DOCKERFILE);

        Matcher arg = Pattern.compile("(?m)^ARG VERSION=(\\S+)$").matcher(dockerfile);
        assertThat(arg.find()).as("ARG VERSION in the Dockerfile").isTrue();
        assertThat(arg.group(1)).as("the Dockerfile's VERSION is the pom's").isEqualTo(version);
        Matcher copy = Pattern.compile("(?m)^COPY --from=build /src/(\\S+) ").matcher(dockerfile);
        assertThat(copy.find()).isTrue();
        assertThat(copy.group(1).replace("${VERSION}", arg.group(1)))
                .isEqualTo("worker/target/" + artifactId + "-" + version + "-" + classifier + ".jar")
                .isEqualTo("worker/target/groupsync-worker-" + version + "-all.jar");
        assertThat(dockerfile).contains("mvn -B -ntp -q -pl worker -am package");
    }

    @Test
    void theImageRunsAsAnUnprivilegedUserOnAJreWithTheHeapFromTheContainersLimit() throws Exception {
        String dockerfile = Files.readString(DOCKERFILE);
        List<String> stages = Pattern.compile("(?m)^FROM (\\S+)").matcher(dockerfile).results()
                .map(m -> m.group(1)).toList();
        assertThat(stages).hasSize(2).last().asString().endsWith("-jre");
        assertThat(dockerfile).containsPattern("(?m)^USER 10001:10001$")
                .contains("\"-XX:MaxRAMPercentage=75\", \"-XX:+ExitOnOutOfMemoryError\"")
                .contains("CMD [\"run\", \"--config\", \"/etc/groupsync/groupsync.yaml\"]")
                .containsPattern("(?m)^EXPOSE 9400$");

        Document pom = xml(Path.of("pom.xml"));
        String jib = "//plugin[artifactId='jib-maven-plugin']";
        assertThat(texts(pom, jib + "//jvmFlag")).containsExactly("-XX:MaxRAMPercentage=75",
                "-XX:+ExitOnOutOfMemoryError");
        assertThat(texts(pom, jib + "//args/arg")).containsExactly("run", "--config", "/etc/groupsync/groupsync.yaml");
        assertThat(text(pom, jib + "//container/user")).isEqualTo("10001:10001");
        assertThat(text(pom, jib + "//ports/port")).isEqualTo("9400");
        assertThat(text(pom, jib + "//from/image")).isEqualTo(stages.get(1));
        assertThat(text(pom, jib + "/executions")).as("bound to no phase: verify never pulls a base image").isEmpty();
    }

    private static Document xml(Path file) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile());
    }

    private static String text(Document doc, String path) throws Exception {
        return XPathFactory.newInstance().newXPath().evaluate(path, doc).trim();
    }

    private static List<String> texts(Document doc, String path) throws Exception {
        XPath xpath = XPathFactory.newInstance().newXPath();
        NodeList nodes = (NodeList) xpath.evaluate(path, doc, XPathConstants.NODESET);
        return IntStream.range(0, nodes.getLength()).mapToObj(i -> nodes.item(i).getTextContent())
                .toList();
    }
}
