package io.vpcflow.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;

/** What is, and is not, inside the job jar for clusters. */
class JobJarITCase {
    @Test
    void theClusterJarCarriesConnectorsAndOurCodeButNotFlinkItself() throws Exception {
        try (JarFile jar = new JarFile(Paths.get("target", "vpcflow-job.jar").toFile())) {
            assertThat(jar.getManifest().getMainAttributes().getValue("Main-Class"))
                    .isEqualTo("io.vpcflow.jobs.EnrichmentMain");
            for (String inside : new String[] {
                "io/vpcflow/jobs/EnrichmentMain.class",
                "io/vpcflow/flowlog/FlowLineParser.class",
                "io/vpcflow/sg/IntentEvaluator.class",
                "org/apache/flink/connector/kafka/source/KafkaSource.class",
                "org/apache/parquet/hadoop/ParquetWriter.class",
                "org/apache/hadoop/conf/Configuration.class",
                "software/amazon/awssdk/services/s3/S3Client.class",
                "org/apache/kafka/clients/producer/KafkaProducer.class"
            }) {
                assertThat(jar.getEntry(inside)).as(inside).isNotNull();
            }
            for (String outside : new String[] {
                "org/apache/flink/streaming/api/environment/StreamExecutionEnvironment.class",
                "org/apache/flink/runtime/jobgraph/JobGraph.class",
                "org/apache/flink/api/common/functions/MapFunction.class",
                "org/apache/flink/connector/file/src/FileSource.class",
                "org/duckdb/DuckDBDriver.class",
                "picocli/CommandLine.class",
                "org/slf4j/Logger.class"
            }) {
                assertThat(jar.getEntry(outside)).as(outside).isNull();
            }
            // Nothing of the command line, the embedded engines or Flink itself, anywhere in the jar.
            List<String> forbidden = List.of(
                    "io/vpcflow/cli/",
                    "io/vpcflow/query/",
                    "io/vpcflow/bench/",
                    "io/vpcflow/testing/",
                    "org/duckdb/",
                    "picocli/",
                    "org/apache/flink/runtime/",
                    "org/apache/flink/streaming/api/",
                    "org/apache/flink/formats/",
                    "org/apache/flink/connector/file/",
                    "org/apache/avro/",
                    "org/apache/logging/",
                    "org/slf4j/");
            List<String> found = jar.stream()
                    .map(JarEntry::getName)
                    .filter(name -> forbidden.stream().anyMatch(name::startsWith))
                    .limit(5)
                    .toList();
            assertThat(found).as("entries under forbidden packages").isEmpty();
        }
        long size = Files.size(Paths.get("target", "vpcflow-job.jar"));
        assertThat(size).as("the job jar's size; a larger one needs a reason").isLessThan(JOB_JAR_BUDGET_BYTES);
    }

    /**
     * The job jar's size budget: connectors, Parquet, the Hadoop parts Parquet needs (reading it needs MapReduce's
     * input-format classes too: 1.8 MB), the AWS SDK and our code.
     */
    private static final long JOB_JAR_BUDGET_BYTES = 84L << 20;
}
