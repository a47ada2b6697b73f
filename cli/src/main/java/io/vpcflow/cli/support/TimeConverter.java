package io.vpcflow.cli.support;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import picocli.CommandLine;

/** A time option: an ISO-8601 instant ({@code 2026-11-26T12:00:00Z}) or a UTC date ({@code 2026-11-26}). */
public final class TimeConverter implements CommandLine.ITypeConverter<Instant> {
    @Override
    public Instant convert(String value) {
        try {
            return value.length() == 10
                    ? LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant()
                    : Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new CommandLine.TypeConversionException(
                    "'" + TerminalText.safe(value, 40) + "' is not a time such as 2026-11-26T12:00:00Z or 2026-11-26");
        }
    }
}
