package io.vpcflow.flowlog;

/** Whether a record carries traffic ({@code OK}), none ({@code NODATA}) or stands for lost records ({@code SKIPDATA}). */
public enum LogStatus {
    OK,
    NODATA,
    SKIPDATA
}
