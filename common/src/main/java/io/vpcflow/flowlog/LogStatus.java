package io.vpcflow.flowlog;

import io.vpcflow.text.Coded;

/** Whether a record carries traffic ({@code OK}), none ({@code NODATA}) or stands for lost records ({@code SKIPDATA}). */
public enum LogStatus implements Coded {
    OK,
    NODATA,
    SKIPDATA;

    /** As AWS writes it, e.g. {@code OK}. */
    @Override
    public String code() {
        return name();
    }
}
