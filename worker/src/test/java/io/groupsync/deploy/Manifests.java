package io.groupsync.deploy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.openshift.api.model.monitoring.v1.PrometheusRule;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * deploy/kubernetes read strictly: each document into the type its apiVersion and kind name (fabric8's Kubernetes
 * model, and the Prometheus Operator's from fabric8's monitoring model; KEDA's ScaledObject and Kustomize's own file,
 * which fabric8 does not model, into {@link Crds}' records of the fields these manifests use). A field a type does
 * not know fails: Jackson refuses it in a record, and fabric8's types, which keep unknown fields aside in
 * {@code additionalProperties} rather than refuse them, are walked and must have kept none.
 */
final class Manifests {

    static final Path DEPLOY = Path.of("..", "deploy");
    static final Path BASE = DEPLOY.resolve("kubernetes/base");
    static final Path EXAMPLE = DEPLOY.resolve("kubernetes/overlays/example");

    private static final ObjectMapper YAML = YAMLMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();
    private static final Map<String, Class<?>> TYPES = Map.of(
            "v1/Service", Service.class,
            "v1/Secret", Secret.class,
            "v1/ConfigMap", ConfigMap.class,
            "apps/v1/StatefulSet", StatefulSet.class,
            "policy/v1/PodDisruptionBudget", PodDisruptionBudget.class,
            "monitoring.coreos.com/v1/ServiceMonitor", ServiceMonitor.class,
            "monitoring.coreos.com/v1/PrometheusRule", PrometheusRule.class,
            "keda.sh/v1alpha1/ScaledObject", Crds.ScaledObject.class,
            "kustomize.config.k8s.io/v1beta1/Kustomization", Crds.Kustomization.class);

    private Manifests() {
    }

    /** Every YAML file under deploy/kubernetes but the worker's configuration, which config --check reads. */
    static List<Path> files() {
        try (Stream<Path> walk = Files.walk(DEPLOY.resolve("kubernetes"))) {
            return walk.filter(p -> p.toString().endsWith(".yaml"))
                    .filter(p -> !p.getFileName().toString().equals("groupsync.yaml")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Object> read(Path file) {
        try {
            return parse(Files.readString(file), file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Each document of {@code yaml}, as its type; fails naming {@code source}, the document and the field. */
    static List<Object> parse(String yaml, String source) {
        List<Object> documents = new ArrayList<>();
        try (MappingIterator<JsonNode> docs = YAML.readerFor(JsonNode.class).readValues(yaml)) {
            while (docs.hasNext()) {
                JsonNode doc = docs.next();
                if (doc == null || doc.isEmpty()) {
                    continue;
                }
                String type = doc.path("apiVersion").asText() + "/" + doc.path("kind").asText();
                Class<?> cls = TYPES.get(type);
                if (cls == null) {
                    throw new AssertionError(source + ": no type known for " + type);
                }
                Object typed = YAML.treeToValue(doc, cls);
                List<String> unknown = new ArrayList<>();
                unknownFields(typed, type, unknown);
                if (!unknown.isEmpty()) {
                    throw new AssertionError(source + ": fields " + type + " does not have: " + unknown);
                }
                documents.add(typed);
            }
        } catch (IOException e) {
            throw new AssertionError(source + ": " + e.getMessage(), e);
        }
        return documents;
    }

    static <T> T only(Path file, Class<T> type) {
        List<Object> docs = read(file);
        if (docs.size() != 1 || !type.isInstance(docs.get(0))) {
            throw new AssertionError(file + ": expected one " + type.getSimpleName() + ", found " + docs);
        }
        return type.cast(docs.get(0));
    }

    /** Walks fabric8's types through their getters, collecting what each kept in additionalProperties. */
    private static void unknownFields(Object value, String path, List<String> unknown) {
        if (value instanceof Collection<?> items) {
            int i = 0;
            for (Object item : items) {
                unknownFields(item, path + "[" + i++ + "]", unknown);
            }
            return;
        }
        if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> unknownFields(v, path + "." + k, unknown));
            return;
        }
        if (value == null || !value.getClass().getName().startsWith("io.fabric8.")) {
            if (value instanceof Record record) {
                for (var component : record.getClass().getRecordComponents()) {
                    unknownFields(invoke(component.getAccessor(), record), path + "." + component.getName(),
                            unknown);
                }
            }
            return;
        }
        for (Method getter : value.getClass().getMethods()) {
            if (getter.getParameterCount() != 0 || Modifier.isStatic(getter.getModifiers())
                    || !getter.getName().startsWith("get") || getter.getName().equals("getClass")) {
                continue;
            }
            Object child = invoke(getter, value);
            if (getter.getName().equals("getAdditionalProperties")) {
                if (child instanceof Map<?, ?> extra && !extra.isEmpty()) {
                    extra.keySet().forEach(k -> unknown.add(path + "." + k));
                }
            } else {
                unknownFields(child, path + "." + decapitalize(getter.getName().substring(3)), unknown);
            }
        }
    }

    private static Object invoke(Method method, Object target) {
        try {
            return method.invoke(target);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException(method.toString(), e);
        }
    }

    private static String decapitalize(String name) {
        return name.isEmpty() ? name : Character.toLowerCase(name.charAt(0)) + name.substring(1);
    }
}
