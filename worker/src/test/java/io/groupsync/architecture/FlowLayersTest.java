package io.groupsync.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import java.util.Arrays;

/**
 * The flow reads as a line: intake → coalesce → dispatch → record. A stage sees the stage before it and the shared
 * layers under all of them, never a later stage nor one two steps back, so each stage's logic has to live in it.
 * The versions applied ({@code versions}) are shared by the stage that checks them (coalesce) and the one that
 * writes them (record). The loop ({@code worker}) and the entry points ({@code cli}, {@code metrics}) sit on top
 * and wire the rest.
 */
@AnalyzeClasses(packages = "io.groupsync", importOptions = ImportOption.DoNotIncludeTests.class)
class FlowLayersTest {

    @ArchTest
    static final ArchRule eachStageSeesOnlyTheStageBeforeItAndTheSharedLayers = layeredArchitecture()
            .consideringOnlyDependenciesInLayers()
            .layer("events").definedBy("io.groupsync.event..", "io.groupsync.schemas..")
            .layer("model").definedBy("io.groupsync.model..")
            .layer("time").definedBy("io.groupsync.time..")
            .layer("imapi").definedBy("io.groupsync.imapi..")
            .layer("versions").definedBy("io.groupsync.versions..")
            .layer("config").definedBy("io.groupsync.config..")
            .layer("intake").definedBy("io.groupsync.intake..")
            .layer("coalesce").definedBy("io.groupsync.coalesce..")
            .layer("dispatch").definedBy("io.groupsync.dispatch..")
            .layer("record").definedBy("io.groupsync.record..")
            .layer("top").definedBy("io.groupsync.worker..", "io.groupsync.cli..", "io.groupsync.metrics..",
                    "io.groupsync.ops..")
            .whereLayer("model").mayOnlyAccessLayers("events")
            .whereLayer("time").mayNotAccessAnyLayer()
            .whereLayer("imapi").mayOnlyAccessLayers("events", "model", "time")
            .whereLayer("versions").mayOnlyAccessLayers("events", "model", "time")
            .whereLayer("config").mayOnlyAccessLayers("events", "model", "time", "imapi")
            .whereLayer("intake").mayOnlyAccessLayers("events", "model", "time", "imapi", "config")
            .whereLayer("coalesce").mayOnlyAccessLayers("events", "model", "time", "imapi", "config", "intake",
                    "versions")
            .whereLayer("dispatch").mayOnlyAccessLayers("events", "model", "time", "imapi", "config", "coalesce")
            .whereLayer("record").mayOnlyAccessLayers("events", "model", "time", "imapi", "config", "dispatch",
                    "versions");

    @ArchTest
    static final ArchRule noCycleBetweenPackages = slices().matching("io.groupsync.(*)..").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule tencentUsesNoOtherVendor = vendorUsesNoOtherVendor("tencent", "openim", "rongcloud");

    @ArchTest
    static final ArchRule openImUsesNoOtherVendor = vendorUsesNoOtherVendor("openim", "tencent", "rongcloud");

    @ArchTest
    static final ArchRule rongCloudUsesNoOtherVendor = vendorUsesNoOtherVendor("rongcloud", "tencent", "openim");

    /** What vendors share lives in imapi itself; a vendor package holds only that vendor's own rules. */
    private static ArchRule vendorUsesNoOtherVendor(String vendor, String... others) {
        String[] packages = Arrays.stream(others).map(o -> "io.groupsync.imapi." + o + "..").toArray(String[]::new);
        return noClasses().that().resideInAPackage("io.groupsync.imapi." + vendor + "..")
                .should().dependOnClassesThat().resideInAnyPackage(packages);
    }
}
