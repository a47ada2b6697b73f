package io.vpcflow.cli.support;

import io.vpcflow.flowlog.FlowLogFormat;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** {@code --format}: the layout of lines that do not say their own. */
public final class FormatOption {
    @Option(
            names = "--format",
            paramLabel = "FORMAT",
            converter = Converter.class,
            description = "The format of lines that carry none (no header line, no Kafka format header), as AWS writes "
                    + "it ('$${version} $${account-id} ...') or as plain names. Default: the default v2 layout.")
    public FlowLogFormat format;

    /** The format in AWS's syntax, or null for the default. */
    public String awsFormatOrNull() {
        return format == null ? null : format.toAwsFormat();
    }

    /** Reads {@code --format}; a bad one is a sentence the user can act on. */
    static final class Converter implements CommandLine.ITypeConverter<FlowLogFormat> {
        @Override
        public FlowLogFormat convert(String value) {
            try {
                return FlowLogFormat.parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }
}
