package io.groupsync.deploy;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The fields these manifests use of types fabric8 does not model, as records Jackson reads strictly: KEDA's
 * ScaledObject (keda.sh/v1alpha1, as KEDA 2.x documents it) and Kustomize's kustomization.yaml. Written by hand, so
 * they hold what the manifests need, with the names KEDA's and Kustomize's documentation give them.
 */
final class Crds {

    /** The Kafka scaler's metadata keys as KEDA 2.x documents them; bootstrapServers, consumerGroup, topic needed. */
    static final Set<String> KAFKA_SCALER_KEYS = Set.of("bootstrapServers", "consumerGroup", "topic", "lagThreshold",
            "activationLagThreshold", "offsetResetPolicy", "allowIdleConsumers", "scaleToZeroOnInvalidOffset",
            "excludePersistentLag", "limitToPartitionsWithLag", "partitionLimitation", "version", "sasl", "tls",
            "unsafeSsl");

    private Crds() {
    }

    record ScaledObject(String apiVersion, String kind, ObjectMeta metadata, ScaledObjectSpec spec) {
    }

    record ScaledObjectSpec(ScaleTargetRef scaleTargetRef, Integer minReplicaCount, Integer maxReplicaCount,
                            Integer pollingInterval, Integer cooldownPeriod, Advanced advanced,
                            List<Trigger> triggers) {
    }

    record ScaleTargetRef(String apiVersion, String kind, String name) {
    }

    record Advanced(HpaConfig horizontalPodAutoscalerConfig) {
    }

    record HpaConfig(Behavior behavior) {
    }

    record Behavior(ScalingRules scaleUp, ScalingRules scaleDown) {
    }

    record ScalingRules(Integer stabilizationWindowSeconds) {
    }

    /** KEDA reads metadata as strings only: a number or a boolean left unquoted is refused. */
    record Trigger(String type, Map<String, Object> metadata, AuthenticationRef authenticationRef) {
    }

    record AuthenticationRef(String name) {
    }

    record Kustomization(String apiVersion, String kind, String namespace, List<String> resources,
                         List<Image> images, List<Generator> configMapGenerator, List<Patch> patches) {
    }

    record Image(String name, String newName, String newTag) {
    }

    record Generator(String name, String behavior, List<String> files) {
    }

    record Patch(String path) {
    }
}
