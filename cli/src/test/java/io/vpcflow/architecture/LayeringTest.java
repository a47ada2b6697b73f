package io.vpcflow.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The layers of LAYOUT.md, checked on the compiled classes of every module (tests and test jars left out). */
class LayeringTest {
    private static final String[] DOMAIN = {
        "io.vpcflow.flowlog..",
        "io.vpcflow.delivery..",
        "io.vpcflow.net..",
        "io.vpcflow.inventory..",
        "io.vpcflow.ownership..",
        "io.vpcflow.sg..",
        "io.vpcflow.verdict..",
        "io.vpcflow.inspect..",
        "io.vpcflow.enrich..",
        "io.vpcflow.stats..",
        "io.vpcflow.text..",
        "io.vpcflow.generate.."
    };

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(location -> !location.contains("-tests.jar"))
                .importPackages("io.vpcflow");
    }

    @Test
    void theDomainUsesNeitherFlinkNorHadoopNorTheJobs() {
        noClasses()
                .that()
                .resideInAnyPackage(DOMAIN)
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "org.apache.flink..",
                        "org.apache.hadoop..",
                        "org.apache.parquet..",
                        "io.vpcflow.jobs..",
                        "io.vpcflow.format..",
                        "io.vpcflow.cli..",
                        "io.vpcflow.query..",
                        "io.vpcflow.bench..",
                        "io.vpcflow.testing..")
                .check(classes);
    }

    @Test
    void sourcesNeverUseSinksOrAggregationOrEnrichment() {
        noClasses()
                .that()
                .resideInAPackage("io.vpcflow.jobs.source..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "io.vpcflow.jobs.sink..", "io.vpcflow.jobs.aggregate..", "io.vpcflow.jobs.enrichment..")
                .check(classes);
    }

    @Test
    void theParquetFormatKnowsNoJobAndNoFlink() {
        noClasses()
                .that()
                .resideInAPackage("io.vpcflow.format..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("io.vpcflow.jobs..", "io.vpcflow.cli..", "org.apache.flink..")
                .check(classes);
    }

    @Test
    void theJobsKnowNothingOfTheCommandLine() {
        noClasses()
                .that()
                .resideInAnyPackage("io.vpcflow.jobs..", "io.vpcflow.format..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "io.vpcflow.cli..",
                        "io.vpcflow.query..",
                        "io.vpcflow.bench..",
                        "io.vpcflow.testing..",
                        "picocli..")
                .check(classes);
    }

    @Test
    void sinksAndAggregationDoNotReachBackIntoTheSources() {
        noClasses()
                .that()
                .resideInAnyPackage("io.vpcflow.jobs.sink..", "io.vpcflow.jobs.aggregate..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("io.vpcflow.jobs.source..")
                .check(classes);
    }
}
