package io.groupsync.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Every manifest under deploy/kubernetes is what the Kubernetes API (and KEDA's, and Kustomize's) can read. */
class ManifestsTest {

    @Test
    void everyManifestParsesStrictlyAsTheTypeItNames() {
        List<Path> files = Manifests.files();
        assertThat(files).extracting(p -> p.getFileName().toString()).contains("statefulset.yaml", "service.yaml",
                "poddisruptionbudget.yaml", "scaledobject.yaml", "servicemonitor.yaml", "prometheusrule.yaml",
                "secret-template.yaml", "kustomization.yaml");
        for (Path file : files) {
            assertThat(Manifests.read(file)).as(file.toString()).isNotEmpty();
        }
    }

    @Test
    void aFieldTheTypeDoesNotHaveIsRefused() {
        String typo = """
                apiVersion: apps/v1
                kind: StatefulSet
                metadata:
                  name: groupsync
                spec:
                  template:
                    spec:
                      containers:
                        - name: worker
                          readinessProbe:
                            httpGet:
                              pathh: /health/ready
                """;
        assertThatThrownBy(() -> Manifests.parse(typo, "typo.yaml")).hasMessageContaining("httpGet.pathh");
        String kedaTypo = """
                apiVersion: keda.sh/v1alpha1
                kind: ScaledObject
                spec:
                  maxReplicas: 3
                """;
        assertThatThrownBy(() -> Manifests.parse(kedaTypo, "keda.yaml")).hasMessageContaining("maxReplicas");
    }

    @Test
    void everyFileAKustomizationNamesExistsAndEveryManifestIsNamedByOne() {
        List<Path> named = new ArrayList<>();
        for (Path dir : List.of(Manifests.BASE, Manifests.EXAMPLE)) {
            Crds.Kustomization k = Manifests.only(dir.resolve("kustomization.yaml"), Crds.Kustomization.class);
            List<String> refs = new ArrayList<>(k.resources());
            if (k.patches() != null) {
                k.patches().forEach(p -> refs.add(p.path()));
            }
            if (k.configMapGenerator() != null) {
                k.configMapGenerator().forEach(g -> refs.addAll(g.files()));
            }
            for (String ref : refs) {
                Path target = dir.resolve(ref).normalize();
                assertThat(Files.exists(target)).as(dir + " names " + ref).isTrue();
                named.add(target);
            }
        }
        named.add(Manifests.BASE.resolve("kustomization.yaml").normalize());
        named.add(Manifests.EXAMPLE.resolve("kustomization.yaml").normalize());
        assertThat(Manifests.files()).as("manifests no kustomization names, but the Secret's template")
                .map(Path::normalize).filteredOn(p -> !p.endsWith("secret-template.yaml"))
                .allMatch(named::contains);
    }

    /**
     * What {@code kubectl apply -k} would send, read strictly too: patches applied, the ConfigMap generated from the
     * worker's YAML. Needs kubectl (its built-in Kustomize), which runs no cluster: skipped where it is missing.
     */
    @Test
    void theExampleOverlayRendersToManifestsThatParseStrictlyWithTheConfigAsItsConfigMap() throws Exception {
        String rendered = kustomize(Manifests.EXAMPLE);
        List<Object> docs = Manifests.parse(rendered, "kubectl kustomize " + Manifests.EXAMPLE);

        assertThat(docs).filteredOn(HasMetadata.class::isInstance).map(HasMetadata.class::cast)
                .allSatisfy(d -> assertThat(d.getMetadata().getNamespace()).as(d.getKind()).isEqualTo("groupsync"));
        ConfigMap config = docs.stream().filter(ConfigMap.class::isInstance).map(ConfigMap.class::cast).findFirst()
                .orElseThrow();
        assertThat(config.getData().get("groupsync.yaml"))
                .isEqualTo(Files.readString(Manifests.BASE.resolve("groupsync.yaml")));
        assertThat(docs).filteredOn(Crds.ScaledObject.class::isInstance).map(Crds.ScaledObject.class::cast)
                .singleElement().satisfies(s -> assertThat(s.metadata().getNamespace()).isEqualTo("groupsync"));
    }

    /**
     * {@code kubectl kustomize dir}, skipped without kubectl or with one whose Kustomize predates v4 (Debian's
     * kubernetes-client 1.20 has v2, which knows no {@code patches}).
     */
    static String kustomize(Path dir) throws IOException, InterruptedException {
        Matcher version = Pattern.compile("Kustomize Version: v(\\d+)").matcher(run("kubectl", "version", "--client"));
        assumeTrue(version.find() && Integer.parseInt(version.group(1)) >= 4, "kubectl's Kustomize is older than v4");
        return run("kubectl", "kustomize", dir.toString());
    }

    private static String run(String... command) throws IOException, InterruptedException {
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException noKubectl) {
            assumeTrue(false, "kubectl is not installed: " + noKubectl.getMessage());
            throw noKubectl;
        }
        try {
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(process.exitValue()).as(out).isZero();
            return out;
        } finally {
            process.destroyForcibly();
        }
    }
}
